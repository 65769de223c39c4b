package io.mmatracker.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mmatracker.app.Main;

class SimulateCommandTest {

    @Test
    void startsAndAnswersLikeMmaUntilStopped() throws Exception {
        TestCli cli = new TestCli();
        CompletableFuture<TestCli.Result> running = CompletableFuture.supplyAsync(() -> cli.run("simulate",
                "--port", "0", "--seed", "7", "--sources", "2", "--speed", "120", "--jobs", "3", "--tables", "12"));

        await().atMost(Duration.ofSeconds(20)).until(() -> cli.out().contains("Ctrl-C stops it."));
        Matcher url = Pattern.compile("MMA simulator on (http://127\\.0\\.0\\.1:\\d+) \\(seed 7: 2 sources x 3 jobs x 12 tables, "
                + "120x speed, unsigned requests accepted\\)").matcher(cli.out());
        assertThat(url.find()).as(cli.out()).isTrue();
        HttpResponse<String> sources = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.group(1) + "/api/v1/mms/datasources")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sources.statusCode()).isEqualTo(200);
        assertThat(sources.body()).contains("\"requestId\"", "\"objectList\"", "\"id\":2000001");
        assertThat(cli.out()).contains("/_sim/time");

        cli.stop().request();
        assertThat(running.get(20, TimeUnit.SECONDS).exitCode()).isEqualTo(Main.OK);
    }

    @Test
    void aBadValueNamesItsSettingAndWhatItAccepts() {
        TestCli.Result result = TestCli.execute("simulate", "--port", "0", "--failure-rate", "2");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("simulator.failure-rate", "'2'", "from 0.0 to 1.0");
    }

    @Test
    void anAccessKeyIdWithoutItsSecretIsRefused() {
        TestCli.Result result = TestCli.execute("simulate", "--port", "0", "--access-key-id", "ak");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("simulator.access-key-secret (MMA_TRACKER_SIMULATOR_ACCESS_KEY_SECRET) is missing");
    }

    @Test
    void theSecretMayComeFromTheEnvironmentAndIsNeverPrinted() throws Exception {
        TestCli cli = new TestCli(Map.of("MMA_TRACKER_SIMULATOR_ACCESS_KEY_SECRET", "s3cr3t-value"));
        CompletableFuture<TestCli.Result> running = CompletableFuture.supplyAsync(() -> cli.run("simulate",
                "--port", "0", "--access-key-id", "demo-key"));

        await().atMost(Duration.ofSeconds(20)).until(() -> cli.out().contains("Ctrl-C stops it."));
        cli.stop().request();
        TestCli.Result result = running.get(20, TimeUnit.SECONDS);

        assertThat(result.out()).contains("signatures required for AccessKey demo-key").doesNotContain("s3cr3t-value");
        assertThat(result.err()).doesNotContain("s3cr3t-value");
    }
}

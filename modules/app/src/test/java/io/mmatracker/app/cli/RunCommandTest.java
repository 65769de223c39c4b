package io.mmatracker.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.mmatracker.app.Main;
import io.mmatracker.simulator.Simulator;
import io.mmatracker.simulator.SimulatorConfig;
import io.mmatracker.simulator.stats.Outcome;
import io.mmatracker.testkit.KafkaFixture;

/** {@code run} against a Kafka it did not start and an MMA endpoint that signs nothing but checks signatures. */
class RunCommandTest {

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    @Test
    void runsEveryRoleFromAConfigFileAndTheEnvironmentAndStopsOnTheSignal(@TempDir Path dir) throws Exception {
        try (Simulator mma = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(1, 2, 8)
                .withAccessKey("ak-test", "sk-test-secret"), Clock.systemUTC())) {
            Path file = configFile(dir, "run", mma, "poller.active-interval=1s");
            TestCli cli = new TestCli(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "ak-test",
                    "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sk-test-secret"));

            CompletableFuture<TestCli.Result> running = CompletableFuture.supplyAsync(
                    () -> cli.run("run", "--config", file.toString()));

            await().atMost(Duration.ofSeconds(60)).until(() -> cli.out().contains("HTTP API, events and /metrics on port"));
            Matcher port = Pattern.compile("on port (\\d+)").matcher(cli.out());
            assertThat(port.find()).isTrue();
            assertThat(cli.out()).contains("running poller, Kafka Streams, query API against Kafka " + KAFKA.bootstrapServers());
            HttpClient http = HttpClient.newHttpClient();
            URI source = URI.create("http://127.0.0.1:" + port.group(1) + "/api/v1/mms/datasources/2000001");
            await().atMost(Duration.ofSeconds(90)).until(() -> http.send(HttpRequest.newBuilder(source).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("mma_poller_requests_total{", "mma_streams_running ", "mma_query_requests_total{");
            assertThat(mma.stats().total(Outcome.OK)).isPositive();
            assertThat(mma.stats().total(Outcome.UNAUTHORIZED)).isZero();

            cli.stop().request();
            TestCli.Result result = running.get(60, TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.OK);
            assertThat(result.out() + result.err()).doesNotContain("sk-test-secret");
        }
    }

    @Test
    void theRealProcessExitsZeroWhenSigtermStopsItCleanly(@TempDir Path dir) throws Exception {
        try (Simulator mma = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(1, 2, 8), Clock.systemUTC())) {
            Path file = configFile(dir, "sigterm", mma);
            try (ChildJvm child = ChildJvm.start(dir, "run", "--config", file.toString())) {
                await().atMost(Duration.ofSeconds(90)).until(() -> child.out().contains("HTTP API, events and /metrics"));
                Matcher port = Pattern.compile("on port (\\d+)").matcher(child.out());
                assertThat(port.find()).isTrue();
                HttpClient http = HttpClient.newHttpClient();
                URI live = URI.create("http://127.0.0.1:" + port.group(1) + "/health/live");
                await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(live).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

                child.process().destroy();

                assertThat(child.process().waitFor(90, TimeUnit.SECONDS)).as(child.err()).isTrue();
                assertThat(child.process().exitValue()).as(child.err()).isEqualTo(Main.OK);
            }
        }
    }

    /** A {@code run} configuration against the test broker and {@code mma}, on topics and an application of its own. */
    private static Path configFile(Path dir, String name, Simulator mma, String... more) throws IOException {
        String prefix = KAFKA.uniqueName(name) + ".";
        List<String> lines = new ArrayList<>(List.of(
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(),
                "topics.prefix=" + prefix,
                "topics.partitions=2",
                "topics.replication-factor=1",
                "mma.endpoint=" + mma.baseUrl(),
                "streams.application-id=" + prefix + "tracker",
                "streams.state-dir=" + dir.resolve("state"),
                "query.port=0",
                "query.bind-host=127.0.0.1"));
        lines.addAll(List.of(more));
        Path file = dir.resolve("tracker.properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }
}

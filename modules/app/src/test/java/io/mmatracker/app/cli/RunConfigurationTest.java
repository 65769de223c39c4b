package io.mmatracker.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mmatracker.app.Main;

/** {@code run} refuses to start on a missing or bad setting, before it connects to anything. */
class RunConfigurationTest {

    private static final Map<String, String> KAFKA = Map.of("MMA_TRACKER_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");

    private static TestCli.Result run(Map<String, String> env, String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "run";
        System.arraycopy(args, 0, line, 1, args.length);
        return new TestCli(env).run(line);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aQueryApiOnANetworkAddressNeedsAnAuthFileOrQueryAuthNone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Map<String, String> env = with(KAFKA, "MMA_TRACKER_MMA_ENDPOINT", "https://example.com");
        TestCli.Result open = run(env, "--set", "query.port=0");
        TestCli.Result missingFile = run(env, "--set", "query.auth-file=" + dir.resolve("absent.json"));
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("auth.json"),
                "{\"tokens\":[{\"name\":\"ci\",\"token\":\"a-token-of-32-characters-000000\",\"policy\":{\"Version\":\"1\"}}]}");
        TestCli.Result badPolicy = run(env, "--set", "query.auth-file=" + bad);

        assertThat(open.exitCode()).isEqualTo(Main.USAGE);
        assertThat(open.err()).contains("query.bind-host 0.0.0.0 is not a loopback address", "query.auth-file", "query.auth=none");
        assertThat(missingFile.exitCode()).isEqualTo(Main.USAGE);
        assertThat(missingFile.err()).contains("query.auth-file", "absent.json");
        assertThat(badPolicy.exitCode()).isEqualTo(Main.USAGE);
        assertThat(badPolicy.err()).contains("tokens[0] (name ci): policy: Statement").doesNotContain("a-token-of-32");
    }

    @Test
    void withoutKafkaTheMessageNamesTheKeyAndItsVariable() {
        TestCli.Result result = run(Map.of());

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("missing setting kafka.bootstrap.servers (MMA_TRACKER_KAFKA_BOOTSTRAP_SERVERS)");
    }

    @Test
    void thePollerNeedsAnEndpointOrARegion() {
        TestCli.Result result = run(KAFKA);

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("missing setting mma.endpoint (MMA_TRACKER_MMA_ENDPOINT) or mma.region "
                + "(MMA_TRACKER_MMA_REGION)", "cn-shanghai");
    }

    @Test
    void endpointAndRegionTogetherAreAmbiguous() {
        TestCli.Result result = run(with(KAFKA, "MMA_TRACKER_MMA_REGION", "cn-shanghai"),
                "--set", "mma.endpoint=https://example.com");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("both mma.endpoint and mma.region are set", "environment variable MMA_TRACKER_MMA_REGION");
    }

    @Test
    void aBadRegionSaysWhatARegionLooksLike() {
        TestCli.Result result = run(with(KAFKA, "MMA_TRACKER_MMA_REGION", "Shanghai!"));

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("mma.region", "cn-shanghai");
    }

    @Test
    void halfAnAccessKeyIsRefusedWithoutShowingTheSecret() {
        TestCli.Result fromSettings = run(with(KAFKA, "MMA_TRACKER_MMA_ENDPOINT", "https://example.com",
                "MMA_TRACKER_MMA_ACCESS_KEY_SECRET", "very-secret-1"));
        TestCli.Result fromAlibabaVariables = run(with(KAFKA, "MMA_TRACKER_MMA_ENDPOINT", "https://example.com",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "very-secret-2"));

        assertThat(fromSettings.exitCode()).isEqualTo(Main.USAGE);
        assertThat(fromSettings.err()).contains("mma.access-key-id (MMA_TRACKER_MMA_ACCESS_KEY_ID) is not")
                .doesNotContain("very-secret-1");
        assertThat(fromAlibabaVariables.exitCode()).isEqualTo(Main.USAGE);
        assertThat(fromAlibabaVariables.err()).contains("ALIBABA_CLOUD_ACCESS_KEY_ID is not").doesNotContain("very-secret-2");
    }

    @Test
    void rolesAreCheckedByName() {
        TestCli.Result bogus = run(KAFKA, "--roles", "poller,indexer");
        TestCli.Result queryAlone = run(KAFKA, "--roles", "query");

        assertThat(bogus.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bogus.err()).contains("bad setting roles = 'poller,indexer'", "subset of poller, streams, query");
        assertThat(queryAlone.exitCode()).isEqualTo(Main.USAGE);
        assertThat(queryAlone.err()).contains("needs streams too");
    }

    @Test
    void badNumbersAndDurationsNameTheirKeyAndOrigin() {
        TestCli.Result standby = run(with(KAFKA, "MMA_TRACKER_STREAMS_NUM_STANDBY_REPLICAS", "many"), "--roles", "streams");
        TestCli.Result stall = run(KAFKA, "--roles", "streams", "--set", "streams.stall-timeout=soon");

        assertThat(standby.exitCode()).isEqualTo(Main.USAGE);
        assertThat(standby.err()).contains("streams.num-standby-replicas = 'many'",
                "environment variable MMA_TRACKER_STREAMS_NUM_STANDBY_REPLICAS", "from 0 to 10");
        assertThat(stall.exitCode()).isEqualTo(Main.USAGE);
        assertThat(stall.err()).contains("streams.stall-timeout", "command line", "500ms, 5s");
    }
}

package io.mmatracker.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mmatracker.app.Main;

class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "simulate", "topics", "watch"})
    void everyCommandExplainsItselfWithHelp(String command) {
        TestCli.Result result = TestCli.execute(command, "--help");

        assertThat(result.exitCode()).isEqualTo(Main.OK);
        assertThat(result.out()).contains("Usage: mma-tracker " + command).contains("--help");
    }

    @Test
    void theOverviewListsTheCommandsAndExitCodes() {
        TestCli.Result result = TestCli.execute("--help");

        assertThat(result.exitCode()).isEqualTo(Main.OK);
        assertThat(result.out()).contains("demo", "run", "simulate", "topics", "watch", "Exit codes");
    }

    @Test
    void noCommandIsBadUsage() {
        TestCli.Result result = TestCli.execute();

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("Commands:");
    }

    @Test
    void anUnknownOptionIsBadUsageWithAHint() {
        TestCli.Result result = TestCli.execute("topics", "--bootstrapp", "x:1");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("--bootstrapp");
    }

    @Test
    void aMisspelledSettingIsBadUsageAndSuggestsTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tracker.properties");
        Files.writeString(file, "poller.activ-interval=5s\n");

        TestCli.Result result = TestCli.execute("run", "--config", file.toString());

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("unknown setting poller.activ-interval", "did you mean poller.active-interval?");
    }

    @Test
    void anUnknownTrackerVariableIsBadUsage() {
        TestCli.Result result = new TestCli(Map.of("MMA_TRACKER_QUERY_PORTT", "1")).run("run");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("MMA_TRACKER_QUERY_PORTT", "did you mean MMA_TRACKER_QUERY_PORT?");
    }

    @Test
    void aMissingConfigFileIsBadUsage(@TempDir Path dir) {
        TestCli.Result result = TestCli.execute("run", "--config", dir.resolve("nope.properties").toString());

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("nope.properties does not exist");
    }

    @Test
    void aBadLogFormatIsBadUsage() {
        TestCli.Result result = TestCli.execute("--log-format", "xml", "watch", "--help");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("--log-format", "xml");
    }
}

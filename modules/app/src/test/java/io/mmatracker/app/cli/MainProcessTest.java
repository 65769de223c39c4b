package io.mmatracker.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mmatracker.app.Main;

/** The real {@code main} in a child JVM: short commands exit as soon as they are done, a long one exits 0 on SIGTERM. */
class MainProcessTest {

    /**
     * Far below the 60 s a stray shutdown hook used to wait, far above a JVM start on a loaded machine; the 3 s a
     * user expects is measured by hand (app README), not here.
     */
    private static final Duration PROMPT = Duration.ofSeconds(25);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "mma-tracker {0} exits {1}")
    @CsvSource(delimiter = '|', value = {
            "--help|0",
            "--version|0",
            "demo --help|0",
            "run --help|0",
            "topics --bootstrap-servers x|2"})
    void aShortCommandExitsAsSoonAsItIsDone(String args, int expected) throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, args.split(" "))) {
            boolean exited = child.process().waitFor(PROMPT.toSeconds(), TimeUnit.SECONDS);

            assertThat(exited).as("exited within %s; out: %s err: %s", PROMPT, child.out(), child.err()).isTrue();
            assertThat(child.process().exitValue()).as(child.err()).isEqualTo(expected);
            assertThat(child.out() + child.err()).contains(expected == Main.OK ? "mma-tracker" : "--bootstrap-servers");
        }
    }

    @Test
    void aCommandThatRunsUntilStoppedExitsZeroOnSigterm() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, "simulate", "--port", "0")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> child.out().contains("Ctrl-C stops it."));

            child.process().destroy();

            assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process().exitValue()).as(child.err()).isEqualTo(Main.OK);
        }
    }
}

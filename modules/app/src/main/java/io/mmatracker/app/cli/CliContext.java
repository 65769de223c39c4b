package io.mmatracker.app.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.mmatracker.app.lifecycle.StopSignal;

/**
 * What a command may touch of the outside world: the environment, its output streams, whether the output is a
 * terminal, the signal to stop, and the clock. Tests pass their own.
 *
 * @param env         environment variables
 * @param out         the command's output (banners, reports, the watch view)
 * @param err         error messages (logs go to standard error separately)
 * @param terminal    whether {@code out} is an interactive terminal (colours, redrawn progress)
 * @param stop        raised when the command should shut down (by SIGTERM or Ctrl-C only in a command that runs until
 *                    stopped: see {@link StopSignal#untilStopped()})
 * @param clock       the wall clock
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal, StopSignal stop,
                         Clock clock) {

    /** How long Ctrl-C or SIGTERM waits for every role to close before the JVM halts anyway. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    public CliContext {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * This process: its environment, standard output and error, and a stop that SIGTERM or Ctrl-C raise once the
     * command asks for it ({@link StopSignal#untilStopped()}).
     */
    public static CliContext system() {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new CliContext(System.getenv(),
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                terminal, StopSignal.onJvmShutdown(SHUTDOWN_GRACE), Clock.systemUTC());
    }
}

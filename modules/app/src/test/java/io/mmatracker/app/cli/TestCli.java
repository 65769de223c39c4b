package io.mmatracker.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

import io.mmatracker.app.Main;
import io.mmatracker.app.lifecycle.StopSignal;

/** Runs command lines in this JVM with captured output and a given environment. */
public final class TestCli {

    /** What one command line did. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> env;
    private final StopSignal stop = new StopSignal();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public TestCli(Map<String, String> env) {
        this.env = env;
    }

    public TestCli() {
        this(Map.of());
    }

    public CliContext context() {
        return new CliContext(env, new PrintWriter(out, true), new PrintWriter(err, true), false, stop, Clock.systemUTC());
    }

    public StopSignal stop() {
        return stop;
    }

    /** Output so far (for commands still running on another thread). */
    public synchronized String out() {
        return out.toString();
    }

    public Result run(String... args) {
        int code = Main.execute(context(), null, args);
        return new Result(code, out.toString(), err.toString());
    }

    public static Result execute(String... args) {
        return new TestCli().run(args);
    }
}

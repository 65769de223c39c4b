package io.mmatracker.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder of the watch command. */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Not wired yet.")
public final class WatchCommand implements Callable<Integer> {

    private final CliContext context;

    public WatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.err().println("watch is not wired yet");
        return 1;
    }
}

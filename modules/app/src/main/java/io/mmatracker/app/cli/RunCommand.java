package io.mmatracker.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder of the {@code run} command until its role lands. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Not wired yet.")
public final class RunCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConfigOptions config;

    public RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        config.load(context, java.util.Map.of());
        throw new IllegalStateException("run is not wired yet");
    }
}

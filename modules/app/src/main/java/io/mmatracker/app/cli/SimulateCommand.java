package io.mmatracker.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder of the {@code simulate} command until its role lands. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Not wired yet.")
public final class SimulateCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConfigOptions config;

    public SimulateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        config.load(context, java.util.Map.of());
        throw new IllegalStateException("simulate is not wired yet");
    }
}

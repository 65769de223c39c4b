package io.mmatracker.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder of the {@code demo} command until its role lands. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Not wired yet.")
public final class DemoCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConfigOptions config;

    public DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        config.load(context, java.util.Map.of());
        throw new IllegalStateException("demo is not wired yet");
    }
}

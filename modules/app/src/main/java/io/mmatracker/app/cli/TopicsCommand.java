package io.mmatracker.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder of the {@code topics} command until its role lands. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Not wired yet.")
public final class TopicsCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConfigOptions config;

    public TopicsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        config.load(context, java.util.Map.of());
        throw new IllegalStateException("topics is not wired yet");
    }
}

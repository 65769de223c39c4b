package io.mmatracker.app.cli;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import io.mmatracker.app.Main;
import io.mmatracker.app.watch.TrackerApi;
import io.mmatracker.app.watch.WatchTarget;
import io.mmatracker.app.watch.WatchView;
import io.mmatracker.app.watch.Watcher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mma-tracker watch}: a live terminal view of a data source or a job. */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow a data source or a migration job live: progress bars, status changes, and failures "
                + "and alerts highlighted. Reads the tracker's HTTP API and its event stream (Ctrl-C to stop).",
                "Colours and a redrawn screen on a terminal; one line per event otherwise (pipes, logs)."},
        footer = {"", "Examples:", "  mma-tracker watch --source 1", "  mma-tracker watch --job 1/3 --url http://tracker:8080"})
public final class WatchCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    static final class Target {
        @Option(names = "--source", paramLabel = "ID", required = true, description = "Follow a data source and its jobs.")
        Long source;

        @Option(names = "--job", paramLabel = "SOURCE/JOB", required = true, description = "Follow one job, e.g. 1/3.")
        String job;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = {"-u", "--url"}, paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "The tracker's HTTP API (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A bearer token for a tracker with access control (query.auth-file), read from this file.")
    java.nio.file.Path tokenFile;

    @Option(names = "--plain", description = "No colours and no redrawing, even on a terminal.")
    boolean plain;

    @Option(names = "--once", description = "Print the current state and exit (exit 1 if the tracker does not know it).")
    boolean once;

    public WatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        WatchTarget watched;
        try {
            watched = target.job != null ? WatchTarget.parseJob(target.job) : new WatchTarget.Source(target.source);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--job: " + e.getMessage());
        }
        if (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--url '" + url + "' is not an http:// URL");
        }
        boolean live = context.terminal() && !plain;
        String token = null;
        if (tokenFile != null) {
            try {
                token = java.nio.file.Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--token-file " + tokenFile + " cannot be read");
            }
        }
        Watcher watcher = new Watcher(new TrackerApi(url, token), watched, new WatchView(live, ZoneId.systemDefault()),
                context.out(), live && !once, context.stop());
        if (once) {
            if (!watcher.once()) {
                context.err().println("mma-tracker: the tracker at " + url + " does not know " + describe(watched)
                        + " (yet)");
                return Main.FAILURE;
            }
            return Main.OK;
        }
        context.stop().untilStopped();
        watcher.follow();
        return Main.OK;
    }

    private static String describe(WatchTarget target) {
        return target instanceof WatchTarget.Job job ? "job " + job.sourceId() + "/" + job.jobId()
                : "source " + target.sourceId();
    }
}

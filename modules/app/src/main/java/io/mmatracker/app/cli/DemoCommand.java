package io.mmatracker.app.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.mmatracker.app.Main;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.wiring.Demo;
import io.mmatracker.app.wiring.DemoReadiness;
import io.mmatracker.app.wiring.SimulatorSettings;
import io.mmatracker.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mma-tracker demo}: the whole tracker and an MMA simulator in one process, on this machine. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run everything in one process: an embedded Kafka broker (KRaft), the MMA simulator, the poller, "
                + "the Streams topology and the HTTP API. Data is kept in the data directory: start it again to resume "
                + "where it stopped. Ctrl-C stops everything cleanly."},
        footer = {"", "Every setting (see 'mma-tracker run --help' and the README) can also be given with --set, "
                + "--config or MMA_TRACKER_* variables."})
public final class DemoCommand implements Callable<Integer> {

    /** How long the demo waits for its API to serve the first poll before it says so and carries on. */
    private static final Duration READY_BOUND = Duration.ofSeconds(120);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final CliContext context;
    private Instant startedAt;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP API, events and /metrics (query.port, default 8080; 0: any free port).")
    String httpPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Embedded Kafka broker (demo.kafka-port, default 9092; 0: any free port).")
    String kafkaPort;

    @Option(names = "--sim-port", paramLabel = "PORT", description = "MMA simulator (simulator.port, default 8090; 0: any free port).")
    String simulatorPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Broker data and Streams state (demo.data-dir, default ./mma-tracker-data).")
    Path dataDir;

    @Option(names = "--auth-file", paramLabel = "PATH", description = "Protect the HTTP API with AccessKeys, tokens and RAM "
            + "policies (query.auth-file; default: open, on loopback only).")
    Path authFile;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated fleet (simulator.seed, default 42).")
    String seed;

    @Option(names = "--sources", paramLabel = "N", description = "Simulated data sources (simulator.sources, default 3).")
    String sources;

    @Option(names = "--speed", paramLabel = "X", description = "Simulated seconds per second (simulator.speed, default 60).")
    String speed;

    @Option(names = "--schema-registry", paramLabel = "URL", description = "Registry mode: values in Confluent's wire "
            + "format through this Schema Registry API (serde.schema.registry.url; Apicurio: http://HOST:PORT/apis/ccompat/v7).")
    String schemaRegistry;

    @Mixin
    ConfigOptions config;

    public DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        startedAt = context.clock().instant();
        Settings settings = config.load(context, new Flags()
                .put("query.port", httpPort)
                .put("demo.kafka-port", kafkaPort)
                .put("simulator.port", simulatorPort)
                .put("demo.data-dir", dataDir)
                .put("query.auth-file", authFile)
                .put("simulator.seed", seed)
                .put("simulator.sources", sources)
                .put("simulator.speed", speed)
                .put("serde.schema.registry.url", schemaRegistry)
                .toMap());
        context.stop().untilStopped();
        AtomicReference<String> failure = new AtomicReference<>();
        try (Demo demo = Demo.start(settings, context.clock(), reason -> {
            failure.compareAndSet(null, reason);
            context.stop().request();
        })) {
            Optional<DemoReadiness.Outcome> ready = awaitReady(demo);
            if (!(ready.orElse(null) instanceof DemoReadiness.Outcome.Stopped)) {
                banner(demo, ready);
            }
            context.stop().awaitRequest();
            List<String> stopping = new ArrayList<>(demo.roles());
            Collections.reverse(stopping);
            context.out().println("mma-tracker: stopping " + String.join(", ", stopping) + "...");
        }
        context.out().println("mma-tracker: stopped; the data stays in " + settingsDataDir(settings));
        if (failure.get() != null) {
            context.err().println("mma-tracker: demo failed: " + failure.get());
            return Main.FAILURE;
        }
        return Main.OK;
    }

    private static Path settingsDataDir(Settings settings) {
        return Demo.Config.from(settings).dataDirectory();
    }

    /**
     * Waits until the tracker serves the first poll of the fleet and a running job answers, with a progress line
     * now and then; empty without an HTTP API.
     */
    private Optional<DemoReadiness.Outcome> awaitReady(Demo demo) throws InterruptedException {
        // with an auth file the demo holds no credential of its own to probe its API with: it prints at once
        if (demo.httpPort().isEmpty() || demo.tracker().query().map(QueryService::isAccessControlled).orElse(false)) {
            return Optional.empty();
        }
        var out = context.out();
        out.printf("mma-tracker: started in %.1f s; waiting until the API serves the first poll of the fleet...%n",
                demo.startup().toMillis() / 1000.0);
        long[] lastLine = {System.nanoTime()};
        DemoReadiness readiness = new DemoReadiness(demo.simulator(), URI.create("http://127.0.0.1:" + demo.httpPort().get()));
        DemoReadiness.Outcome outcome = readiness.await(READY_BOUND, context.stop(), progress -> {
            if (System.nanoTime() - lastLine[0] >= PROGRESS_EVERY.toNanos() && !progress.isComplete()) {
                out.println("mma-tracker: waiting: " + progress + " served so far");
                lastLine[0] = System.nanoTime();
            }
        });
        if (outcome instanceof DemoReadiness.Outcome.NotReady notReady) {
            context.err().println("mma-tracker: the API did not serve the first poll of the fleet within "
                    + READY_BOUND.toSeconds() + " s (" + notReady.progress() + " served); the demo keeps running "
                    + "and polling, see the log above for why");
        }
        return Optional.of(outcome);
    }

    private void banner(Demo demo, Optional<DemoReadiness.Outcome> ready) {
        var out = context.out();
        double startedIn = demo.startup().toMillis() / 1000.0;
        Optional<DemoReadiness.Outcome.Ready> isReady = ready.filter(DemoReadiness.Outcome.Ready.class::isInstance)
                .map(DemoReadiness.Outcome.Ready.class::cast);
        Optional<String> readyJob = isReady.map(DemoReadiness.Outcome.Ready::jobKey);
        if (ready.isEmpty() || isReady.isPresent()) {
            out.printf("%nmma-tracker demo is up (started in %.1f s, serving the fleet after %.1f s)%n", startedIn,
                    Duration.between(startedAt, context.clock().instant()).toMillis() / 1000.0);
        } else {
            out.printf("%nmma-tracker demo is running (started in %.1f s) but not serving the whole fleet yet%n", startedIn);
        }
        String sourceId = SimulatorSettings.exampleSourceId(demo.simulator()).map(String::valueOf).orElse("{sourceId}");
        String[] job = readyJob.or(() -> SimulatorSettings.exampleJobKey(demo.simulator())).map(key -> key.split("/"))
                .orElse(new String[] {sourceId, "{jobId}"});
        String scheme = demo.tracker().query().map(QueryService::scheme).orElse("http");
        demo.httpPort().ifPresent(port -> {
            String api = scheme + "://localhost:" + port;
            out.println("  API            " + api + "/api/v1/mms/datasources/{sourceId}[/jobs/{jobId}]");
            out.println("  events (SSE)   " + api + "/events?source={sourceId}");
            out.println("  metrics        " + api + "/metrics");
            demo.tracker().query().ifPresent(query -> out.println("  access         " + query.authFile()
                    .map(file -> "AccessKey signatures or bearer tokens required (auth file " + file + ")")
                    .orElse("open, listening on " + query.bindHost() + " only (--auth-file PATH protects it)")));
        });
        out.println("  Kafka          " + demo.bootstrapServers() + " (topics " + demo.kafka().topics().prefix() + "*)");
        out.println("  MMA simulator  " + demo.simulatorUrl() + " (admin: " + demo.simulatorUrl() + "/_sim/)");
        out.println("  data           " + demo.config().dataDirectory() + " (kept: start again to resume)");
        if (!demo.notWired().isEmpty()) {
            out.println("  not in this build yet: " + String.join(", ", demo.notWired()));
        }
        demo.httpPort().ifPresent(port -> {
            String api = scheme + "://localhost:" + port;
            out.println();
            out.println("Try:");
            String token = demo.tracker().query().filter(QueryService::isAccessControlled)
                    .map(query -> "-H \"Authorization: Bearer $TOKEN\" ").orElse("");
            out.println("  curl -s " + token + api + "/api/v1/mms/datasources/" + job[0] + "/jobs/" + job[1]);
            out.println("  curl -N " + token + "'" + api + "/events?source=" + job[0] + "'");
            out.println("  curl -s -X POST " + demo.simulatorUrl() + "/_sim/datasources/" + job[0] + "/jobs/" + job[1]
                    + " -d '{\"status\":\"FAILED\"}'    # the alert follows within a minute");
            out.println("  ./mma-tracker watch --source " + job[0] + " --url " + api
                    + (token.isEmpty() ? "" : " --token-file FILE"));
        });
        out.println();
        out.println("Ctrl-C stops everything.");
        out.flush();
    }
}

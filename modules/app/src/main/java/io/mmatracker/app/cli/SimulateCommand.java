package io.mmatracker.app.cli;

import java.util.concurrent.Callable;

import io.mmatracker.app.Main;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.lifecycle.StartedRoles;
import io.mmatracker.app.wiring.Ports;
import io.mmatracker.app.wiring.SimulatorSettings;
import io.mmatracker.simulator.Simulator;
import io.mmatracker.simulator.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mma-tracker simulate}: the MMA API simulator on its own, for the tracker, the SDKs or curl. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a simulated MMA API: MMA's paths and JSON over a generated fleet that evolves with "
                + "simulated time, with fault injection and admin controls under /_sim/ (see the simulator README). "
                + "Ctrl-C stops it."},
        footer = {"", "Example: mma-tracker simulate --port 8090 --seed 42 --sources 3 --speed 60 --throttle-rate 0.1",
                "The AccessKey secret is better given as MMA_TRACKER_SIMULATOR_ACCESS_KEY_SECRET than on the command line."})
public final class SimulateCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (simulator.host, default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (simulator.port, default 8090; 0: any free port).")
    String port;

    @Option(names = "--seed", paramLabel = "N", description = "Everything generated derives from it (simulator.seed, default 42).")
    String seed;

    @Option(names = "--sources", paramLabel = "N", description = "Data sources (simulator.sources, default 3).")
    String sources;

    @Option(names = {"--jobs-per-source", "--jobs"}, paramLabel = "N",
            description = "Migration jobs per source (simulator.jobs-per-source, default 4).")
    String jobs;

    @Option(names = {"--tables-per-source", "--tables"}, paramLabel = "N",
            description = "Tables per source (simulator.tables-per-source, default 40).")
    String tables;

    @Option(names = "--speed", paramLabel = "X", description = "Simulated seconds per second (simulator.speed, default 60).")
    String speed;

    @Option(names = "--failure-rate", paramLabel = "0..1",
            description = "Share of jobs and scans that fail (simulator.failure-rate, default 0.1).")
    String failureRate;

    @Option(names = "--server-error-rate", paramLabel = "0..1", description = "Share of 500/503 answers (default 0).")
    String serverErrorRate;

    @Option(names = "--throttle-rate", paramLabel = "0..1", description = "Share of Throttling.User answers (default 0).")
    String throttleRate;

    @Option(names = "--malformed-rate", paramLabel = "0..1", description = "Share of truncated JSON bodies (default 0).")
    String malformedRate;

    @Option(names = "--reset-rate", paramLabel = "0..1", description = "Share of connections reset (default 0).")
    String resetRate;

    @Option(names = "--latency", paramLabel = "DURATION", description = "Delay added to every answer, e.g. 200ms (default 0).")
    String latency;

    @Option(names = "--latency-jitter", paramLabel = "DURATION", description = "Up to this much more delay (default 0).")
    String latencyJitter;

    @Option(names = "--fault-operations", paramLabel = "OP,...",
            description = "MMA operations the faults apply to, e.g. GetMmsJob,ListMmsTables (default all).")
    String faultOperations;

    @Option(names = "--access-key-id", paramLabel = "ID",
            description = "Require requests signed (ACS3-HMAC-SHA256) by this AccessKey (simulator.access-key-id).")
    String accessKeyId;

    @Option(names = "--access-key-secret", paramLabel = "SECRET",
            description = "Its secret (simulator.access-key-secret); never printed.")
    String accessKeySecret;

    @Mixin
    ConfigOptions config;

    public SimulateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = config.load(context, new Flags()
                .put("simulator.host", host)
                .put("simulator.port", port)
                .put("simulator.seed", seed)
                .put("simulator.sources", sources)
                .put("simulator.jobs-per-source", jobs)
                .put("simulator.tables-per-source", tables)
                .put("simulator.speed", speed)
                .put("simulator.failure-rate", failureRate)
                .put("simulator.server-error-rate", serverErrorRate)
                .put("simulator.throttle-rate", throttleRate)
                .put("simulator.malformed-rate", malformedRate)
                .put("simulator.reset-rate", resetRate)
                .put("simulator.latency", latency)
                .put("simulator.latency-jitter", latencyJitter)
                .put("simulator.fault-operations", faultOperations)
                .put("simulator.access-key-id", accessKeyId)
                .put("simulator.access-key-secret", accessKeySecret)
                .toMap());
        SimulatorConfig simulatorConfig = SimulatorSettings.from(settings);
        Ports.requireFree(simulatorConfig.host(), simulatorConfig.port(), "the MMA simulator", "simulator.port, --port");
        context.stop().untilStopped();
        try (StartedRoles started = new StartedRoles()) {
            Simulator simulator = started.add("MMA simulator", Simulator.start(simulatorConfig, context.clock()));
            banner(simulator);
            context.stop().awaitRequest();
        }
        return Main.OK;
    }

    private void banner(Simulator simulator) {
        SimulatorConfig c = simulator.config();
        String url = simulator.baseUrl();
        var out = context.out();
        out.printf("MMA simulator on %s (seed %d: %d sources x %d jobs x %d tables, %sx speed, %s)%n", url, c.seed(),
                c.sources(), c.jobsPerSource(), c.tablesPerSource(), trim(c.speed()),
                c.requiresSignature() ? "signatures required for AccessKey " + c.accessKeyId() : "unsigned requests accepted");
        if (c.faults().isActive()) {
            out.println("  faults: " + c.faults());
        }
        out.println("  data sources:  curl -s " + url + "/api/v1/mms/datasources");
        SimulatorSettings.exampleJobKey(simulator).ifPresent(key -> {
            String[] ids = key.split("/");
            out.println("  a job:         curl -s " + url + "/api/v1/mms/datasources/" + ids[0] + "/jobs/" + ids[1]);
            out.println("  fail it:       curl -s -X POST " + url + "/_sim/datasources/" + ids[0] + "/jobs/" + ids[1]
                    + " -d '{\"status\":\"FAILED\"}'");
        });
        out.println("  admin:         " + url + "/_sim/time, /_sim/faults, /_sim/stats");
        out.println("Ctrl-C stops it.");
        out.flush();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

}

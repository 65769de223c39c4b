package io.mmatracker.simulator;

import io.mmatracker.simulator.auth.Acs3Verifier;
import io.mmatracker.simulator.auth.RequestVerifier;
import io.mmatracker.simulator.fault.FaultControl;
import io.mmatracker.simulator.fault.FaultInjector;
import io.mmatracker.simulator.fleet.Fleet;
import io.mmatracker.simulator.fleet.FleetSpec;
import io.mmatracker.simulator.fleet.SimulatedTime;
import io.mmatracker.simulator.http.SimulatorServer;
import io.mmatracker.simulator.stats.SimulatorStats;
import io.mmatracker.simulator.stats.TransitionLog;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running MMA simulator: MMA's API paths and JSON over HTTP, served from a generated fleet that evolves with
 * simulated time, with fault injection and admin controls under {@code /_sim/}. Close it to stop the server.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorConfig config;
    private final Fleet fleet;
    private final FaultInjector faults;
    private final SimulatorServer server;
    private final TransitionLog transitions;

    private Simulator(SimulatorConfig config, Fleet fleet, FaultInjector faults, SimulatorServer server,
                      TransitionLog transitions) {
        this.config = config;
        this.transitions = transitions;
        this.fleet = fleet;
        this.faults = faults;
        this.server = server;
    }

    /** Builds the fleet and starts serving; simulated time starts at the clock's instant. */
    public static Simulator start(SimulatorConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Fleet fleet = new Fleet(new FleetSpec(config.seed(), config.sources(), config.jobsPerSource(),
            config.tablesPerSource(), config.failureRate()), new SimulatedTime(clock, config.speed()));
        FaultInjector faults = new FaultInjector(config.seed(), config.faults());
        RequestVerifier verifier = config.requiresSignature()
            ? new Acs3Verifier(config.accessKeyId(), config.accessKeySecret()) : RequestVerifier.NONE;
        TransitionLog transitions = new TransitionLog(clock);
        SimulatorServer server = new SimulatorServer(config.host(), config.port(), config.seed(), fleet, faults,
            new io.mmatracker.simulator.stats.StatsRecorder(), verifier, transitions);
        Simulator simulator = new Simulator(config, fleet, faults, server, transitions);
        LOG.info("MMA simulator listening on {} (seed {}, {} sources x {} jobs x {} tables, speed {}x, "
                + "signatures {})", simulator.baseUrl(), config.seed(), config.sources(), config.jobsPerSource(),
            config.tablesPerSource(), config.speed(), config.requiresSignature() ? "required" : "not checked");
        return simulator;
    }

    /** Like {@link #start(SimulatorConfig, Clock)} on the system clock. */
    public static Simulator start(SimulatorConfig config) {
        return start(config, Clock.systemUTC());
    }

    public SimulatorConfig config() {
        return config;
    }

    /** The port it listens on (the chosen one when the config asked for 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port}, usable as the MMA endpoint of a client. */
    public String baseUrl() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** Reads and changes the injected faults at run time. */
    public FaultControl faults() {
        return faults;
    }

    /** Request counts per operation and outcome so far. */
    public SimulatorStats stats() {
        return server.stats();
    }

    /** Starts counting from zero again. */
    public void resetStats() {
        server.resetStats();
    }

    /** The status changes served so far (off until {@link TransitionLog#startRecording()}), for checkers. */
    public TransitionLog transitions() {
        return transitions;
    }

    /** The fleet, for tests and tools that want to look without HTTP. */
    public Fleet fleet() {
        return fleet;
    }

    @Override
    public void close() {
        server.close();
        LOG.info("MMA simulator on port {} stopped", port());
    }
}

package io.mmatracker.simulator.fault;

import static io.mmatracker.simulator.fleet.SeededHash.between;
import static io.mmatracker.simulator.fleet.SeededHash.hash;
import static io.mmatracker.simulator.fleet.SeededHash.unit;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides the fault of each MMA request from the seed and the request's sequence number, so that a client
 * making the same requests in the same order meets the same faults.
 */
public final class FaultInjector implements FaultControl {

    /** The fault of one request and how long to hold its answer back. */
    public record Decision(Fault fault, long latencyMillis) {
        static final Decision NONE = new Decision(new Fault.None(), 0);
    }

    private static final long SALT_FAULT = 201;
    private static final long SALT_STATUS = 202;
    private static final long SALT_JITTER = 203;

    private final long seed;
    private final AtomicReference<FaultConfig> config;

    public FaultInjector(long seed, FaultConfig initial) {
        this.seed = seed;
        this.config = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    @Override
    public FaultConfig current() {
        return config.get();
    }

    @Override
    public void set(FaultConfig faults) {
        config.set(Objects.requireNonNull(faults));
    }

    public Decision decide(long sequence, String action) {
        FaultConfig c = config.get();
        if (!c.isActive() || (!c.operations().isEmpty() && !c.operations().contains(action))) {
            return Decision.NONE;
        }
        long latency = c.latencyMillis() + between(hash(seed, SALT_JITTER, sequence), 0, c.latencyJitterMillis() + 1);
        double u = unit(hash(seed, SALT_FAULT, sequence));
        boolean firstStatus = unit(hash(seed, SALT_STATUS, sequence)) < 0.5;
        double edge = c.resetRate();
        if (u < edge) {
            return new Decision(new Fault.Reset(), latency);
        }
        edge += c.malformedRate();
        if (u < edge) {
            return new Decision(new Fault.Malformed(), latency);
        }
        edge += c.throttleRate();
        if (u < edge) {
            int status = c.throttleStatus() != 0 ? c.throttleStatus() : firstStatus ? 400 : 429;
            return new Decision(new Fault.Throttle(status), latency);
        }
        edge += c.serverErrorRate();
        if (u < edge) {
            int status = c.serverErrorStatus() != 0 ? c.serverErrorStatus() : firstStatus ? 500 : 503;
            return new Decision(new Fault.ServerError(status), latency);
        }
        return new Decision(new Fault.None(), latency);
    }
}

package io.mmatracker.simulator.fault;

import io.mmatracker.simulator.protocol.SimulatedOperations;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which faults the simulator injects into MMA API answers (never into {@code /_sim/} admin answers). Each request
 * draws one number from the seed and its sequence number and gets, in this order of shares: a connection reset,
 * a truncated JSON body, a throttling error or a server error; everything else is answered normally. Latency is
 * added to every affected answer.
 *
 * @param serverErrorRate    share answered 500 InternalError or 503 ServiceUnavailable
 * @param serverErrorStatus  500, 503, or 0 to mix both
 * @param throttleRate       share answered {@code Throttling.User}
 * @param throttleStatus     400, 429, or 0 to mix both
 * @param latencyMillis      wall-clock delay added to each answer
 * @param latencyJitterMillis up to this much more delay, drawn per request
 * @param malformedRate      share whose JSON body is cut in half (after the operation ran)
 * @param resetRate          share whose connection is reset without an answer (before the operation ran)
 * @param operations         MMA action names the faults apply to; empty means all
 */
public record FaultConfig(double serverErrorRate, int serverErrorStatus, double throttleRate, int throttleStatus,
                          long latencyMillis, long latencyJitterMillis, double malformedRate, double resetRate,
                          Set<String> operations) {

    /** No faults at all. */
    public static final FaultConfig NONE = new FaultConfig(0, 0, 0, 0, 0, 0, 0, 0, Set.of());

    public FaultConfig {
        rate("serverErrorRate", serverErrorRate);
        rate("throttleRate", throttleRate);
        rate("malformedRate", malformedRate);
        rate("resetRate", resetRate);
        if (serverErrorRate + throttleRate + malformedRate + resetRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("serverErrorRate + throttleRate + malformedRate + resetRate must not "
                + "exceed 1");
        }
        if (serverErrorStatus != 0 && serverErrorStatus != 500 && serverErrorStatus != 503) {
            throw new IllegalArgumentException("serverErrorStatus must be 500, 503 or 0 (both), got "
                + serverErrorStatus);
        }
        if (throttleStatus != 0 && throttleStatus != 400 && throttleStatus != 429) {
            throw new IllegalArgumentException("throttleStatus must be 400, 429 or 0 (both), got " + throttleStatus);
        }
        if (latencyMillis < 0 || latencyMillis > 60_000 || latencyJitterMillis < 0 || latencyJitterMillis > 60_000) {
            throw new IllegalArgumentException("latencyMillis and latencyJitterMillis must be within 0..60000");
        }
        operations = operations == null ? Set.of() : Set.copyOf(new TreeSet<>(operations));
        for (String op : operations) {
            if (!SimulatedOperations.isSimulated(op)) {
                throw new IllegalArgumentException("operations: unknown MMA operation '" + op + "'");
            }
        }
    }

    public FaultConfig withServerErrors(double rate, int status) {
        return new FaultConfig(rate, status, throttleRate, throttleStatus, latencyMillis, latencyJitterMillis,
            malformedRate, resetRate, operations);
    }

    public FaultConfig withThrottling(double rate, int status) {
        return new FaultConfig(serverErrorRate, serverErrorStatus, rate, status, latencyMillis, latencyJitterMillis,
            malformedRate, resetRate, operations);
    }

    public FaultConfig withLatency(long millis, long jitterMillis) {
        return new FaultConfig(serverErrorRate, serverErrorStatus, throttleRate, throttleStatus, millis, jitterMillis,
            malformedRate, resetRate, operations);
    }

    public FaultConfig withMalformedRate(double rate) {
        return new FaultConfig(serverErrorRate, serverErrorStatus, throttleRate, throttleStatus, latencyMillis,
            latencyJitterMillis, rate, resetRate, operations);
    }

    public FaultConfig withResetRate(double rate) {
        return new FaultConfig(serverErrorRate, serverErrorStatus, throttleRate, throttleStatus, latencyMillis,
            latencyJitterMillis, malformedRate, rate, operations);
    }

    public FaultConfig onlyFor(Set<String> actions) {
        return new FaultConfig(serverErrorRate, serverErrorStatus, throttleRate, throttleStatus, latencyMillis,
            latencyJitterMillis, malformedRate, resetRate, actions);
    }

    /** Whether any fault or latency is configured. */
    public boolean isActive() {
        return serverErrorRate > 0 || throttleRate > 0 || malformedRate > 0 || resetRate > 0 || latencyMillis > 0
            || latencyJitterMillis > 0;
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, got " + value);
        }
    }
}

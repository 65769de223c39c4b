package io.mmatracker.simulator.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request counts per operation (MMA's action name, or {@code unknown} for paths that name none) and outcome,
 * as of one moment.
 */
public record SimulatorStats(Map<String, Map<Outcome, Long>> byOperation) {

    /** The operation name under which requests to unknown paths are counted. */
    public static final String UNKNOWN_OPERATION = "unknown";

    public SimulatorStats {
        Map<String, Map<Outcome, Long>> copy = new TreeMap<>();
        byOperation.forEach((op, counts) -> copy.put(op, Collections.unmodifiableMap(new EnumMap<>(counts))));
        byOperation = Collections.unmodifiableMap(copy);
    }

    public long count(String operation, Outcome outcome) {
        Map<Outcome, Long> counts = byOperation.get(operation);
        return counts == null ? 0 : counts.getOrDefault(outcome, 0L);
    }

    /** Requests of one operation, whatever their outcome. */
    public long count(String operation) {
        Map<Outcome, Long> counts = byOperation.get(operation);
        return counts == null ? 0 : counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests of all operations with this outcome. */
    public long total(Outcome outcome) {
        return byOperation.values().stream().mapToLong(c -> c.getOrDefault(outcome, 0L)).sum();
    }

    /** All requests counted. */
    public long requests() {
        return byOperation.values().stream().flatMap(c -> c.values().stream()).mapToLong(Long::longValue).sum();
    }
}

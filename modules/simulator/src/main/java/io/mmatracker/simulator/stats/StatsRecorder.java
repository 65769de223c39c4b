package io.mmatracker.simulator.stats;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests per operation and outcome; safe to call from every server thread. */
public final class StatsRecorder {

    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    public void record(String operation, Outcome outcome) {
        counts.computeIfAbsent(operation, op -> newCounters())[outcome.ordinal()].increment();
    }

    public SimulatorStats snapshot() {
        Map<String, Map<Outcome, Long>> copy = new HashMap<>();
        counts.forEach((op, adders) -> {
            Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                byOutcome.put(o, adders[o.ordinal()].sum());
            }
            copy.put(op, byOutcome);
        });
        return new SimulatorStats(copy);
    }

    public void reset() {
        counts.clear();
    }

    private static LongAdder[] newCounters() {
        LongAdder[] adders = new LongAdder[Outcome.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}

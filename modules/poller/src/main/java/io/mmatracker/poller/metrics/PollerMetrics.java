package io.mmatracker.poller.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

import io.mmatracker.schema.ObjectKind;

/**
 * Plain counters and gauges of one poller instance. The app renders {@link #samples()} as Prometheus text; tests
 * read the named accessors. Thread-safe and lock-free on the hot path.
 */
public final class PollerMetrics {

    /** Counter or gauge, as Prometheus types them. */
    public enum Type { COUNTER, GAUGE }

    /** One value of one metric with its labels, e.g. {@code mma_poller_requests_total{operation="ListMmsJobs",outcome="ok"}}. */
    public record Sample(String name, String help, Type type, Map<String, String> labels, double value) {
    }

    private record Gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
    }

    private record Labelled(String name, Map<String, String> labels) {
    }

    private static final Map<String, String> HELP = Map.of(
            "mma_poller_requests_total", "MMA requests by operation and outcome",
            "mma_poller_throttled_total", "MMA answers that were throttled",
            "mma_poller_malformed_total", "MMA answers that could not be read, skipped",
            "mma_poller_snapshots_total", "Snapshots published, by kind",
            "mma_poller_tombstones_total", "Tombstones published (object gone at the source), by kind",
            "mma_poller_publish_failures_total", "Records Kafka did not accept; the object is republished later",
            "mma_poller_cycles_total", "Poll cycles of a data source, by type and outcome");

    private final Clock clock;
    private final ConcurrentMap<Labelled, LongAdder> counters = new ConcurrentHashMap<>();
    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<Long, Instant> freshSince = new ConcurrentHashMap<>();

    public PollerMetrics(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void request(String operation, String outcome) {
        add("mma_poller_requests_total", Map.of("operation", operation, "outcome", outcome));
        if ("throttled".equals(outcome)) {
            add("mma_poller_throttled_total", Map.of());
        }
    }

    public void malformed(String operation) {
        add("mma_poller_malformed_total", Map.of("operation", operation));
    }

    public void published(ObjectKind kind, boolean tombstone) {
        add(tombstone ? "mma_poller_tombstones_total" : "mma_poller_snapshots_total", Map.of("kind", kind.name()));
    }

    public void publishFailed() {
        add("mma_poller_publish_failures_total", Map.of());
    }

    public void cycle(boolean reconcile, boolean succeeded) {
        add("mma_poller_cycles_total", Map.of("type", reconcile ? "reconcile" : "active",
                "outcome", succeeded ? "ok" : "failed"));
    }

    /** A source was polled successfully now: its staleness restarts from zero. */
    public void sourceFresh(long sourceId) {
        freshSince.put(sourceId, clock.instant());
    }

    /** A source joined this instance: it is stale from now until its first successful poll. */
    public void sourceAdded(long sourceId) {
        freshSince.putIfAbsent(sourceId, clock.instant());
    }

    public void sourceRemoved(long sourceId) {
        freshSince.remove(sourceId);
    }

    /** Registers a gauge read when samples are taken. */
    public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
        gauges.add(new Gauge(name, help, Map.copyOf(labels), value));
    }

    public long requests(String operation, String outcome) {
        return count("mma_poller_requests_total", Map.of("operation", operation, "outcome", outcome));
    }

    /** All requests of all operations with this outcome. */
    public long requests(String outcome) {
        return sum("mma_poller_requests_total", "outcome", outcome);
    }

    public long totalRequests() {
        return sum("mma_poller_requests_total", null, null);
    }

    public long throttled() {
        return count("mma_poller_throttled_total", Map.of());
    }

    public long malformed() {
        return sum("mma_poller_malformed_total", null, null);
    }

    public long snapshots(ObjectKind kind) {
        return count("mma_poller_snapshots_total", Map.of("kind", kind.name()));
    }

    public long tombstones(ObjectKind kind) {
        return count("mma_poller_tombstones_total", Map.of("kind", kind.name()));
    }

    public long cycles(boolean reconcile, boolean succeeded) {
        return count("mma_poller_cycles_total", Map.of("type", reconcile ? "reconcile" : "active",
                "outcome", succeeded ? "ok" : "failed"));
    }

    /** How long ago each source of this instance was last polled successfully (or joined, if never). */
    public Map<Long, Duration> staleness() {
        Instant now = clock.instant();
        Map<Long, Duration> result = new ConcurrentHashMap<>();
        freshSince.forEach((id, since) -> result.put(id, Duration.between(since, now)));
        return result;
    }

    /** Every counter and gauge, ordered by name. */
    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        counters.forEach((key, adder) -> samples.add(new Sample(key.name(), HELP.getOrDefault(key.name(), key.name()),
                Type.COUNTER, key.labels(), adder.sum())));
        for (Gauge gauge : gauges) {
            samples.add(new Sample(gauge.name(), gauge.help(), Type.GAUGE, gauge.labels(), gauge.value().getAsDouble()));
        }
        staleness().forEach((id, age) -> samples.add(new Sample("mma_poller_source_staleness_seconds",
                "Seconds since the data source was last polled successfully", Type.GAUGE,
                Map.of("source", Long.toString(id)), age.toMillis() / 1000.0)));
        samples.sort(Comparator.comparing(Sample::name).thenComparing(s -> s.labels().toString()));
        return samples;
    }

    private void add(String name, Map<String, String> labels) {
        counters.computeIfAbsent(new Labelled(name, labels), k -> new LongAdder()).increment();
    }

    private long count(String name, Map<String, String> labels) {
        LongAdder adder = counters.get(new Labelled(name, labels));
        return adder == null ? 0 : adder.sum();
    }

    private long sum(String name, String label, String value) {
        long total = 0;
        for (Map.Entry<Labelled, LongAdder> e : counters.entrySet()) {
            if (e.getKey().name().equals(name) && (label == null || value.equals(e.getKey().labels().get(label)))) {
                total += e.getValue().sum();
            }
        }
        return total;
    }
}

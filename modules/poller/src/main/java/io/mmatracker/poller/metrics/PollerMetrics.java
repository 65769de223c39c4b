package io.mmatracker.poller.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmatracker.schema.ObjectKind;

/**
 * The counters and gauges of one poller instance, as Micrometer meters. They live in a registry of their own from
 * the start (the poller runs before any {@code /metrics} exists, and tests read them through the accessors);
 * {@link #bindTo} shows every one of them, present and future, in another registry, reading the same values.
 */
public final class PollerMetrics implements MeterBinder {

    private static final String REQUESTS = "mma_poller_requests_total";
    private static final String CYCLES = "mma_poller_cycles_total";
    private static final String THROTTLED = "mma_poller_throttled_total";
    private static final String THROTTLED_HELP = "MMA answers that were throttled";
    private static final String PUBLISH_FAILURES = "mma_poller_publish_failures_total";
    private static final String PUBLISH_FAILURES_HELP = "Records Kafka did not accept; the object is republished later";

    private final Clock clock;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ConcurrentMap<Long, Instant> freshSince = new ConcurrentHashMap<>();

    public PollerMetrics(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Gauge.builder("mma_poller_source_staleness_max_seconds", this,
                        m -> m.staleness().values().stream().mapToDouble(d -> d.toMillis() / 1000.0).max().orElse(0))
                .description("Seconds since the least recently polled data source was polled successfully").register(registry);
        FunctionCounter.builder("mma_poller_failed_cycles_total", registry,
                        r -> r.find(CYCLES).tag("outcome", "failed").counters().stream().mapToDouble(Counter::count).sum())
                .description("Poll cycles of data sources that failed").register(registry);
        // the series of a known, small label set exist from the start at 0, so a scrape sees them before they count
        counter(THROTTLED, THROTTLED_HELP);
        counter(PUBLISH_FAILURES, PUBLISH_FAILURES_HELP);
        for (boolean reconcile : new boolean[] {false, true}) {
            for (boolean succeeded : new boolean[] {false, true}) {
                cycleCounter(reconcile, succeeded);
            }
        }
        for (ObjectKind kind : ObjectKind.values()) {
            if (kind != ObjectKind.UNKNOWN) {
                publishedCounter(kind, false);
                publishedCounter(kind, true);
            }
        }
    }

    public void request(String operation, String outcome) {
        counter(REQUESTS, "MMA requests by operation and outcome", "operation", operation, "outcome", outcome).increment();
        if ("throttled".equals(outcome)) {
            counter(THROTTLED, THROTTLED_HELP).increment();
        }
    }

    public void malformed(String operation) {
        counter("mma_poller_malformed_total", "MMA answers that could not be read, skipped, by operation", "operation", operation)
                .increment();
    }

    public void published(ObjectKind kind, boolean tombstone) {
        publishedCounter(kind, tombstone).increment();
    }

    private Counter publishedCounter(ObjectKind kind, boolean tombstone) {
        return tombstone ? counter("mma_poller_tombstones_total", "Tombstones published (object gone at the source), by kind",
                "kind", kind.name()) : counter("mma_poller_snapshots_total", "Snapshots published, by kind", "kind", kind.name());
    }

    public void publishFailed() {
        counter(PUBLISH_FAILURES, PUBLISH_FAILURES_HELP).increment();
    }

    public void cycle(boolean reconcile, boolean succeeded) {
        cycleCounter(reconcile, succeeded).increment();
    }

    private Counter cycleCounter(boolean reconcile, boolean succeeded) {
        return counter(CYCLES, "Poll cycles of a data source, by type and outcome", "type", reconcile ? "reconcile" : "active",
                "outcome", succeeded ? "ok" : "failed");
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

    /** Registers a gauge, read when the metrics are scraped. */
    public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
        Gauge.builder(name, value, DoubleSupplier::getAsDouble).strongReference(true).description(help)
                .tags(labels.entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList()).register(registry);
    }

    /**
     * Shows every meter of this poller in {@code target} (the {@code /metrics} registry), those registered later too:
     * each as a function of the meter here, so counts made before the binding are not lost.
     */
    @Override
    public void bindTo(MeterRegistry target) {
        registry.config().onMeterAdded(meter -> mirror(meter, target));
        registry.getMeters().forEach(meter -> mirror(meter, target));
    }

    private static void mirror(Meter meter, MeterRegistry target) {
        Meter.Id id = meter.getId();
        if (meter instanceof Counter counter) {
            FunctionCounter.builder(id.getName(), counter, Counter::count).tags(id.getTags()).description(id.getDescription())
                    .register(target);
        } else if (meter instanceof FunctionCounter counter) {
            FunctionCounter.builder(id.getName(), counter, FunctionCounter::count).tags(id.getTags())
                    .description(id.getDescription()).register(target);
        } else if (meter instanceof Gauge gauge) {
            Gauge.builder(id.getName(), gauge, Gauge::value).strongReference(true).tags(id.getTags())
                    .description(id.getDescription()).register(target);
        }
    }

    /** The meters themselves (tests look series up here). */
    public MeterRegistry registry() {
        return registry;
    }

    public long requests(String operation, String outcome) {
        return sum(REQUESTS, "operation", operation, "outcome", outcome);
    }

    /** All requests of all operations with this outcome. */
    public long requests(String outcome) {
        return sum(REQUESTS, "outcome", outcome);
    }

    public long totalRequests() {
        return sum(REQUESTS);
    }

    public long throttled() {
        return sum(THROTTLED);
    }

    public long malformed() {
        return sum("mma_poller_malformed_total");
    }

    public long snapshots(ObjectKind kind) {
        return sum("mma_poller_snapshots_total", "kind", kind.name());
    }

    public long tombstones(ObjectKind kind) {
        return sum("mma_poller_tombstones_total", "kind", kind.name());
    }

    public long cycles(boolean reconcile, boolean succeeded) {
        return sum(CYCLES, "type", reconcile ? "reconcile" : "active", "outcome", succeeded ? "ok" : "failed");
    }

    /** How long ago each source of this instance was last polled successfully (or joined, if never). */
    public Map<Long, Duration> staleness() {
        Instant now = clock.instant();
        Map<Long, Duration> result = new ConcurrentHashMap<>();
        freshSince.forEach((id, since) -> result.put(id, Duration.between(since, now)));
        return result;
    }

    private Counter counter(String name, String help, String... tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    /** The sum of the counters named {@code name} that carry the tags given (all of them without tags). */
    private long sum(String name, String... tags) {
        return (long) registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}

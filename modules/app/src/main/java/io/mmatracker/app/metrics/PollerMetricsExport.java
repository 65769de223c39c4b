package io.mmatracker.app.metrics;

import java.util.List;
import java.util.function.Predicate;

import io.mmatracker.poller.metrics.PollerMetrics;

/**
 * The poller's counters and gauges on {@code /metrics}. The query service's registry takes one series per name, so
 * each of the poller's metrics is exported as its sum over labels (requests of every operation and outcome, snapshots
 * of every kind), staleness as its worst source; the per-label numbers stay in {@link PollerMetrics#samples()}.
 */
public final class PollerMetricsExport {

    private record Series(String name, String help, boolean counter) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("mma_poller_requests_total", "MMA requests, all operations and outcomes", true),
            new Series("mma_poller_throttled_total", "MMA answers that were throttled", true),
            new Series("mma_poller_malformed_total", "MMA answers that could not be read, skipped", true),
            new Series("mma_poller_snapshots_total", "Snapshots published, all kinds", true),
            new Series("mma_poller_tombstones_total", "Tombstones published (object gone at the source), all kinds", true),
            new Series("mma_poller_publish_failures_total", "Records Kafka did not accept; republished later", true),
            new Series("mma_poller_cycles_total", "Poll cycles of data sources, all types and outcomes", true),
            new Series("mma_poller_request_rate", "Current request budget, requests per second", false),
            new Series("mma_poller_request_rate_ceiling", "Configured request budget, requests per second", false),
            new Series("mma_poller_sources", "Data sources this instance polls", false),
            new Series("mma_poller_due_backlog_sources", "Data sources whose poll is overdue by more than a second", false),
            new Series("mma_poller_due_backlog_objects", "Moving objects of overdue data sources", false),
            new Series("mma_poller_moving_objects", "Objects last seen in a non-terminal state", false),
            new Series("mma_poller_tracked_objects", "Objects tracked by this instance, all kinds", false));

    private PollerMetricsExport() {
    }

    public static void register(PollerMetrics metrics, MetricRegistry registry) {
        for (Series series : SERIES) {
            if (series.counter()) {
                registry.counter(series.name(), series.help(), () -> sum(metrics, series.name()));
            } else {
                registry.gauge(series.name(), series.help(), () -> sum(metrics, series.name()));
            }
        }
        registry.counter("mma_poller_failed_cycles_total", "Poll cycles of data sources that failed",
                () -> sum(metrics, s -> s.name().equals("mma_poller_cycles_total")
                        && "failed".equals(s.labels().get("outcome"))));
        registry.gauge("mma_poller_source_staleness_max_seconds",
                "Seconds since the least recently polled data source was polled successfully",
                () -> metrics.staleness().values().stream().mapToDouble(d -> d.toMillis() / 1000.0).max().orElse(0));
    }

    private static double sum(PollerMetrics metrics, String name) {
        return sum(metrics, s -> s.name().equals(name));
    }

    private static double sum(PollerMetrics metrics, Predicate<PollerMetrics.Sample> which) {
        double total = 0;
        for (PollerMetrics.Sample sample : metrics.samples()) {
            if (which.test(sample)) {
                total += sample.value();
            }
        }
        return total;
    }
}

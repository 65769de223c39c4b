package io.mmatracker.app.metrics;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Kafka Streams' own metrics, summed over threads and tasks into the few series a dashboard needs: is it running,
 * how much it processes and commits, how far behind its input it is, and which tasks it holds. Micrometer's
 * {@code KafkaStreamsMetrics} binder is not bound: it shows every Streams and client metric per thread, task and
 * partition (measured on the demo: 6,936 series of 405 names, a 1.4 MB scrape), none of them these totals.
 */
public final class StreamsMeters implements MeterBinder {

    private final KafkaStreams streams;

    public StreamsMeters(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "mma_streams_running", "1 while Kafka Streams is RUNNING, else 0.",
                s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0);
        gauge(registry, "mma_streams_rebalancing", "1 while Kafka Streams is REBALANCING, else 0.",
                s -> s.state() == KafkaStreams.State.REBALANCING ? 1 : 0);
        gauge(registry, "mma_streams_alive_threads", "Stream threads alive.", s -> sum(s, "stream-metrics", "alive-stream-threads"));
        counter(registry, "mma_streams_failed_threads_total", "Stream threads that died.",
                s -> sum(s, "stream-metrics", "failed-stream-threads"));
        counter(registry, "mma_streams_processed_total", "Records processed, all threads.",
                s -> sum(s, "stream-thread-metrics", "process-total"));
        gauge(registry, "mma_streams_process_rate", "Records processed per second, all threads.",
                s -> sum(s, "stream-thread-metrics", "process-rate"));
        counter(registry, "mma_streams_commits_total", "Commits (transactions under exactly-once), all threads.",
                s -> sum(s, "stream-thread-metrics", "commit-total"));
        gauge(registry, "mma_streams_commit_latency_avg_ms", "Average commit time in milliseconds, worst thread.",
                s -> max(s, name -> name.group().equals("stream-thread-metrics") && name.name().equals("commit-latency-avg")));
        counter(registry, "mma_streams_dropped_records_total", "Records dropped (dead-lettered or unreadable).",
                s -> sum(s, "stream-task-metrics", "dropped-records-total"));
        gauge(registry, "mma_streams_records_lag_max", "Largest lag of an input partition, in records.",
                s -> max(s, name -> name.group().equals("consumer-fetch-manager-metrics") && name.name().equals("records-lag-max")
                        && !name.tags().getOrDefault("client-id", "").contains("restore-consumer")));
        gauge(registry, "mma_streams_active_tasks", "Active tasks on this instance.",
                s -> s.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum());
        gauge(registry, "mma_streams_standby_tasks", "Standby tasks (warm copies) on this instance.",
                s -> s.metadataForLocalThreads().stream().mapToInt(t -> t.standbyTasks().size()).sum());
    }

    private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<KafkaStreams> value) {
        Gauge.builder(name, streams, value).strongReference(true).description(help).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String help, ToDoubleFunction<KafkaStreams> value) {
        FunctionCounter.builder(name, streams, value).description(help).register(registry);
    }

    private static double sum(KafkaStreams streams, String group, String name) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().group().equals(group) && e.getKey().name().equals(name)) {
                total += value(e.getValue());
            }
        }
        return total;
    }

    private static double max(KafkaStreams streams, Predicate<MetricName> which) {
        double max = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (which.test(e.getKey())) {
                max = Math.max(max, value(e.getValue()));
            }
        }
        return max;
    }

    private static double value(Metric metric) {
        Object value = metric.metricValue();
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? d : 0;
        }
        return 0;
    }
}

package io.mmatracker.app.metrics;

import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Kafka Streams' own metrics, summed over threads and tasks into a few series a dashboard needs: is it running,
 * how much it processes and commits, how far behind its input it is, and which tasks it holds.
 */
public final class StreamsMetricsExport {

    private StreamsMetricsExport() {
    }

    public static void register(KafkaStreams streams, MetricRegistry registry) {
        registry.gauge("mma_streams_running", "1 while Kafka Streams is RUNNING, else 0.",
                () -> streams.state() == KafkaStreams.State.RUNNING ? 1 : 0);
        registry.gauge("mma_streams_rebalancing", "1 while Kafka Streams is REBALANCING, else 0.",
                () -> streams.state() == KafkaStreams.State.REBALANCING ? 1 : 0);
        registry.gauge("mma_streams_alive_threads", "Stream threads alive.",
                () -> sum(streams, "stream-metrics", "alive-stream-threads"));
        registry.counter("mma_streams_failed_threads_total", "Stream threads that died.",
                () -> sum(streams, "stream-metrics", "failed-stream-threads"));
        registry.counter("mma_streams_processed_total", "Records processed, all threads.",
                () -> sum(streams, "stream-thread-metrics", "process-total"));
        registry.gauge("mma_streams_process_rate", "Records processed per second, all threads.",
                () -> sum(streams, "stream-thread-metrics", "process-rate"));
        registry.counter("mma_streams_commits_total", "Commits (transactions under exactly-once), all threads.",
                () -> sum(streams, "stream-thread-metrics", "commit-total"));
        registry.gauge("mma_streams_commit_latency_avg_ms", "Average commit time in milliseconds, worst thread.",
                () -> max(streams, name -> name.group().equals("stream-thread-metrics")
                        && name.name().equals("commit-latency-avg")));
        registry.counter("mma_streams_dropped_records_total", "Records dropped (dead-lettered or unreadable).",
                () -> sum(streams, "stream-task-metrics", "dropped-records-total"));
        registry.gauge("mma_streams_records_lag_max", "Largest lag of an input partition, in records.",
                () -> max(streams, name -> name.group().equals("consumer-fetch-manager-metrics")
                        && name.name().equals("records-lag-max")
                        && !name.tags().getOrDefault("client-id", "").contains("restore-consumer")));
        registry.gauge("mma_streams_active_tasks", "Active tasks on this instance.",
                () -> streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum());
        registry.gauge("mma_streams_standby_tasks", "Standby tasks (warm copies) on this instance.",
                () -> streams.metadataForLocalThreads().stream().mapToInt(StreamsMetricsExport::standbys).sum());
    }

    private static int standbys(ThreadMetadata thread) {
        return thread.standbyTasks().size();
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

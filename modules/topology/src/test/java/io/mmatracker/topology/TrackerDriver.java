package io.mmatracker.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.SourceSummary;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.topology.list.ListIndex;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.summary.PendingDeltas;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The topology under a {@link TopologyTestDriver}, with one input topic per kind and the three output topics. */
final class TrackerDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(30);

    final Topics topics = new Topics("test.");
    final TopologyTestDriver driver;
    final TestInputTopic<String, JobSnapshot> jobs;
    final TestInputTopic<String, TableSnapshot> tables;
    final TestInputTopic<String, ScanSnapshot> scans;
    final TestInputTopic<String, AsyncTaskSnapshot> asyncTasks;
    final TestInputTopic<String, TaskSnapshot> tasks;
    final TestInputTopic<String, DataSourceSnapshot> dataSources;
    final TestInputTopic<byte[], byte[]> rawJobs;
    final TestOutputTopic<String, StatusChange> changes;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TrackerDriver(Path stateDir) {
        var config = new TopologyConfig(topics, STALL_TIMEOUT, Duration.ofMinutes(1), Map.of());
        var props = config.streamsProperties("tracker-test", "unused:9092", stateDir, 0, null);
        // The test driver loses the dead-letter records of deserialization failures under exactly-once (it sends
        // them outside the transaction it commits); exactly-once itself is proven against a real broker.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        // The task-level punctuate count (punctuations()) is a DEBUG metric.
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        driver = new TopologyTestDriver(TrackerTopology.build(config), props, T0);
        jobs = input(topics.jobs(), JobSnapshot.class);
        tables = input(topics.tables(), TableSnapshot.class);
        scans = input(topics.scans(), ScanSnapshot.class);
        asyncTasks = input(topics.asyncTasks(), AsyncTaskSnapshot.class);
        tasks = input(topics.tasks(), TaskSnapshot.class);
        dataSources = input(topics.dataSources(), DataSourceSnapshot.class);
        rawJobs = driver.createInputTopic(topics.jobs(), new ByteArraySerializer(), new ByteArraySerializer());
        changes = driver.createOutputTopic(topics.statusChanges(), new StringDeserializer(),
                new AvroSerde<>(StatusChange.class).deserializer());
        alerts = driver.createOutputTopic(topics.alerts(), new StringDeserializer(),
                new AvroSerde<>(Alert.class).deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private <T extends SpecificRecord> TestInputTopic<String, T> input(String topic, Class<T> type) {
        return driver.createInputTopic(topic, new StringSerializer(), new AvroSerde<>(type).serializer());
    }

    static String key(long objectId) {
        return Keys.object(Snapshots.SOURCE, objectId);
    }

    List<StatusChange> changes() {
        return changes.readValuesToList();
    }

    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /**
     * Everything an index in the list index's layout holds, both of its stores ({@code ListIndex.entriesStore}), in
     * key order, without the completion mark.
     */
    SortedMap<String, String> index(String indexStore) {
        var all = new TreeMap<String, String>();
        for (String name : List.of(indexStore, ListIndex.entriesStore(indexStore))) {
            try (var it = this.<String>store(name).all()) {
                it.forEachRemaining(kv -> all.put(kv.key, kv.value));
            }
        }
        all.remove(ListIndex.COMPLETE);
        return all;
    }

    /** The summary once the trackers' pending deltas are sent (they are every {@link PendingDeltas#FLUSH_INTERVAL}). */
    SourceSummary summary() {
        driver.advanceWallClockTime(PendingDeltas.FLUSH_INTERVAL);
        return this.<SourceSummary>store(StoreNames.SOURCE_SUMMARIES).get(Keys.dataSource(Snapshots.SOURCE));
    }

    /**
     * How many punctuations the task has run ({@code punctuate-total} of {@code stream-task-metrics}). Every one
     * that runs makes a real task commit (an exactly-once transaction), whether or not it wrote anything.
     */
    double punctuations() {
        return driver.metrics().values().stream()
                .filter(m -> m.metricName().group().equals("stream-task-metrics") && m.metricName().name().equals("punctuate-total"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue())
                .sum();
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    @Override
    public void close() {
        driver.close();
    }
}

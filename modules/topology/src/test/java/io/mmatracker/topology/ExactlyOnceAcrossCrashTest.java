package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.mmatracker.kafka.admin.TopicAdmin;
import io.mmatracker.kafka.admin.TopicLayout;
import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.SourceSummary;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.testkit.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: the topology runs in a JVM of its own, is killed with SIGKILL in the middle of
 * its work (an open transaction, nothing flushed or checkpointed), and restarts on the same state directory.
 * A read_committed reader then sees every change event exactly once and one alert per transition, of jobs and of
 * their tasks (TASK_FAILED) alike.
 */
class ExactlyOnceAcrossCrashTest {

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    private static final int JOBS = 150;
    private static final List<String> LIFE = List.of("INIT", "DOING", "FAILED", "DOING", "DONE");
    /** Each job has one task, which fails and is retried alongside it (ids apart from the jobs': keys are per kind). */
    private static final List<String> TASK_LIFE = List.of("INIT", "DATA_DOING", "DATA_FAILED", "DATA_DOING", "DONE");
    private static final long TASK_IDS = 100_000;
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path stateDir;

    private final Topics topics = new Topics(KAFKA.uniqueName("eo") + ".");
    private final String applicationId = KAFKA.uniqueName("eo-tracker");
    private Process child;
    private Path childOutput;

    @AfterEach
    void killChild() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(childOutput);
        }
    }

    @Test
    void aCrashMidRunLosesNoChangeAndRepeatsNoAlert() throws Exception {
        createTopics();
        var config = new TopologyConfig(topics, Duration.ofHours(1), Duration.ofMinutes(1), Map.of());

        // a long commit interval keeps a transaction open with processed but uncommitted records when we kill
        child = startTrackerProcess(1000);
        try (var producer = producer();
             var changes = new CommittedReader<>(KAFKA.bootstrapServers(), topics.statusChanges(),
                     new AvroSerde<>(StatusChange.class).deserializer());
             var alerts = new CommittedReader<>(KAFKA.bootstrapServers(), topics.alerts(),
                     new AvroSerde<>(Alert.class).deserializer());
             var deadLetters = new CommittedReader<>(KAFKA.bootstrapServers(), topics.deadLetters(),
                     new ByteArrayDeserializer())) {

            publishStep(producer, 0);
            publishStep(producer, 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> !changes.poll().isEmpty());

            // the rest arrives while the tracker works; it is killed once part of step 2 is committed, so it dies
            // with processed records in an open transaction and more records waiting
            var rest = new Thread(() -> {
                producer.send(new ProducerRecord<>(topics.jobs(), Keys.object(Snapshots.SOURCE, 9999)
                        .getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8)));
                for (int step = 2; step < LIFE.size(); step++) {
                    publishStep(producer, step);
                    LockSupport.parkNanos(Duration.ofMillis(700).toNanos());
                }
            }, "snapshot-publisher");
            rest.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> changes.poll().size() > 4 * JOBS);
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            rest.join();
            int committedAtCrash = changes.poll().size();
            assertThat(committedAtCrash).as("the crash came mid-run").isLessThan(2 * JOBS * LIFE.size());

            var props = config.streamsProperties(applicationId, KAFKA.bootstrapServers(), stateDir, 0, null);
            try (var streams = new KafkaStreams(TrackerTopology.build(config), props)) {
                streams.start();
                // every input record, the summary deltas included, processed and committed
                await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(this::allInputConsumed);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    changes.poll();
                    alerts.poll();
                    deadLetters.poll();
                    return changes.isAtEnd() && alerts.isAtEnd() && deadLetters.isAtEnd();
                });

                assertEveryChangeExactlyOnce(changes.poll());
                assertOneAlertPerTransition(alerts.poll());
                assertThat(deadLetters.poll()).as("the garbage record, once").hasSize(1);
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                    var summary = summary(streams);
                    assertThat(summary.getJobsByStatus()).isEqualTo(Map.of("DONE", (long) JOBS));
                assertThat(summary.getTasksByStatus()).isEqualTo(Map.of("DONE", (long) JOBS));
                    assertThat(summary.getOpenAlerts()).isZero();
                });
            }
        }
    }

    private void assertEveryChangeExactlyOnce(List<ConsumerRecord<String, StatusChange>> records) {
        assertEveryChangeExactlyOnce(records, ObjectKind.JOB, 0, LIFE);
        assertEveryChangeExactlyOnce(records, ObjectKind.TASK, TASK_IDS, TASK_LIFE);
    }

    private void assertEveryChangeExactlyOnce(List<ConsumerRecord<String, StatusChange>> records, ObjectKind kind,
                                              long firstId, List<String> life) {
        var expected = new ArrayList<String>();
        for (int step = 0; step < life.size(); step++) {
            expected.add((step == 0 ? ChangeType.CREATED : ChangeType.STATUS) + ":" + life.get(step));
        }
        Map<String, List<String>> byKey = new TreeMap<>();
        for (int id = 1; id <= JOBS; id++) {
            byKey.put(Keys.object(Snapshots.SOURCE, firstId + id), new ArrayList<>());
        }
        for (var record : records) {
            StatusChange change = record.value();
            if (change.getKind() != kind) {
                continue;
            }
            byKey.computeIfAbsent(change.getKey(), k -> new ArrayList<>())
                    .add(change.getChangeType() + ":" + change.getToStatus());
        }
        var wrong = byKey.entrySet().stream()
                .filter(e -> !e.getValue().equals(expected))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(wrong).as("%s objects whose committed events are not exactly %s", kind, expected).isEmpty();
        assertThat(byKey).hasSize(JOBS);
    }

    private void assertOneAlertPerTransition(List<ConsumerRecord<String, Alert>> records) {
        Map<String, Long> copies = records.stream().collect(Collectors.groupingBy(
                r -> r.value().getAlertId() + " " + r.value().getState(), TreeMap::new, Collectors.counting()));
        assertThat(copies.values()).as("copies of each alert record: %s", copies).allMatch(n -> n == 1);
        Map<String, Long> perObject = records.stream().collect(Collectors.groupingBy(
                r -> r.value().getKey() + " " + r.value().getType() + " " + r.value().getState(), Collectors.counting()));
        assertThat(perObject).as("a FIRING and a RESOLVED JOB_FAILED per job, TASK_FAILED per task").hasSize(4 * JOBS);
        assertThat(records).filteredOn(r -> r.value().getState() == AlertState.FIRING).hasSize(2 * JOBS);
        assertThat(records).filteredOn(r -> r.value().getType() == AlertType.TASK_FAILED
                && r.value().getState() == AlertState.FIRING).allSatisfy(r -> assertThat(r.value().getErrorMessage())
                .isEqualTo("quota exceeded"));
    }

    private void publishStep(KafkaProducer<byte[], byte[]> producer, int step) {
        var serializer = new AvroSerde<>(JobSnapshot.class).serializer();
        var taskSerializer = new AvroSerde<>(TaskSnapshot.class).serializer();
        for (int id = 1; id <= JOBS; id++) {
            var snapshot = job(id, LIFE.get(step), step * 10, 100, T0.plusSeconds(step * 60L));
            producer.send(new ProducerRecord<>(topics.jobs(),
                    Keys.object(Snapshots.SOURCE, id).getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(topics.jobs(), snapshot)));
            String status = TASK_LIFE.get(step);
            var task = Snapshots.task(TASK_IDS + id, status, status.endsWith("_FAILED") ? "quota exceeded" : null,
                    T0.plusSeconds(step * 60L));
            producer.send(new ProducerRecord<>(topics.tasks(),
                    Keys.object(Snapshots.SOURCE, TASK_IDS + id).getBytes(StandardCharsets.UTF_8),
                    taskSerializer.serialize(topics.tasks(), task)));
        }
        producer.flush();
    }

    private SourceSummary summary(KafkaStreams streams) {
        SourceSummary summary = streams.store(StoreQueryParameters.fromNameAndType(StoreNames.SOURCE_SUMMARIES,
                QueryableStoreTypes.<String, SourceSummary>keyValueStore())).get(Keys.dataSource(Snapshots.SOURCE));
        return summary == null ? new SourceSummary() : summary;
    }

    /** The tracker's committed offsets have reached the end of every topic it reads. */
    private boolean allInputConsumed() throws Exception {
        Admin admin = KAFKA.admin();
        var inputs = new ArrayList<>(topics.snapshotTopics());
        inputs.add(applicationId + "-" + TrackerTopology.SUMMARY_DELTAS + "-repartition");
        var committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        var latest = new HashMap<TopicPartition, OffsetSpec>();
        for (var topic : admin.describeTopics(inputs).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
        }
        var ends = admin.listOffsets(latest).all().get();
        return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue().offset()));
    }

    private void createTopics() {
        new TopicAdmin(KAFKA.admin(), Duration.ofSeconds(30)).ensureTopics(TopicLayout.standard(topics, 2, (short) 1));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(KAFKA.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts {@link TrackerProcess} in a new JVM and waits until its Streams instance is RUNNING. */
    private Process startTrackerProcess(int commitIntervalMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        childOutput = stateDir.resolveSibling(stateDir.getFileName() + "-tracker-process.log");
        var process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                TrackerProcess.class.getName(), KAFKA.bootstrapServers(), applicationId, stateDir.toString(),
                topics.prefix(), Integer.toString(commitIntervalMs))
                .redirectErrorStream(true)
                .redirectOutput(childOutput.toFile())
                .start();
        await().atMost(Duration.ofSeconds(90)).until(() -> childSaid("STATE RUNNING") || !process.isAlive());
        assertThat(process.isAlive()).as("tracker process started; it said:%n%s", Files.readString(childOutput)).isTrue();
        return process;
    }

    private boolean childSaid(String line) throws java.io.IOException {
        return Files.readAllLines(childOutput).contains(line);
    }
}

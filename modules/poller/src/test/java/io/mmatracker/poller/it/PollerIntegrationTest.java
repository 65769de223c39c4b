package io.mmatracker.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.mmatracker.client.CreateMmsJobRequest;
import io.mmatracker.client.JobFilter;
import io.mmatracker.client.MmaClient;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.client.TableFilter;
import io.mmatracker.kafka.admin.TopicAdmin;
import io.mmatracker.kafka.admin.TopicLayout;
import io.mmatracker.poller.Poller;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.WatchRequest;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.simulator.Simulator;
import io.mmatracker.simulator.SimulatorConfig;
import io.mmatracker.testkit.KafkaFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The poller against the simulator and a real (embedded) broker: given a fleet, when the poller runs, then these
 * snapshots, tombstones and watermarks exist. The simulated fleet is nearly frozen (speed 0.001) so that every
 * change a test sees is one it made through {@code /_sim/}.
 */
class PollerIntegrationTest {

    private static final Duration ACTIVE = Duration.ofSeconds(1);

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    private final Topics topics = new Topics(KAFKA.uniqueName("poller") + ".");
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Simulator simulator;
    private SimAdmin admin;
    private MmaClient mma;
    private SnapshotRecorder recorder;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private void fleet(int sources, int jobs, int tables) throws Exception {
        simulator = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(sources, jobs, tables)
                .withSpeed(0.001).withFailureRate(0.2), Clock.systemUTC());
        closeables.add(simulator);
        admin = new SimAdmin(simulator.baseUrl());
        mma = new MmaClient(MmaClientConfig.forEndpoint(simulator.baseUrl()));
        new TopicAdmin(KAFKA.admin(), Duration.ofSeconds(30)).ensureTopics(TopicLayout.standard(topics, 3, (short) 1));
        recorder = new SnapshotRecorder(KAFKA.bootstrapServers(), topics);
        closeables.add(recorder);
    }

    private Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    }

    private Poller poller(String id, UnaryOperator<PollerConfig.Builder> settings) throws InterruptedException {
        PollerConfig config = settings.apply(PollerConfig.builder(simulator.baseUrl()).pollerId(id).topics(topics)
                .activeInterval(ACTIVE).reconcileInterval(Duration.ofMinutes(5))
                .discoveryInterval(Duration.ofSeconds(1)).pageSize(50).coordinationPartitions(6)).build();
        Poller poller = new Poller(config, mma, kafka(), Clock.systemUTC());
        closeables.add(poller);
        poller.start();
        return poller;
    }

    private Set<String> expectedKeys(ObjectKind kind) {
        Set<String> keys = new HashSet<>();
        for (MmsDataSource ds : mma.listMmsDataSources(io.mmatracker.client.DataSourceFilter.all()).toList()) {
            long sid = ds.getId();
            String s = Long.toString(sid);
            switch (kind) {
                case DATA_SOURCE -> keys.add(Keys.dataSource(sid));
                case SCAN -> {
                    if (ds.getScanId() != null) {
                        keys.add(Keys.object(sid, ds.getScanId()));
                    }
                }
                case JOB -> mma.listMmsJobs(s, JobFilter.all()).forEach(j -> keys.add(Keys.object(sid, j.getId())));
                case TABLE -> mma.listMmsTables(s, TableFilter.all())
                        .forEach(t -> keys.add(Keys.object(sid, t.getId())));
                default -> throw new IllegalArgumentException(kind.name());
            }
        }
        return keys;
    }

    private void awaitWholeFleet() {
        Set<String> sources = expectedKeys(ObjectKind.DATA_SOURCE);
        Set<String> scans = expectedKeys(ObjectKind.SCAN);
        Set<String> jobs = expectedKeys(ObjectKind.JOB);
        Set<String> tables = expectedKeys(ObjectKind.TABLE);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            recorder.catchUp();
            assertThat(recorder.live(ObjectKind.DATA_SOURCE).keySet()).isEqualTo(sources);
            assertThat(recorder.live(ObjectKind.SCAN).keySet()).isEqualTo(scans);
            assertThat(recorder.live(ObjectKind.JOB).keySet()).isEqualTo(jobs);
            assertThat(recorder.live(ObjectKind.TABLE).keySet()).isEqualTo(tables);
        });
    }

    @Test
    void everyObjectOfTheFleetAppearsInItsSnapshotTopic() throws Exception {
        fleet(3, 4, 60);

        poller("p1", b -> b);

        awaitWholeFleet();
        assertThat(recorder.count(ObjectKind.TABLE)).as("each table once").isEqualTo(180);
    }

    @Test
    void aStatusChangeMadeThroughTheSimulatorAppearsWithinTheActiveIntervalPlusOneSecond() throws Exception {
        fleet(1, 4, 20);
        poller("p1", b -> b);
        awaitWholeFleet();
        long sid = Keys.sourceIdOf(expectedKeys(ObjectKind.DATA_SOURCE).iterator().next());
        MmsJob job = mma.listMmsJobs(Long.toString(sid), JobFilter.all()).findFirst().orElseThrow();
        String target = "DOING".equals(job.getStatus()) || "INIT".equals(job.getStatus()) ? "FAILED" : "DOING";
        String key = Keys.object(sid, job.getId());

        Instant changedAt = Instant.now();
        admin.pin(sid, "jobs", job.getId(), "{\"status\":\"" + target + "\"}");

        await().atMost(ACTIVE.plusSeconds(3)).untilAsserted(() -> assertThat(recorder.catchUp().history(ObjectKind.JOB, key))
                .anySatisfy(seen -> assertThat(((MmsJob) seen.data()).getStatus()).isEqualTo(target)));
        Instant seenAt = recorder.history(ObjectKind.JOB, key).stream()
                .filter(s -> target.equals(((MmsJob) s.data()).getStatus())).findFirst().orElseThrow().seenAt();
        assertThat(Duration.between(changedAt, seenAt)).isLessThanOrEqualTo(ACTIVE.plusSeconds(1));
    }

    @Test
    void aDeletedObjectBecomesATombstone() throws Exception {
        fleet(1, 4, 20);
        poller("p1", b -> b.reconcileInterval(Duration.ofSeconds(2)));
        awaitWholeFleet();
        long sid = Keys.sourceIdOf(expectedKeys(ObjectKind.DATA_SOURCE).iterator().next());
        MmsTable table = mma.listMmsTables(Long.toString(sid), TableFilter.all()).findFirst().orElseThrow();
        String key = Keys.object(sid, table.getId());

        admin.delete(sid, "tables", table.getId());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SnapshotRecorder.Seen> history = recorder.catchUp().history(ObjectKind.TABLE, key);
            assertThat(history.get(history.size() - 1).isTombstone()).isTrue();
        });
    }

    @Test
    void anUnchangedObjectGetsNoNewSnapshotAcrossTenPollCycles() throws Exception {
        fleet(2, 3, 30);
        Poller poller = poller("p1", b -> b.activeInterval(Duration.ofMillis(200))
                .reconcileInterval(Duration.ofMillis(600)).requestsPerSecond(200));
        awaitWholeFleet();
        recorder.catchUp();
        long before = recorder.count(ObjectKind.JOB) + recorder.count(ObjectKind.TABLE)
                + recorder.count(ObjectKind.DATA_SOURCE) + recorder.count(ObjectKind.SCAN);
        Map<String, Integer> cyclesBefore = new HashMap<>();
        Set<String> sources = expectedKeys(ObjectKind.DATA_SOURCE);
        sources.forEach(key -> cyclesBefore.put(key, recorder.watermarks(key).size()));
        long reconciliationsBefore = poller.metrics().cycles(true, true);

        // every cycle ends with a watermark: wait for 10 more of each source
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            recorder.catchUp();
            sources.forEach(key -> assertThat(recorder.watermarks(key)).hasSizeGreaterThanOrEqualTo(
                    cyclesBefore.get(key) + 10));
        });

        recorder.catchUp();
        assertThat(recorder.count(ObjectKind.JOB) + recorder.count(ObjectKind.TABLE)
                + recorder.count(ObjectKind.DATA_SOURCE) + recorder.count(ObjectKind.SCAN)).isEqualTo(before);
        assertThat(poller.metrics().cycles(true, true)).as("reconciliations among them")
                .isGreaterThanOrEqualTo(reconciliationsBefore + 4);
    }

    @Test
    void aRestartedPollerDoesNotRepublishTheFleet() throws Exception {
        fleet(2, 3, 40);
        Poller first = poller("p1", b -> b);
        awaitWholeFleet();
        first.close();
        recorder.catchUp();
        long before = recorder.count(ObjectKind.JOB) + recorder.count(ObjectKind.TABLE);

        Poller second = poller("p2", b -> b.reconcileInterval(Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> second.metrics().cycles(true, true) >= 4);

        recorder.catchUp();
        assertThat(recorder.count(ObjectKind.JOB) + recorder.count(ObjectKind.TABLE)).isEqualTo(before);
        assertThat(second.trackedObjects()).containsEntry(ObjectKind.TABLE, 80L);
    }

    /**
     * Issue 13: a restart must neither lose a failed task's failing step (its job's snapshot names it, a change of the
     * task while failed keeps it) nor read the task's log again.
     */
    @Test
    void aRestartedPollerKeepsAFailedTasksFailingStepWithoutReadingItsLogAgain() throws Exception {
        fleet(1, 2, 20);
        long sid = Keys.sourceIdOf(expectedKeys(ObjectKind.DATA_SOURCE).iterator().next());
        MmsTask task = mma.listMmsTasks(Long.toString(sid), io.mmatracker.client.TaskFilter.all()).findFirst().orElseThrow();
        String key = Keys.object(sid, task.getId());
        admin.pin(sid, "tasks", task.getId(), "{\"status\":\"DATA_FAILED\"}");
        Poller first = poller("p1", b -> b);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(failedStep(key)).isNotNull());
        MmsTaskLog step = failedStep(key);
        first.close();
        long logReads = simulator.stats().count("ListMmsTaskLogs");

        Poller second = poller("p2", b -> b.reconcileInterval(Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> second.metrics().cycles(true, true) >= 2);
        // the task changes while failed (a retry counted), and its job changes: both are published again
        admin.pin(sid, "tasks", task.getId(), "{\"status\":\"DATA_FAILED\",\"retriedTimes\":7}");
        admin.pin(sid, "jobs", task.getJobId(), "{\"status\":\"FAILED\",\"taskDone\":1}");
        String jobKey = Keys.object(sid, task.getJobId());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            recorder.catchUp();
            assertThat(((MmsTask) recorder.live(ObjectKind.TASK).get(key)).getRetriedTimes()).isEqualTo(7);
            assertThat(lastSnapshot(ObjectKind.JOB, jobKey).getFailedTasks()).isNotNull()
                    .anySatisfy(f -> assertThat(f.getTaskId()).isEqualTo(task.getId()));
        });
        assertThat(failedStep(key)).as("the republished task keeps its step").isEqualTo(step);
        assertThat(lastSnapshot(ObjectKind.JOB, jobKey).getFailedTasks()).filteredOn(f -> f.getTaskId() == task.getId())
                .singleElement().satisfies(f -> assertThat(f.getMessage()).isNotBlank());
        assertThat(simulator.stats().count("ListMmsTaskLogs")).as("log reads after the restart").isEqualTo(logReads);
    }

    private MmsTaskLog failedStep(String key) {
        List<SnapshotRecorder.Seen> seen = recorder.catchUp().history(ObjectKind.TASK, key);
        return seen.isEmpty() || seen.get(seen.size() - 1).snapshot() == null ? null
                : ((TaskSnapshot) seen.get(seen.size() - 1).snapshot()).getFailedStep();
    }

    private JobSnapshot lastSnapshot(ObjectKind kind, String key) {
        List<SnapshotRecorder.Seen> seen = recorder.history(kind, key);
        return (JobSnapshot) seen.get(seen.size() - 1).snapshot();
    }

    @Test
    void twoInstancesSplitTheSourcesAndAStoppedOneHandsItsSourcesToTheOther() throws Exception {
        fleet(6, 2, 10);
        Set<Long> all = new HashSet<>();
        expectedKeys(ObjectKind.DATA_SOURCE).forEach(k -> all.add(Keys.sourceIdOf(k)));
        Poller one = poller("p1", b -> b);
        Poller two = poller("p2", b -> b);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(one.sources()).isNotEmpty();
            assertThat(two.sources()).isNotEmpty();
            assertThat(Collections.disjoint(one.sources(), two.sources())).isTrue();
            Set<Long> union = new HashSet<>(one.sources());
            union.addAll(two.sources());
            assertThat(union).isEqualTo(all);
        });
        awaitWholeFleet();
        long handedOver = two.sources().iterator().next();

        two.close();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(one.sources()).isEqualTo(all));
        MmsJob job = mma.listMmsJobs(Long.toString(handedOver), JobFilter.all()).findFirst().orElseThrow();
        admin.pin(handedOver, "jobs", job.getId(), "{\"status\":\"DOING\",\"taskDone\":1}");
        String key = Keys.object(handedOver, job.getId());
        // the new owner's first cycles of the source (restore, discovery, then the active list) come first
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recorder.catchUp()
                .history(ObjectKind.JOB, key)).anySatisfy(seen ->
                        assertThat(((MmsJob) seen.data()).getTaskDone()).isEqualTo(1)));
    }

    @Test
    void withServerErrorsAndThrottlingItStaysWithinItsBudgetAndConvergesOnceTheFaultsStop() throws Exception {
        fleet(3, 4, 40);
        admin.faults("{\"serverErrorRate\":0.2,\"throttleRate\":0.1}");
        simulator.resetStats();
        Instant start = Instant.now();
        Poller poller = poller("p1", b -> b.activeInterval(Duration.ofMillis(300))
                .reconcileInterval(Duration.ofSeconds(1)).requestsPerSecond(20)
                .retry(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2))));
        long sid = Keys.sourceIdOf(expectedKeys(ObjectKind.DATA_SOURCE).iterator().next());
        MmsJob job = mma.listMmsJobs(Long.toString(sid), JobFilter.all()).findFirst().orElseThrow();
        admin.pin(sid, "jobs", job.getId(), "{\"taskDone\":3}");

        await().pollInterval(Duration.ofMillis(200)).during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                .until(() -> poller.requestRate() <= 20.0);

        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        long requests = SimAdmin.mmaRequests(simulator.stats());
        assertThat(requests).as("%s requests in %.1f s", requests, seconds).isLessThanOrEqualTo((long) (20 * seconds + 20));
        assertThat(poller.metrics().throttled()).isPositive();
        assertThat(poller.metrics().requests("server_error")).isPositive();
        assertThat(poller.metrics().cycles(false, true) + poller.metrics().cycles(true, true))
                .as("cycles keep succeeding between faults").isPositive();

        admin.faults("{\"serverErrorRate\":0,\"throttleRate\":0}");

        awaitWholeFleet();
        String key = Keys.object(sid, job.getId());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            recorder.catchUp();
            assertThat(((MmsJob) recorder.live(ObjectKind.JOB).get(key)).getTaskDone()).isEqualTo(3);
            for (String s : expectedKeys(ObjectKind.DATA_SOURCE)) {
                mma.listMmsJobs(s, JobFilter.all()).forEach(j -> assertThat(recorder.live(ObjectKind.JOB)
                        .get(Keys.object(Long.parseLong(s), j.getId()))).isEqualTo(j));
                mma.listMmsTables(s, TableFilter.all()).forEach(t -> assertThat(recorder.live(ObjectKind.TABLE)
                        .get(Keys.object(Long.parseLong(s), t.getId()))).isEqualTo(t));
            }
        });
    }

    @Test
    void anAsyncTaskAskedForOnTheWatchTopicIsFollowed() throws Exception {
        fleet(1, 2, 5);
        poller("p1", b -> b);
        awaitWholeFleet();
        long sid = Keys.sourceIdOf(expectedKeys(ObjectKind.DATA_SOURCE).iterator().next());
        String db = mma.listMmsTables(Long.toString(sid), TableFilter.all()).findFirst().orElseThrow().getDbName();
        long asyncTaskId = mma.createMmsJob(Long.toString(sid),
                CreateMmsJobRequest.builder("watched", db, "mms_target").build());

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka(), new StringSerializer(),
                new ByteArraySerializer())) {
            byte[] value = new AvroSerde<>(WatchRequest.class).serializer().serialize(topics.watchRequests(),
                    new WatchRequest(sid, asyncTaskId, Instant.now(), "test", "created a job"));
            producer.send(new ProducerRecord<>(topics.watchRequests(), Keys.object(sid, asyncTaskId), value)).get();
        }

        String key = Keys.object(sid, asyncTaskId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(recorder.catchUp()
                .live(ObjectKind.ASYNC_TASK)).containsKey(key));
        assertThat(((MmsAsyncTask) recorder.live(ObjectKind.ASYNC_TASK).get(key)).getType()).isEqualTo("TASK_CREATE");
    }
}

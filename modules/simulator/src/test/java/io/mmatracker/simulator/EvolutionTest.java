package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.mmatracker.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The fleet moves forward with simulated time, and everything counted agrees with what is listed. */
class EvolutionTest {

    private static final String API = "/api/v1/mms/datasources";
    /** Task statuses in the order of REFERENCE §6.6; a failure sits just after the stage it fails in. */
    private static final Map<String, Double> TASK_RANK = Map.ofEntries(Map.entry("INIT", 0.0),
        Map.entry("SCHEMA_DOING", 1.0), Map.entry("SCHEMA_FAILED", 1.5), Map.entry("SCHEMA_DONE", 2.0),
        Map.entry("DATA_DOING", 3.0), Map.entry("DATA_FAILED", 3.5), Map.entry("DATA_DONE", 4.0),
        Map.entry("VERIFICATION_DOING", 5.0), Map.entry("VERIFICATION_FAILED", 5.5),
        Map.entry("VERIFICATION_DONE", 6.0), Map.entry("DONE", 7.0));
    private static final Set<String> TASK_TERMINAL = Set.of("DONE", "SCHEMA_FAILED", "DATA_FAILED",
        "VERIFICATION_FAILED");
    private static final Map<String, Integer> JOB_RANK = Map.of("INIT", 0, "DOING", 1, "DONE", 2, "FAILED", 2);
    private static final Map<String, Integer> TABLE_RANK = Map.of("INIT", 0, "DOING", 1, "DONE", 2,
        "PART_DONE", 2, "FAILED", 2);

    private static SimulatorConfig config() {
        return SimulatorConfig.defaults().withPort(0).withSpeed(1);
    }

    @Test
    void jobsTasksAndTablesOnlyMoveForwardAndSourceCountersMatchTheirTables() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        try (Simulator sim = Simulator.start(config().withFleet(2, 3, 30).withFailureRate(0.3), clock)) {
            TestHttp http = new TestHttp(sim.baseUrl());
            Map<Long, String> jobs = new HashMap<>();
            Map<Long, Integer> taskDone = new HashMap<>();
            Map<Long, String> tasks = new HashMap<>();
            Map<Long, String> tables = new HashMap<>();
            Set<String> tableStatusesSeen = new HashSet<>();
            Set<String> taskStatusesSeen = new HashSet<>();
            for (int step = 0; step <= 72; step++) {
                for (long source : List.of(2000001L, 2000002L)) {
                    for (JsonNode job : all(http, API + "/" + source + "/jobs")) {
                        long id = job.get("id").asLong();
                        String status = job.get("status").asText();
                        String before = jobs.put(id, status);
                        if (before != null) {
                            assertThat(JOB_RANK.get(status)).as("job %d %s -> %s", id, before, status)
                                .isGreaterThanOrEqualTo(JOB_RANK.get(before));
                            if (JOB_RANK.get(before) == 2) {
                                assertThat(status).isEqualTo(before);
                            }
                        }
                        int done = job.get("taskDone").asInt();
                        assertThat(done).isBetween(taskDone.getOrDefault(id, 0), job.get("taskNum").asInt());
                        taskDone.put(id, done);
                        if (status.equals("DONE")) {
                            assertThat(done).isEqualTo(job.get("taskNum").asInt());
                        }
                    }
                    for (JsonNode task : all(http, API + "/" + source + "/tasks")) {
                        long id = task.get("id").asLong();
                        String status = task.get("status").asText();
                        taskStatusesSeen.add(status);
                        assertThat(TASK_RANK).containsKey(status);
                        String before = tasks.put(id, status);
                        if (before != null) {
                            assertThat(TASK_RANK.get(status)).as("task %d %s -> %s", id, before, status)
                                .isGreaterThanOrEqualTo(TASK_RANK.get(before));
                            if (TASK_TERMINAL.contains(before)) {
                                assertThat(status).isEqualTo(before);
                            }
                        }
                        assertThat(task.get("running").asBoolean()).isEqualTo(status.endsWith("_DOING"));
                        assertThat(task.get("endTime").asText().isEmpty()).isEqualTo(!TASK_TERMINAL.contains(status));
                    }
                    List<JsonNode> sourceTables = all(http, API + "/" + source + "/tables");
                    for (JsonNode table : sourceTables) {
                        long id = table.get("id").asLong();
                        String status = table.get("status").asText();
                        tableStatusesSeen.add(status);
                        String before = tables.put(id, status);
                        if (before != null) {
                            assertThat(TABLE_RANK.get(status)).as("table %d %s -> %s", id, before, status)
                                .isGreaterThanOrEqualTo(TABLE_RANK.get(before));
                        }
                        int p = table.get("partitions").asInt();
                        int doing = table.get("partitionsDoing").asInt();
                        int done = table.get("partitionsDone").asInt();
                        int failed = table.get("partitionsFailed").asInt();
                        assertThat(doing + done + failed).isLessThanOrEqualTo(p);
                        if (status.equals("DONE")) {
                            assertThat(done).isEqualTo(p);
                        }
                        if (status.equals("PART_DONE")) {
                            assertThat(done).isPositive().isLessThan(p);
                        }
                    }
                    assertCountersMatch(http.get(API + "/" + source).data(), sourceTables);
                }
                clock.advance(Duration.ofMinutes(10));
            }
            assertThat(jobs.values()).allMatch(s -> s.equals("DONE") || s.equals("FAILED"))
                .contains("DONE", "FAILED");
            assertThat(tasks.values()).allMatch(TASK_TERMINAL::contains);
            assertThat(taskStatusesSeen).contains("SCHEMA_DOING", "DATA_DOING", "DONE");
            assertThat(tableStatusesSeen).contains("INIT", "DOING", "DONE").containsAnyOf("FAILED", "PART_DONE");
        }
    }

    static void assertCountersMatch(JsonNode source, List<JsonNode> tables) {
        Map<String, Integer> byStatus = new HashMap<>();
        long partitions = 0;
        long doing = 0;
        long done = 0;
        long failed = 0;
        for (JsonNode t : tables) {
            byStatus.merge(t.get("status").asText(), 1, Integer::sum);
            partitions += t.get("partitions").asLong();
            doing += t.get("partitionsDoing").asLong();
            done += t.get("partitionsDone").asLong();
            failed += t.get("partitionsFailed").asLong();
        }
        assertThat(source.get("tableNum").asInt()).isEqualTo(tables.size());
        assertThat(source.get("partitionNum").asLong()).isEqualTo(partitions);
        assertThat(source.get("tablesDoingNum").asInt()).isEqualTo(byStatus.getOrDefault("DOING", 0));
        assertThat(source.get("tablesDoneNum").asInt()).isEqualTo(byStatus.getOrDefault("DONE", 0));
        assertThat(source.get("tablesPartDoneNum").asInt()).isEqualTo(byStatus.getOrDefault("PART_DONE", 0));
        assertThat(source.get("tablesFailedNum").asInt()).isEqualTo(byStatus.getOrDefault("FAILED", 0));
        assertThat(source.get("partitionsDoingNum").asLong()).isEqualTo(doing);
        assertThat(source.get("partitionsDoneNum").asLong()).isEqualTo(done);
        assertThat(source.get("partitionsFailedNum").asLong()).isEqualTo(failed);
    }

    @Test
    void createdJobRunsAfterItsTaskCreateAsyncTaskAndStopFreezesItUntilStart() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        try (Simulator sim = Simulator.start(config().withFleet(1, 2, 20).withFailureRate(0), clock)) {
            TestHttp http = new TestHttp(sim.baseUrl());
            String db = http.get(API + "/2000001/tables?pageSize=1").data().get("objectList").get(0)
                .get("dbName").asText();
            long asyncId = http.post(API + "/2000001/jobs", "{\"name\":\"again\",\"srcDbName\":\"" + db + "\"}")
                .data().get("asyncTaskId").asLong();
            JsonNode async = http.get(API + "/2000001/asyncTasks/" + asyncId).data();
            assertThat(async.get("type").asText()).isEqualTo("TASK_CREATE");
            assertThat(async.get("status").asText()).isIn("INIT", "DOING");
            assertThat(async.get("endTime").asText()).isEmpty();
            long jobId = async.get("objectId").asLong();
            assertThat(http.get(API + "/2000001/jobs/" + jobId).data().get("status").asText()).isEqualTo("INIT");

            clock.advance(Duration.ofSeconds(30));
            async = http.get(API + "/2000001/asyncTasks/" + asyncId).data();
            assertThat(async.get("status").asText()).isEqualTo("DONE");
            assertThat(async.get("running").asBoolean()).isFalse();
            assertThat(async.get("endTime").asText()).isNotEmpty();

            clock.advance(Duration.ofMinutes(5));
            JsonNode job = http.get(API + "/2000001/jobs/" + jobId).data();
            assertThat(job.get("status").asText()).isEqualTo("DOING");
            assertThat(job.get("type").asText()).isEqualTo("Database");

            TestHttp.Answer stop = http.post(API + "/2000001/jobs/" + jobId + "/stop", "");
            assertThat(stop.data().asLong()).isEqualTo(jobId);
            long stopTask = Long.parseLong(stop.header("x-sim-async-task-id").orElseThrow());
            String frozen = tasksOf(http, jobId).toString();
            assertThat(http.get(API + "/2000001/jobs/" + jobId).data().get("stopped").asBoolean()).isTrue();

            clock.advance(Duration.ofHours(5));
            assertThat(tasksOf(http, jobId).toString()).isEqualTo(frozen);
            assertThat(http.get(API + "/2000001/asyncTasks/" + stopTask).data().get("status").asText())
                .isEqualTo("DONE");
            assertThat(http.get(API + "/2000001/asyncTasks/" + stopTask).data().get("type").asText())
                .isEqualTo("STOP_JOB");
            assertThat(all(http, API + "/2000001/tasks?jobId=" + jobId))
                .allSatisfy(t -> assertThat(t.get("running").asBoolean()).isFalse());

            http.post(API + "/2000001/jobs/" + jobId + "/start", "");
            assertThat(http.get(API + "/2000001/jobs/" + jobId).data().get("stopped").asBoolean()).isFalse();
            clock.advance(Duration.ofHours(5));
            job = http.get(API + "/2000001/jobs/" + jobId).data();
            assertThat(job.get("status").asText()).isEqualTo("DONE");
            assertThat(job.get("taskDone").asInt()).isEqualTo(job.get("taskNum").asInt());
        }
    }

    @Test
    void retryGivesFailedTasksANewAttempt() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        try (Simulator sim = Simulator.start(config().withFleet(1, 1, 30).withFailureRate(1.0), clock)) {
            TestHttp http = new TestHttp(sim.baseUrl());
            clock.advance(Duration.ofHours(12));
            JsonNode job = all(http, API + "/2000001/jobs").get(0);
            long jobId = job.get("id").asLong();
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            int doneBefore = job.get("taskDone").asInt();
            assertThat(doneBefore).isLessThan(30);
            Set<Long> failed = new HashSet<>();
            for (JsonNode t : all(http, API + "/2000001/tasks?jobId=" + jobId)) {
                if (t.get("status").asText().endsWith("_FAILED")) {
                    failed.add(t.get("id").asLong());
                }
            }
            assertThat(failed).hasSize(30 - doneBefore);

            assertThat(http.post(API + "/2000001/jobs/" + jobId + "/retry", "").data().asLong()).isEqualTo(jobId);
            assertThat(http.get(API + "/2000001/jobs/" + jobId).data().get("status").asText()).isEqualTo("DOING");
            clock.advance(Duration.ofHours(12));
            job = http.get(API + "/2000001/jobs/" + jobId).data();
            assertThat(job.get("status").asText()).isIn("DONE", "FAILED");
            // a retry halves the chance to fail: failed tasks mostly succeed now
            assertThat(job.get("taskDone").asInt()).isGreaterThan(doneBefore);
            for (JsonNode t : all(http, API + "/2000001/tasks?jobId=" + jobId)) {
                int expected = failed.contains(t.get("id").asLong()) ? 1 : 0;
                assertThat(t.get("retriedTimes").asInt()).isEqualTo(expected);
            }
            JsonNode source = http.get(API + "/2000001").data();
            assertThat(source.get("tablesDoneNum").asInt()).isEqualTo(job.get("taskDone").asInt());
        }
    }

    @Test
    void metadataScansProgressToDoneOrFailedAndDoubleAsAsyncTasks() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        try (Simulator sim = Simulator.start(config().withFleet(1, 1, 1000).withFailureRate(0.5), clock)) {
            TestHttp http = new TestHttp(sim.baseUrl());
            Set<String> outcomes = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                long scanId = http.post(API + "/2000001/scans", "{}").data().get("scanId").asLong();
                JsonNode source = http.get(API + "/2000001").data();
                assertThat(source.get("scanId").asLong()).isEqualTo(scanId);
                assertThat(source.get("scanStatus").asText()).isEqualTo("SCAN_DOING");
                JsonNode scan = http.get(API + "/2000001/scans/" + scanId).data();
                assertThat(scan.get("status").asText()).isEqualTo("SCAN_DOING");
                assertThat(scan.get("progress").asLong()).isZero();
                long last = 0;
                for (int s = 0; s < 12 && scan.get("status").asText().equals("SCAN_DOING"); s++) {
                    clock.advance(Duration.ofSeconds(5));
                    scan = http.get(API + "/2000001/scans/" + scanId).data();
                    assertThat(scan.get("progress").asLong()).isBetween(last, 10_000L);
                    last = scan.get("progress").asLong();
                }
                String status = scan.get("status").asText();
                outcomes.add(status);
                JsonNode async = http.get(API + "/2000001/asyncTasks/" + scanId).data();
                assertThat(async.get("running").asBoolean()).isFalse();
                if (status.equals("SCAN_DONE")) {
                    assertThat(scan.get("progress").asLong()).isEqualTo(10_000);
                    assertThat(scan.get("result").asText()).contains("\"tables\":1000");
                    assertThat(async.get("status").asText()).isEqualTo("DONE");
                } else {
                    assertThat(status).isEqualTo("SCAN_FAILED");
                    assertThat(scan.get("errorMsg").asText()).isNotEmpty();
                    assertThat(async.get("status").asText()).isEqualTo("FAILED");
                    assertThat(http.get(API + "/2000001").data().get("scanErrMsg").asText()).isNotEmpty();
                }
                assertThat(scan.get("endTime").asText()).isNotEmpty();
            }
            assertThat(outcomes).containsExactlyInAnyOrder("SCAN_DONE", "SCAN_FAILED");
        }
    }

    @Test
    void speedMakesSimulatedTimeRunFaster() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        try (Simulator sim = Simulator.start(config().withSpeed(3600), clock)) {
            TestHttp http = new TestHttp(sim.baseUrl());
            long before = http.get("/_sim/time").data().get("nowMillis").asLong();
            clock.advance(Duration.ofSeconds(2));
            long after = http.get("/_sim/time").data().get("nowMillis").asLong();
            assertThat(after - before).isEqualTo(Duration.ofHours(2).toMillis());
        }
    }

    @Test
    void generatedJobsAppearWhenTheyAreCreated() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        try (Simulator sim = Simulator.start(config().withFleet(1, 20, 40), clock)) {
            TestHttp http = new TestHttp(sim.baseUrl());
            int early = http.get(API + "/2000001/jobs").data().get("total").asInt();
            clock.advance(Duration.ofHours(3));
            int late = http.get(API + "/2000001/jobs").data().get("total").asInt();
            assertThat(early).isLessThan(late);
            assertThat(late).isEqualTo(20);
        }
    }

    private static List<JsonNode> tasksOf(TestHttp http, long jobId) {
        return all(http, API + "/2000001/tasks?jobId=" + jobId);
    }

    /** Every item of a list, page by page. */
    static List<JsonNode> all(TestHttp http, String path) {
        List<JsonNode> items = new java.util.ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        for (int page = 1; ; page++) {
            JsonNode data = http.get(path + sep + "pageSize=100&pageNum=" + page).data();
            data.get("objectList").forEach(items::add);
            if (items.size() >= data.get("total").asInt() || data.get("objectList").isEmpty()) {
                return items;
            }
        }
    }
}

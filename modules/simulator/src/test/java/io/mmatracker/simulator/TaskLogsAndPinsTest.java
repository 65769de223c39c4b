package io.mmatracker.simulator;

import static io.mmatracker.simulator.EvolutionTest.all;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.mmatracker.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tasks fail with plausible logs (ListMmsTaskLogs), task pins make the job follow, and ListMmsTasks filters and
 * sorts as REFERENCE §3.6 documents.
 */
class TaskLogsAndPinsTest {

    private static final String API = "/api/v1/mms/datasources/2000001";
    private static final String SIM = "/_sim/datasources/2000001";
    private static final List<String> LOG_FIELDS =
        List.of("id", "taskId", "sourceId", "status", "action", "msg", "createTime");
    private static final List<String> TASK_STATUSES = List.of("INIT", "SCHEMA_DOING", "SCHEMA_DONE",
        "SCHEMA_FAILED", "DATA_DOING", "DATA_DONE", "DATA_FAILED", "VERIFICATION_DOING", "VERIFICATION_DONE",
        "VERIFICATION_FAILED", "DONE");

    private MutableClock clock;
    private Simulator sim;
    private TestHttp http;

    @BeforeEach
    void start() {
        // every job is fated to fail: some of its tasks fail their first attempt
        start(1.0);
    }

    /** (Re)starts the simulator; failure rate 0: no task fails but the pinned one, so what fails shows the pin. */
    private void start(double failureRate) {
        stop();
        clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withSpeed(1).withFleet(1, 3, 60)
            .withFailureRate(failureRate), clock);
        http = new TestHttp(sim.baseUrl());
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
            sim = null;
        }
    }

    @Test
    void aFailedTaskHasALogEndingInItsFailedStepWithAnEngineMessage() {
        clock.advance(Duration.ofHours(6));
        List<JsonNode> failed = new ArrayList<>();
        for (String status : List.of("SCHEMA_FAILED", "DATA_FAILED", "VERIFICATION_FAILED")) {
            failed.addAll(all(http, API + "/tasks?status=" + status));
        }
        assertThat(failed).isNotEmpty();
        for (JsonNode task : failed) {
            TestHttp.Answer answer = http.get(API + "/tasks/" + task.get("id").asLong() + "/logs");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode logs = answer.data();
            assertThat(logs.isArray()).as("ListMmsTaskLogs answers a plain array").isTrue();
            assertThat(logs.size()).isGreaterThanOrEqualTo(2);
            JsonNode last = logs.get(logs.size() - 1);
            assertThat(last.get("status").asText()).isEqualTo(task.get("status").asText());
            assertThat(last.get("msg").asText()).isNotIn("ok", "start", "");
            assertThat(last.get("action").asText()).isNotEmpty();
            assertThat(last.get("createTime").asText()).isEqualTo(task.get("endTime").asText());
            String previous = "";
            long previousId = -1;
            for (JsonNode step : logs) {
                assertThat(fieldNames(step)).containsExactlyElementsOf(LOG_FIELDS);
                assertThat(step.get("taskId").asLong()).isEqualTo(task.get("id").asLong());
                assertThat(step.get("sourceId").asLong()).isEqualTo(2000001L);
                assertThat(step.get("id").asLong()).isGreaterThan(previousId);
                assertThat(step.get("createTime").asText()).isGreaterThanOrEqualTo(previous);
                assertThat(TASK_STATUSES).contains(step.get("status").asText());
                previous = step.get("createTime").asText();
                previousId = step.get("id").asLong();
            }
        }
        long done = all(http, API + "/tasks?status=DONE").get(0).get("id").asLong();
        JsonNode doneLogs = http.get(API + "/tasks/" + done + "/logs").data();
        assertThat(doneLogs.get(0).get("status").asText()).isEqualTo("SCHEMA_DOING");
        assertThat(doneLogs.get(0).get("action").asText()).startsWith("create table if not exists");
        assertThat(doneLogs.get(doneLogs.size() - 1).get("status").asText()).isEqualTo("DONE");
    }

    @Test
    void aTaskPinnedToDataFailedFailsItsJobWithThePinnedMessage() {
        start(0);
        JsonNode running = firstRunning();
        long taskId = running.get("id").asLong();
        long jobId = running.get("jobId").asLong();
        JsonNode sourceBefore = http.get(API).data();
        assertThat(sourceBefore.get("tablesFailedNum").asInt() + sourceBefore.get("tablesPartDoneNum").asInt())
            .as("nothing fails without the pin").isZero();
        TestHttp.Answer pinned = http.post(SIM + "/tasks/" + taskId,
            "{\"status\":\"DATA_FAILED\",\"msg\":\"ODPS-0130071: column count mismatch\"}");
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);

        JsonNode task = http.get(API + "/tasks/" + taskId).data();
        assertThat(task.get("status").asText()).isEqualTo("DATA_FAILED");
        assertThat(task.get("running").asBoolean()).isFalse();
        assertThat(task.get("endTime").asText()).isNotEmpty();
        assertThat(fieldNames(task)).doesNotContain("msg", "action");
        assertThat(all(http, API + "/tasks?jobId=" + jobId + "&status=DATA_FAILED"))
            .extracting(t -> t.get("id").asLong()).contains(taskId);
        JsonNode logs = http.get(API + "/tasks/" + taskId + "/logs").data();
        JsonNode last = logs.get(logs.size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("DATA_FAILED");
        assertThat(last.get("msg").asText()).isEqualTo("ODPS-0130071: column count mismatch");
        assertThat(last.get("action").asText()).isNotEmpty();
        assertThat(logs.get(logs.size() - 2).get("status").asText()).endsWith("_DOING");
        // the table follows its task (the partitions copied until the pin), and so do its source's counters
        String tablePath = API + "/tables/" + task.get("tableId").asLong();
        JsonNode table = http.get(tablePath).data();
        assertThat(table.get("status").asText()).isIn("FAILED", "PART_DONE");
        assertThat(table.get("partitionsFailed").asInt()).isPositive();
        JsonNode source = http.get(API).data();
        assertThat(source.get("tablesFailedNum").asInt() + source.get("tablesPartDoneNum").asInt()).isEqualTo(1);

        // MMA: a job ends when all its tasks ended, FAILED when one of them failed; the pinned task and its table
        // stay as they were at the pin while time goes on
        clock.advance(Duration.ofHours(12));
        JsonNode job = http.get(API + "/jobs/" + jobId).data();
        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        JsonNode later = http.get(API + "/tasks/" + taskId).data();
        assertThat(later.get("status").asText()).isEqualTo("DATA_FAILED");
        for (String field : List.of("startTime", "endTime", "retriedTimes", "running")) {
            assertThat(later.get(field)).as(field).isEqualTo(task.get(field));
        }
        JsonNode tableLater = http.get(tablePath).data();
        for (String field : List.of("status", "partitionsDone", "partitionsFailed", "partitionsDoing")) {
            assertThat(tableLater.get(field)).as(field).isEqualTo(table.get(field));
        }
        JsonNode sourceLater = http.get(API).data();
        assertThat(sourceLater.get("tablesFailedNum").asInt() + sourceLater.get("tablesPartDoneNum").asInt())
            .isEqualTo(1);

        assertThat(http.delete(SIM + "/tasks/" + taskId + "/pins").status()).isEqualTo(200);
        assertThat(http.get(API + "/tasks/" + taskId).data().get("status").asText()).isEqualTo("DONE");
        assertThat(http.get(tablePath).data().get("status").asText()).isEqualTo("DONE");
    }

    @Test
    void aTaskPinnedToAnEarlierRunningStageStaysThereAndSoDoesItsTable() {
        start(0);
        JsonNode running = firstRunning();
        long taskId = running.get("id").asLong();
        clock.advance(Duration.ofSeconds(30)); // some partitions are copied by now
        http.post(SIM + "/tasks/" + taskId, "{\"status\":\"SCHEMA_DOING\"}");
        String tablePath = API + "/tables/" + running.get("tableId").asLong();
        for (int hours : List.of(0, 12)) {
            clock.advance(Duration.ofHours(hours));
            JsonNode task = http.get(API + "/tasks/" + taskId).data();
            assertThat(task.get("status").asText()).isEqualTo("SCHEMA_DOING");
            assertThat(task.get("endTime").asText()).isEmpty();
            assertThat(task.get("retriedTimes").asInt()).isZero();
            JsonNode table = http.get(tablePath).data();
            assertThat(table.get("status").asText()).as("after %d hours", hours).isEqualTo("DOING");
            assertThat(table.get("partitionsDone").asInt()).as("after %d hours", hours).isZero();
            assertThat(table.get("partitionsDoing").asInt()).isEqualTo(table.get("partitions").asInt());
        }
        assertThat(http.get(API + "/jobs/" + running.get("jobId").asLong()).data().get("status").asText())
            .isEqualTo("DOING");
    }

    @Test
    void aLaterMessageOnAPinnedTaskDoesNotMoveItsEnd() {
        start(0);
        JsonNode running = firstRunning();
        long taskId = running.get("id").asLong();
        http.post(SIM + "/tasks/" + taskId, "{\"status\":\"DATA_FAILED\"}");
        String end = http.get(API + "/tasks/" + taskId).data().get("endTime").asText();
        assertThat(end).isNotEmpty();
        clock.advance(Duration.ofHours(1));
        http.post(SIM + "/tasks/" + taskId, "{\"msg\":\"ODPS-0422155: quota exceeded\"}");
        assertThat(http.get(API + "/tasks/" + taskId).data().get("endTime").asText()).isEqualTo(end);
        JsonNode logs = http.get(API + "/tasks/" + taskId + "/logs").data();
        JsonNode last = logs.get(logs.size() - 1);
        assertThat(last.get("msg").asText()).isEqualTo("ODPS-0422155: quota exceeded");
        assertThat(last.get("createTime").asText()).isEqualTo(end);
        // a new status is a new pin moment
        clock.advance(Duration.ofHours(1));
        http.post(SIM + "/tasks/" + taskId, "{\"status\":\"SCHEMA_FAILED\"}");
        assertThat(http.get(API + "/tasks/" + taskId).data().get("endTime").asText()).isGreaterThan(end);
    }

    @Test
    void aPinToAnEarlierStageReplacesTheStepsTheTaskTookBeyondIt() {
        JsonNode verifying = null;
        for (int i = 0; i < 60 && verifying == null; i++) {
            List<JsonNode> found = all(http, API + "/tasks?status=VERIFICATION_DOING");
            verifying = found.isEmpty() ? null : found.get(0);
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(verifying).as("a task in verification within 10 hours").isNotNull();
        long taskId = verifying.get("id").asLong();
        clock.advance(Duration.ofSeconds(1));
        JsonNode before = http.get(API + "/tasks/" + taskId + "/logs").data();
        http.post(SIM + "/tasks/" + taskId, "{\"status\":\"DATA_FAILED\"}");
        JsonNode logs = http.get(API + "/tasks/" + taskId + "/logs").data();
        // one id names one step: a step the pin stripped does not lend its id to the pinned one
        for (JsonNode step : logs) {
            for (JsonNode old : before) {
                if (old.get("id").equals(step.get("id"))) {
                    assertThat(step).as("step %s before and after the pin", step.get("id")).isEqualTo(old);
                }
            }
        }
        assertThat(logs.get(logs.size() - 1).get("status").asText()).isEqualTo("DATA_FAILED");
        assertThat(logs.get(logs.size() - 2).get("status").asText()).isEqualTo("DATA_DOING");
        assertThat(logs.get(logs.size() - 1).get("msg").asText()).isNotIn("ok", "start", "");

        // pinned to the status it had reached by itself: no second step
        JsonNode failed = all(http, API + "/tasks?status=SCHEMA_FAILED").stream().findFirst()
            .orElseGet(() -> all(http, API + "/tasks?status=DATA_FAILED").stream()
                .filter(t -> t.get("id").asLong() != taskId).findFirst().orElseThrow());
        String path = API + "/tasks/" + failed.get("id").asLong() + "/logs";
        int steps = http.get(path).data().size();
        http.post(SIM + "/tasks/" + failed.get("id").asLong(), "{\"status\":\"" + failed.get("status").asText()
            + "\",\"msg\":\"pinned\"}");
        JsonNode pinnedLogs = http.get(path).data();
        assertThat(pinnedLogs.size()).isEqualTo(steps);
        assertThat(pinnedLogs.get(steps - 1).get("msg").asText()).isEqualTo("pinned");
    }

    @Test
    void aJobWithAPinnedFailedTaskStaysDoingWhileOthersRun() {
        JsonNode running = firstRunning();
        long jobId = running.get("jobId").asLong();
        http.post(SIM + "/tasks/" + running.get("id").asLong(), "{\"status\":\"SCHEMA_FAILED\"}");
        long stillRunning = all(http, API + "/tasks?jobId=" + jobId).stream()
            .filter(t -> !Set.of("DONE", "SCHEMA_FAILED", "DATA_FAILED", "VERIFICATION_FAILED")
                .contains(t.get("status").asText())).count();
        assertThat(stillRunning).isPositive();
        assertThat(http.get(API + "/jobs/" + jobId).data().get("status").asText()).isEqualTo("DOING");
    }

    @Test
    void taskPinsRejectAMessageThatIsNotTextAndUnknownKeysNameTheLogKeys() {
        clock.advance(Duration.ofMinutes(150));
        long taskId = all(http, API + "/tasks").get(0).get("id").asLong();
        TestHttp.Answer notText = http.post(SIM + "/tasks/" + taskId, "{\"msg\":42}");
        assertThat(notText.status()).isEqualTo(400);
        TestHttp.Answer typo = http.post(SIM + "/tasks/" + taskId, "{\"message\":\"x\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("Message").asText()).contains("msg", "action");
        assertThat(http.get(API + "/tasks/99/logs").json().get("Code").asText()).isEqualTo("NotFound.Task");
    }

    @Test
    void theStatusFilterAgreesWithTheStatusesOfAllTasksAtEveryMoment() {
        for (int step = 0; step < 6; step++) {
            List<JsonNode> everything = all(http, API + "/tasks");
            for (String status : TASK_STATUSES) {
                List<Long> expected = everything.stream().filter(t -> t.get("status").asText().equals(status))
                    .map(t -> t.get("id").asLong()).toList();
                assertThat(all(http, API + "/tasks?status=" + status)).as("status %s at step %d", status, step)
                    .extracting(t -> t.get("id").asLong()).containsExactlyElementsOf(expected);
            }
            clock.advance(Duration.ofMinutes(45));
        }
    }

    @Test
    void sortersOrderByStatusOrStartTimeWithTiesById() {
        clock.advance(Duration.ofMinutes(150));
        List<JsonNode> byStatus = all(http, API + "/tasks?sorter.status=desc");
        assertThat(byStatus).hasSize(all(http, API + "/tasks").size());
        for (int i = 1; i < byStatus.size(); i++) {
            String a = byStatus.get(i - 1).get("status").asText();
            String b = byStatus.get(i).get("status").asText();
            assertThat(a.compareTo(b)).isGreaterThanOrEqualTo(0);
            if (a.equals(b)) {
                assertThat(byStatus.get(i - 1).get("id").asLong()).isLessThan(byStatus.get(i).get("id").asLong());
            }
        }
        List<JsonNode> byStart = all(http, API + "/tasks?sorter.startTime=asc&status=DONE");
        for (int i = 1; i < byStart.size(); i++) {
            assertThat(byStart.get(i - 1).get("startTime").asText())
                .isLessThanOrEqualTo(byStart.get(i).get("startTime").asText());
        }
        assertThat(http.get(API + "/tasks?sorter=%7B%22status%22%3A%22asc%22%7D").status()).isEqualTo(200);
        TestHttp.Answer bad = http.get(API + "/tasks?sorter.status=up");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("Code").asText()).isEqualTo("InvalidParameter");
        assertThat(http.get(API + "/tasks?sorter.size=asc").status()).isEqualTo(400);
    }

    /** The first task copying data, once there is one (the clock moves on in steps of ten minutes). */
    private JsonNode firstRunning() {
        for (int i = 0; i < 60; i++) {
            List<JsonNode> running = all(http, API + "/tasks?status=DATA_DOING");
            if (!running.isEmpty()) {
                return running.get(0);
            }
            clock.advance(Duration.ofMinutes(10));
        }
        throw new AssertionError("no task copied data within 10 hours");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

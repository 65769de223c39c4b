package io.mmatracker.simulator;

import static io.mmatracker.simulator.EvolutionTest.all;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import io.mmatracker.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code /_sim/} controls change, delete and add objects, and report stats and time. */
class AdminApiTest {

    private static final String API = "/api/v1/mms/datasources";
    private static final String SIM = "/_sim/datasources";

    private MutableClock clock;
    private Simulator sim;
    private TestHttp http;

    @BeforeEach
    void start() {
        clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withSpeed(1).withFleet(2, 3, 30), clock);
        http = new TestHttp(sim.baseUrl());
        clock.advance(Duration.ofHours(3));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private long firstJob() {
        return http.get(API + "/2000001/jobs").data().get("objectList").get(0).get("id").asLong();
    }

    @Test
    void pinnedJobFieldsAreServedUntilReleased() {
        long job = firstJob();
        TestHttp.Answer pinned = http.post(SIM + "/2000001/jobs/" + job,
            "{\"status\":\"FAILED\",\"stopped\":true,\"extraFields\":{\"errorMsg\":\"boom\"}}");
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
        assertThat(pinned.data().get("status").asText()).isEqualTo("FAILED");

        JsonNode served = http.get(API + "/2000001/jobs/" + job).data();
        assertThat(served.get("status").asText()).isEqualTo("FAILED");
        assertThat(served.get("stopped").asBoolean()).isTrue();
        assertThat(served.get("errorMsg").asText()).isEqualTo("boom");
        assertThat(all(http, API + "/2000001/jobs?status=FAILED")).extracting(j -> j.get("id").asLong())
            .contains(job);
        assertThat(all(http, API + "/2000001/jobs?stopped=1")).extracting(j -> j.get("id").asLong())
            .containsExactly(job);

        clock.advance(Duration.ofHours(5));
        assertThat(http.get(API + "/2000001/jobs/" + job).data().get("status").asText()).isEqualTo("FAILED");

        TestHttp.Answer released = http.delete(SIM + "/2000001/jobs/" + job + "/pins");
        assertThat(released.status()).isEqualTo(200);
        served = http.get(API + "/2000001/jobs/" + job).data();
        assertThat(served.has("errorMsg")).isFalse();
        assertThat(served.get("stopped").asBoolean()).isFalse();
    }

    @Test
    void pinsAcceptAnyJsonTypeButOnlyKnownFieldNames() {
        long job = firstJob();
        TestHttp.Answer wrongType = http.post(SIM + "/2000001/jobs/" + job, "{\"taskNum\":\"many\",\"eta\":null}");
        assertThat(wrongType.status()).isEqualTo(200);
        JsonNode served = http.get(API + "/2000001/jobs/" + job).data();
        assertThat(served.get("taskNum").asText()).isEqualTo("many");
        assertThat(served.get("eta").isNull()).isTrue();

        TestHttp.Answer typo = http.post(SIM + "/2000001/jobs/" + job, "{\"errorMsg\":\"boom\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("Code").asText()).isEqualTo("InvalidParameter");
        assertThat(typo.json().get("Message").asText()).contains("errorMsg", "extraFields");
        assertThat(http.post(SIM + "/2000001/jobs/" + job, "[1]").status()).isEqualTo(400);
        assertThat(http.post(SIM + "/2000001/jobs/" + job, "{\"extraFields\":{\"status\":\"x\"}}").status())
            .isEqualTo(400);
    }

    @Test
    void pinnedTableStatusCountsInItsDataSource() {
        JsonNode table = http.get(API + "/2000001/tables?status=DONE&pageSize=1").data().get("objectList").get(0);
        JsonNode before = http.get(API + "/2000001").data();
        http.post(SIM + "/2000001/tables/" + table.get("id").asLong(),
            "{\"status\":\"FAILED\",\"partitionsDone\":0,\"partitionsFailed\":" + table.get("partitions").asInt()
                + "}");
        JsonNode after = http.get(API + "/2000001").data();
        assertThat(after.get("tablesFailedNum").asInt()).isEqualTo(before.get("tablesFailedNum").asInt() + 1);
        assertThat(after.get("tablesDoneNum").asInt()).isEqualTo(before.get("tablesDoneNum").asInt() - 1);
        assertThat(after.get("partitionsFailedNum").asLong())
            .isEqualTo(before.get("partitionsFailedNum").asLong() + table.get("partitions").asInt());
        EvolutionTest.assertCountersMatch(after, all(http, API + "/2000001/tables"));
    }

    @Test
    void pinnedTaskStatusCountsInItsJob() {
        long job = firstJob();
        JsonNode task = http.get(API + "/2000001/tasks?pageSize=1&jobId=" + job).data().get("objectList").get(0);
        JsonNode before = http.get(API + "/2000001/jobs/" + job).data();
        http.post(SIM + "/2000001/tasks/" + task.get("id").asLong(), "{\"status\":\"DATA_FAILED\"}");
        assertThat(http.get(API + "/2000001/tasks/" + task.get("id").asLong()).data().get("status").asText())
            .isEqualTo("DATA_FAILED");
        assertThat(all(http, API + "/2000001/tasks?status=DATA_FAILED&jobId=" + job)).hasSize(1);
        clock.advance(Duration.ofHours(10));
        JsonNode after = http.get(API + "/2000001/jobs/" + job).data();
        assertThat(after.get("status").asText()).isEqualTo("FAILED");
        assertThat(after.get("taskDone").asInt()).isEqualTo(before.get("taskNum").asInt() - 1);
    }

    @Test
    void pinnedScanAndSourceFieldsShowEverywhere() {
        long scanId = http.get(API + "/2000002").data().get("scanId").asLong();
        http.post(SIM + "/2000002/scans/" + scanId, "{\"status\":\"SCAN_FAILED\",\"errorMsg\":\"metastore down\"}");
        JsonNode source = http.get(API + "/2000002").data();
        assertThat(source.get("scanStatus").asText()).isEqualTo("SCAN_FAILED");
        assertThat(source.get("scanErrMsg").asText()).isEqualTo("metastore down");
        JsonNode asAsync = http.get(API + "/2000002/asyncTasks/" + scanId).data();
        assertThat(asAsync.get("status").asText()).isEqualTo("FAILED");
        assertThat(asAsync.get("errorMsg").asText()).isEqualTo("metastore down");

        http.post(SIM + "/2000002", "{\"status\":\"START_FAILED\",\"errMsg\":\"agent lost\",\"agentIsOnline\":false}");
        source = http.get(API + "/2000002").data();
        assertThat(source.get("status").asText()).isEqualTo("START_FAILED");
        assertThat(source.get("agentIsOnline").asBoolean()).isFalse();
        http.delete(SIM + "/2000002/pins");
        assertThat(http.get(API + "/2000002").data().get("status").asText()).isEqualTo("STARTED");
    }

    @Test
    void pinnedAsyncTaskFails() {
        long job = firstJob();
        long stopTask = Long.parseLong(http.post(API + "/2000001/jobs/" + job + "/stop", "")
            .header("x-sim-async-task-id").orElseThrow());
        http.post(SIM + "/2000001/asyncTasks/" + stopTask, "{\"status\":\"FAILED\",\"errorMsg\":\"boom\"}");
        JsonNode a = http.get(API + "/2000001/asyncTasks/" + stopTask).data();
        assertThat(a.get("status").asText()).isEqualTo("FAILED");
        assertThat(a.get("errorMsg").asText()).isEqualTo("boom");
        JsonNode listed = http.get(SIM + "/2000001/asyncTasks").data();
        assertThat(listed.findValuesAsText("type")).contains("STOP_JOB", "FETCH_METADATA");
    }

    @Test
    void deletedObjectsAreGoneFromGetsListsAndCounters() {
        JsonNode table = http.get(API + "/2000001/tables?pageSize=1").data().get("objectList").get(0);
        long tableId = table.get("id").asLong();
        int tables = http.get(API + "/2000001").data().get("tableNum").asInt();
        TestHttp.Answer deleted = http.delete(SIM + "/2000001/tables/" + tableId);
        assertThat(deleted.data().get("deleted").asLong()).isEqualTo(tableId);
        assertThat(http.get(API + "/2000001/tables/" + tableId).status()).isEqualTo(404);
        assertThat(http.get(API + "/2000001").data().get("tableNum").asInt()).isEqualTo(tables - 1);
        assertThat(http.get(API + "/2000001/tables").data().get("total").asInt()).isEqualTo(tables - 1);
        assertThat(http.delete(SIM + "/2000001/tables/" + tableId).status()).isEqualTo(404);

        long job = firstJob();
        int jobs = http.get(API + "/2000001/jobs").data().get("total").asInt();
        http.delete(SIM + "/2000001/jobs/" + job);
        assertThat(http.get(API + "/2000001/jobs/" + job).json().get("Code").asText()).isEqualTo("NotFound.Job");
        assertThat(http.get(API + "/2000001/jobs").data().get("total").asInt()).isEqualTo(jobs - 1);
        assertThat(http.get(API + "/2000001/tasks?jobId=" + job).data().get("total").asInt()).isZero();

        long taskId = http.get(API + "/2000001/tasks?pageSize=1").data().get("objectList").get(0).get("id").asLong();
        http.delete(SIM + "/2000001/tasks/" + taskId);
        assertThat(http.get(API + "/2000001/tasks/" + taskId).status()).isEqualTo(404);

        long scanId = http.get(API + "/2000001").data().get("scanId").asLong();
        http.delete(SIM + "/2000001/scans/" + scanId);
        assertThat(http.get(API + "/2000001/scans/" + scanId).status()).isEqualTo(404);
        assertThat(http.get(API + "/2000001").data().get("scanId").asLong()).isZero();

        http.delete(SIM + "/2000002");
        assertThat(http.get(API + "/2000002").json().get("Code").asText()).isEqualTo("NotFound.DataSource");
        assertThat(http.get(API + "/2000002/jobs").status()).isEqualTo(404);
        assertThat(http.get(API).data().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void addedDataSourceIsScannedAndGetsJobsLater() {
        TestHttp.Answer added = http.post(SIM, "{\"name\":\"late_hive\",\"type\":\"HIVE\",\"tables\":5,\"jobs\":1}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        long id = added.data().get("id").asLong();
        assertThat(added.data().get("scanStatus").asText()).isEqualTo("SCAN_DOING");
        assertThat(http.get(API).data().get("total").asInt()).isEqualTo(3);
        assertThat(http.get(API + "/" + id).data().get("name").asText()).isEqualTo("late_hive");
        assertThat(http.get(API + "/" + id + "/jobs").data().get("total").asInt()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(http.get(API + "/" + id + "/jobs").data().get("total").asInt()).isEqualTo(1);
        assertThat(http.get(API + "/" + id).data().get("scanStatus").asText()).isIn("SCAN_DONE", "SCAN_FAILED");
        assertThat(http.post(SIM, "{\"type\":\"ORACLE\"}").status()).isEqualTo(400);
        assertThat(http.post(SIM, "{\"tables\":-1}").status()).isEqualTo(400);
    }

    @Test
    void statsCountRequestsPerOperationAndOutcomeUntilReset() {
        http.get(API);
        http.get(API + "/2000001/jobs/1");
        http.get(API + "/2000001/jobs/x");
        http.get("/api/v1/mms/unknown");
        JsonNode stats = http.get("/_sim/stats").data();
        assertThat(stats.get("operations").get("ListMmsDataSources").get("ok").asLong()).isEqualTo(1);
        assertThat(stats.get("operations").get("GetMmsJob").get("notFound").asLong()).isEqualTo(1);
        assertThat(stats.get("operations").get("unknown").get("badRequest").asLong()).isEqualTo(1);
        assertThat(stats.get("operations").get("unknown").get("unknownAction").asLong()).isEqualTo(1);
        assertThat(stats.get("totals").get("ok").asLong()).isEqualTo(1);
        assertThat(stats.get("requests").asLong()).isEqualTo(4);
        assertThat(sim.stats().requests()).isEqualTo(4);

        assertThat(http.post("/_sim/stats/reset", "").data().get("requests").asLong()).isZero();
        assertThat(sim.stats().requests()).isZero();
    }

    @Test
    void timeReportsSimulatedNow() {
        JsonNode time = http.get("/_sim/time").data();
        assertThat(time.get("now").asText()).isEqualTo("2025-03-01 11:00:00");
        assertThat(time.get("start").asText()).isEqualTo("2025-03-01 08:00:00");
        assertThat(time.get("speed").asDouble()).isEqualTo(1.0);
        assertThat(time.get("seed").asLong()).isEqualTo(42);
    }

    @Test
    void unknownControlsAndMethodsAnswerInTheErrorFormat() {
        TestHttp.Answer unknown = http.get("/_sim/nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("Code").asText()).isEqualTo("InvalidAction.NotFound");
        assertThat(http.delete("/_sim/time").status()).isEqualTo(405);
        assertThat(http.post(SIM + "/2000001/widgets/1", "{}").status()).isEqualTo(404);
        assertThat(http.post(SIM + "/2000001/jobs/abc", "{}").status()).isEqualTo(400);
        assertThat(http.post(SIM + "/2009999/jobs/1", "{}").status()).isEqualTo(404);
        assertThat(http.post(SIM + "/2000001/jobs/" + firstJob(), "{not json").status()).isEqualTo(400);
    }
}

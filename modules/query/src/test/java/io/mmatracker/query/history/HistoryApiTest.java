package io.mmatracker.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.testkit.FreePorts;
import io.mmatracker.topology.state.HistoryEntry;
import io.mmatracker.topology.state.ObjectHistory;

/**
 * {@code GET …/{jobs|tables|scans|asyncTasks}/{id}/history} over three instances of one fake cluster: answered like
 * the object GETs (owner, one forward, standby marked stale, 503), with the same errors, entries as stored (newest
 * first).
 */
class HistoryApiTest {

    private static final String KEY = "2000015/10";
    private static final String JOB_HISTORY = "/api/v1/mms/datasources/2000015/jobs/10/history";
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private Map<SnapshotStore, Map<String, SpecificRecord>> data;
    private FakeState.Layout layout;
    private Endpoint a;
    private Endpoint b;
    private Endpoint c;
    private TestInstance instanceA;
    private TestInstance instanceB;
    private TestInstance instanceC;

    @BeforeEach
    void start() {
        data = FakeState.newData();
        a = new Endpoint("localhost", FreePorts.next());
        b = new Endpoint("localhost", FreePorts.next());
        c = new Endpoint("localhost", FreePorts.next());
        layout = new FakeState.Layout(1).assign(0, a);
        instanceA = new TestInstance(a, new FakeState(a, layout, data), Writers.mma());
        instanceB = new TestInstance(b, new FakeState(b, layout, data), Writers.mma());
        instanceC = new TestInstance(c, new FakeState(c, layout, data), Writers.mma());
        instanceA.state.put(SnapshotStore.JOB_HISTORY, KEY, history());
    }

    @AfterEach
    void stop() {
        for (TestInstance instance : List.of(instanceA, instanceB, instanceC)) {
            instance.close();
        }
    }

    /** A job that started, failed and alerted, newest first as the topology stores it. */
    private static ObjectHistory history() {
        return ObjectHistory.newBuilder().setEntries(List.of(
                HistoryEntry.newBuilder().setEvent("alert").setObservedAt(T0.plusSeconds(30).toEpochMilli())
                        .setAlertId(KEY + ":JOB_FAILED:1767607230000").setType("JOB_FAILED").setState("FIRING")
                        .setStatus("FAILED").setErrorMessage("job migrate_db_10 failed").build(),
                HistoryEntry.newBuilder().setEvent("status-change").setObservedAt(T0.plusSeconds(30).toEpochMilli())
                        .setChangeType("STATUS").setFromStatus("DOING").setToStatus("FAILED")
                        .setToProgress(Map.of("taskNum", 10L, "taskDone", 3L)).build(),
                HistoryEntry.newBuilder().setEvent("status-change").setObservedAt(T0.toEpochMilli())
                        .setChangeType("CREATED").setToStatus("DOING").build())).build();
    }

    @Test
    void theHistoryIsServedNewestFirstInMmasEnvelopeWithFreshnessHeaders() {
        HttpResponse<String> response = instanceA.get(JOB_HISTORY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-observed-at")).hasValue("2026-01-05T10:00:30Z");
        assertThat(response.headers().firstValue("x-mma-served-by")).hasValue(a.toString());
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("false");
        assertThat(response.body()).contains("\"data\":{\"total\":3,\"entries\":[{\"event\":\"alert\",\"observedAt\":\"2026-01-05T10:00:30Z\","
                + "\"alertId\":\"2000015/10:JOB_FAILED:1767607230000\",\"type\":\"JOB_FAILED\",\"state\":\"FIRING\",\"status\":\"FAILED\","
                + "\"errorMessage\":\"job migrate_db_10 failed\"},{\"event\":\"status-change\",\"observedAt\":\"2026-01-05T10:00:30Z\","
                + "\"changeType\":\"STATUS\",\"fromStatus\":\"DOING\",\"toStatus\":\"FAILED\",\"toProgress\":{\"taskDone\":3,\"taskNum\":10}},"
                + "{\"event\":\"status-change\",\"observedAt\":\"2026-01-05T10:00:00Z\",\"changeType\":\"CREATED\",\"toStatus\":\"DOING\"}]}");
    }

    @Test
    void everyKindHasItsHistoryAtItsObjectsPathPlusHistory() {
        instanceA.state.put(SnapshotStore.TABLE_HISTORY, "2000015/22", history())
                .put(SnapshotStore.SCAN_HISTORY, "2000015/1000002", history())
                .put(SnapshotStore.ASYNC_TASK_HISTORY, "2000015/2523", history());

        assertThat(instanceA.get("/api/v1/mms/datasources/2000015/tables/22/history").statusCode()).isEqualTo(200);
        assertThat(instanceA.get("/api/v1/mms/datasources/2000015/scans/1000002/history").statusCode()).isEqualTo(200);
        assertThat(instanceA.get("/api/v1/mms/datasources/2000015/asyncTasks/2523/history").statusCode()).isEqualTo(200);
        // the job's history is not the table's of the same id
        assertThat(instanceA.get("/api/v1/mms/datasources/2000015/tables/10/history").statusCode()).isEqualTo(404);
    }

    @Test
    void theErrorsAreThoseOfTheObjectGets() {
        HttpResponse<String> unknown = instanceA.get("/api/v1/mms/datasources/2000015/jobs/11/history");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestInstance.json(unknown)).containsEntry("Code", "ObjectNotFound").containsKeys("RequestId", "HostId", "Message");
        assertThat(unknown.headers().firstValue("x-mma-stale")).hasValue("false");

        HttpResponse<String> badId = instanceA.get("/api/v1/mms/datasources/2000015/jobs/-1/history");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(TestInstance.json(badId)).containsEntry("Code", "InvalidParameter");

        HttpResponse<String> post = instanceA.send("POST", JOB_HISTORY);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");

        assertThat(instanceA.get("/api/v1/mms/datasources/2000015/summary/history").statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestToAnotherInstanceIsForwardedOnceToTheOwner() {
        HttpResponse<String> response = instanceB.get(JOB_HISTORY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-served-by")).hasValue(a.toString());
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("false");
        assertThat(response.headers().firstValue("x-mma-observed-at")).hasValue("2026-01-05T10:00:30Z");
        assertThat(response.body()).contains("\"total\":3");
    }

    @Test
    void whenTheOwnerIsDownAStandbyAnswersMarkedStaleAndWithoutAnyCopyItIs503() {
        layout.assign(0, a, c);
        instanceA.close();

        HttpResponse<String> fromStandby = instanceB.get(JOB_HISTORY);
        assertThat(fromStandby.statusCode()).isEqualTo(200);
        assertThat(fromStandby.headers().firstValue("x-mma-served-by")).hasValue(c.toString());
        assertThat(fromStandby.headers().firstValue("x-mma-stale")).hasValue("true");

        // a standby that lacks a history may lag: it cannot say 404
        assertThat(instanceB.get("/api/v1/mms/datasources/2000015/jobs/11/history").statusCode()).isEqualTo(503);

        instanceC.close();
        HttpResponse<String> none = instanceB.get(JOB_HISTORY);
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.headers().firstValue("retry-after")).hasValue("1");
        assertThat(TestInstance.json(none)).containsEntry("Code", "ServiceUnavailable");
    }
}

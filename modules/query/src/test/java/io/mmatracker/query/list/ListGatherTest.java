package io.mmatracker.query.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.testkit.FreePorts;

/**
 * Lists gather a source's objects from every instance's partitions, in MMA's list shape, paged by id,
 * filtered by status, and survive an instance going away through standby copies.
 */
class ListGatherTest {

    private Map<SnapshotStore, Map<String, SpecificRecord>> data;
    private TestInstance a;
    private TestInstance b;
    private TestInstance c;

    @BeforeEach
    void start() {
        data = FakeState.newData();
        Endpoint ea = new Endpoint("localhost", FreePorts.next());
        Endpoint eb = new Endpoint("localhost", FreePorts.next());
        Endpoint ec = new Endpoint("localhost", FreePorts.next());
        FakeState.Layout layout = new FakeState.Layout(6)
                .assign(0, ea, eb).assign(1, eb, ec).assign(2, ec, ea)
                .assign(3, ea, ec).assign(4, eb, ea).assign(5, ec, eb);
        a = new TestInstance(ea, new FakeState(ea, layout, data), Writers.mma());
        b = new TestInstance(eb, new FakeState(eb, layout, data), Writers.mma());
        c = new TestInstance(ec, new FakeState(ec, layout, data), Writers.mma());
        // 25 jobs of source 7 (every third FAILED), 5 of source 8, and 3 tables of source 7.
        LongStream.rangeClosed(1, 25).forEach(id -> a.state.put(SnapshotStore.JOBS, "7/" + id, Snapshots.job(7, id, id % 3 == 0 ? "FAILED" : "DOING")));
        LongStream.rangeClosed(1, 5).forEach(id -> a.state.put(SnapshotStore.JOBS, "8/" + id, Snapshots.job(8, id, "DONE")));
        LongStream.rangeClosed(1, 3).forEach(id -> a.state.put(SnapshotStore.TABLES, "7/" + id, Snapshots.table(7, id, id == 2 ? "FAILED" : "DONE")));
    }

    @AfterEach
    void stop() {
        for (TestInstance instance : List.of(a, b, c)) {
            instance.close();
        }
    }

    @Test
    void aPageHoldsTheRightIdsInOrderWithTheTotalOfAllMatches() {
        HttpResponse<String> response = b.get("/api/v1/mms/datasources/7/jobs?pageNum=2&pageSize=10");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> data = data(response);
        assertThat(data).containsEntry("total", 25).containsEntry("pageNum", 2).containsEntry("pageSize", 10);
        assertThat(ids(data)).containsExactly(11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("false");
        assertThat(response.headers().firstValue("x-mma-served-by").orElseThrow().split(",")).hasSize(3);
    }

    @Test
    void theLastPageIsShortAndPagesBeyondItAreEmpty() {
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/jobs?pageNum=3&pageSize=10")))).containsExactly(21, 22, 23, 24, 25);
        Map<String, Object> beyond = data(a.get("/api/v1/mms/datasources/7/jobs?pageNum=9&pageSize=10"));
        assertThat(beyond).containsEntry("total", 25);
        assertThat(ids(beyond)).isEmpty();
    }

    @Test
    void theDefaultPageIsTheFirstTen() {
        Map<String, Object> data = data(c.get("/api/v1/mms/datasources/7/jobs"));
        assertThat(data).containsEntry("pageNum", 1).containsEntry("pageSize", 10);
        assertThat(ids(data)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aStatusFilterKeepsOnlyMatchingObjectsInEveryForm() {
        Map<String, Object> failed = data(a.get("/api/v1/mms/datasources/7/jobs?status=FAILED&pageSize=100"));
        assertThat(failed).containsEntry("total", 8);
        assertThat(ids(failed)).containsExactly(3, 6, 9, 12, 15, 18, 21, 24);

        Map<String, Object> tables = data(a.get("/api/v1/mms/datasources/7/tables?status=%5B%22DONE%22%2C%22FAILED%22%5D"));
        assertThat(ids(tables)).containsExactly(1, 2, 3);
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/tables?status=FAILED")))).containsExactly(2);
    }

    @Test
    void otherSourcesObjectsAreNotListed() {
        Map<String, Object> data = data(a.get("/api/v1/mms/datasources/8/jobs?pageSize=100"));
        assertThat(data).containsEntry("total", 5);
        assertThat(data(a.get("/api/v1/mms/datasources/9/jobs"))).containsEntry("total", 0);
    }

    @Test
    void whenAnInstanceIsDownItsPartitionsComeFromStandbysMarkedStale() {
        c.close();

        HttpResponse<String> response = a.get("/api/v1/mms/datasources/7/jobs?pageSize=100");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(data(response)).containsEntry("total", 25);
        assertThat(ids(data(response))).hasSize(25);
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("true");
    }

    @Test
    void whenEveryCopyOfAPartitionIsGoneTheListIs503() {
        b.close();
        c.close();

        HttpResponse<String> response = a.get("/api/v1/mms/datasources/7/jobs");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void anInternalRequestScansOnlyTheNamedLocalPartitions() {
        HttpResponse<String> response = a.get("/api/v1/mms/datasources/7/jobs?pageSize=100",
                "X-MMA-Forwarded-By", "localhost:1", "X-MMA-Partitions", "0,3");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-served-by")).hasValue(a.endpoint.toString());
        int total = (Integer) data(response).get("total");
        assertThat(total).isLessThan(25);
        HttpResponse<String> notHere = a.get("/api/v1/mms/datasources/7/jobs", "X-MMA-Forwarded-By", "localhost:1", "X-MMA-Partitions", "1");
        assertThat(notHere.statusCode()).isEqualTo(503);
        assertThat(a.get("/api/v1/mms/datasources/7/jobs", "X-MMA-Partitions", "x").statusCode()).isEqualTo(400);
    }

    @Test
    void anInstanceHoldingEveryPartitionReadsThePageItselfWithTheSameAnswer() {
        TestInstance alone = TestInstance.alone(Writers.mma());
        try {
            LongStream.rangeClosed(1, 25).forEach(id -> alone.state.put(SnapshotStore.JOBS, "7/" + id, Snapshots.job(7, id, id % 3 == 0 ? "FAILED" : "DOING")));

            Map<String, Object> page = data(alone.get("/api/v1/mms/datasources/7/jobs?pageNum=3&pageSize=4"));
            assertThat(page).containsEntry("total", 25).containsEntry("pageNum", 3).containsEntry("pageSize", 4);
            assertThat(ids(page)).containsExactly(9, 10, 11, 12);
            assertThat(ids(data(alone.get("/api/v1/mms/datasources/7/jobs?status=FAILED&pageNum=2&pageSize=5")))).containsExactly(18, 21, 24);
            assertThat(ids(data(alone.get("/api/v1/mms/datasources/7/jobs?pageNum=7&pageSize=4")))).containsExactly(25);
            assertThat(ids(data(alone.get("/api/v1/mms/datasources/7/jobs?pageNum=8&pageSize=4")))).isEmpty();
        } finally {
            alone.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (Map<String, Object>) TestInstance.json(response).get("data");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> data) {
        return ((List<Map<String, Object>>) data.get("objectList")).stream().map(o -> o.get("id")).toList();
    }
}

package io.mmatracker.query.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.testkit.FreePorts;

/**
 * MMA's list filters beyond status and its sorters, gathered over three instances (every share filters and orders,
 * the receiver merges in the same order): served ones match as the simulator matches, the others are a 400 naming
 * the parameter, never silently ignored.
 */
class ListFiltersTest {

    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance c;

    @BeforeAll
    static void start() {
        Map<SnapshotStore, Map<String, SpecificRecord>> data = FakeState.newData();
        Endpoint ea = new Endpoint("localhost", FreePorts.next());
        Endpoint eb = new Endpoint("localhost", FreePorts.next());
        Endpoint ec = new Endpoint("localhost", FreePorts.next());
        FakeState.Layout layout = new FakeState.Layout(6)
                .assign(0, ea, eb).assign(1, eb, ec).assign(2, ec, ea)
                .assign(3, ea, ec).assign(4, eb, ea).assign(5, ec, eb);
        a = new TestInstance(ea, new FakeState(ea, layout, data), Writers.mma());
        b = new TestInstance(eb, new FakeState(eb, layout, data), Writers.mma());
        c = new TestInstance(ec, new FakeState(ec, layout, data), Writers.mma());
        // Source 7: tasks 1-20 of job 1 (every fourth DATA_FAILED, the rest DONE), tasks 21-30 of job 2 (DATA_DOING,
        // started in reverse order of id; task 30 not started), tasks 31-32 of job 1 in source 8.
        LongStream.rangeClosed(1, 20).forEach(id -> a.state.put(SnapshotStore.TASKS, "7/" + id,
                Snapshots.task(7, id, 1, id % 4 == 0 ? "DATA_FAILED" : "DONE", "2024-10-25 04:00:" + (10 + id))));
        LongStream.rangeClosed(21, 30).forEach(id -> a.state.put(SnapshotStore.TASKS, "7/" + id,
                Snapshots.task(7, id, 2, "DATA_DOING", id == 30 ? null : "2024-10-25 05:00:" + (60 - id))));
        LongStream.rangeClosed(31, 32).forEach(id -> a.state.put(SnapshotStore.TASKS, "8/" + id, Snapshots.task(8, id, 1, "DONE", null)));
        LongStream.rangeClosed(1, 6).forEach(id -> {
            var job = Snapshots.job(7, id, "DOING");
            job.getJob().setName(id % 2 == 0 ? "migrate_finance_" + id : "migrate_sales_" + id);
            job.getJob().setStopped(id == 3);
            job.getJob().setSrcDbName("db" + id);
            a.state.put(SnapshotStore.JOBS, "7/" + id, job);
        });
        LongStream.rangeClosed(1, 6).forEach(id -> {
            var table = Snapshots.table(7, id, "DONE");
            table.getTable().setDbId(id % 2 == 0 ? 100L : 200L);
            table.getTable().setType(id == 1 ? "VIRTUAL_VIEW" : "MANAGED_TABLE");
            table.getTable().setLastDdlTime("2024-12-0" + id + " 10:00:00");
            table.getTable().setHasPartitions(id > 4);
            a.state.put(SnapshotStore.TABLES, "7/" + id, table);
        });
    }

    @AfterAll
    static void stop() {
        for (TestInstance instance : List.of(a, b, c)) {
            instance.close();
        }
    }

    @Test
    void jobIdKeepsTheJobsTasksAndStatusNarrowsThem() {
        Map<String, Object> job1 = data(a.get("/api/v1/mms/datasources/7/tasks?jobId=1&pageNum=2&pageSize=5"));
        assertThat(job1).containsEntry("total", 20);
        assertThat(ids(job1)).containsExactly(6, 7, 8, 9, 10);
        Map<String, Object> failed = data(b.get("/api/v1/mms/datasources/7/tasks?jobId=1&status=DATA_FAILED&pageSize=100"));
        assertThat(failed).containsEntry("total", 5);
        assertThat(ids(failed)).containsExactly(4, 8, 12, 16, 20);
        assertThat(data(c.get("/api/v1/mms/datasources/7/tasks?jobId=3"))).containsEntry("total", 0);
    }

    @Test
    void textFiltersKeepTasksWhoseFieldContainsTheText() {
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/tasks?srcTableName=t2&pageSize=100"))))
                .containsExactly(2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/tasks?jobName=job_2&dstTableName=t3&pageSize=100"))))
                .containsExactly(30);
        assertThat(data(b.get("/api/v1/mms/datasources/7/tasks?srcDbName=db1&pageSize=100"))).containsEntry("total", 20);
        assertThat(data(b.get("/api/v1/mms/datasources/7/tasks?dstDbName=dst&jobId=2&srcTableName=t2"))).containsEntry("total", 9);
        assertThat(data(c.get("/api/v1/mms/datasources/7/tasks?dstDbName=nowhere"))).containsEntry("total", 0);
    }

    @Test
    void sortersOrderTheWholeListThenById() {
        // job 2 by start time: task 30 has none (first), then 29, 28, ... 21
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/tasks?jobId=2&sorter.startTime=asc&pageSize=4"))))
                .containsExactly(30, 29, 28, 27);
        assertThat(ids(data(b.get("/api/v1/mms/datasources/7/tasks?jobId=2&sorter.startTime=desc&pageNum=3&pageSize=4"))))
                .containsExactly(29, 30);
        // status descending (DONE, DATA_FAILED, DATA_DOING), then start time descending within a status
        assertThat(ids(data(c.get("/api/v1/mms/datasources/7/tasks?sorter.status=desc&sorter.startTime=desc&pageNum=4&pageSize=5"))))
                .containsExactly(20, 16, 12, 8, 4);
        // the order is the order sent, also in the SDK's JSON form
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/tasks?sorter=%7B%22startTime%22%3A%22asc%22%2C%22status%22%3A%22asc%22%7D&pageSize=3"))))
                .containsExactly(30, 1, 2);
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/tasks?sorter=%7B%22status%22%3A%22asc%22%2C%22startTime%22%3A%22asc%22%7D&pageSize=3"))))
                .containsExactly(30, 29, 28);
        assertThat(ids(data(b.get("/api/v1/mms/datasources/7/tasks?sorter.status=asc&sorter.startTime=asc&pageSize=3"))))
                .containsExactly(30, 29, 28);
        assertThat(ids(data(b.get("/api/v1/mms/datasources/7/tasks?sorter.startTime=asc&sorter.status=asc&pageSize=3"))))
                .containsExactly(30, 1, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/mms/datasources/7/tasks?partition=p1%3D1",
            "/api/v1/mms/datasources/7/tasks?sorter.createTime=asc",
            "/api/v1/mms/datasources/7/tasks?sorter.status=up",
            "/api/v1/mms/datasources/7/tasks?jobId=x",
            "/api/v1/mms/datasources/7/jobs?srcTableName=t1",
            "/api/v1/mms/datasources/7/jobs?timerId=3",
            "/api/v1/mms/datasources/7/jobs?sorter.status=asc",
            "/api/v1/mms/datasources/7/jobs?stopped=maybe",
            "/api/v1/mms/datasources/7/tables?onlyName=true",
            "/api/v1/mms/datasources/7/tables?sorter.numRows=desc",
            "/api/v1/mms/datasources/7/tables?lastDdlTimeStart=yesterday",
            "/api/v1/mms/datasources/7/tables?dbId=-1"})
    void aParameterOfMmaTheTrackerCannotAnswerIs400NamingIt(String path) {
        HttpResponse<String> response = a.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<String, Object> error = TestInstance.json(response);
        assertThat(error).containsEntry("Code", "InvalidParameter").containsKeys("RequestId", "HostId");
        String param = path.substring(path.indexOf('?') + 1, path.indexOf('='));
        assertThat((String) error.get("Message")).contains(param.startsWith("sorter") ? "sorter" : param);
    }

    @Test
    void jobsAreFilteredByNameDatabaseAndStopped() {
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/jobs?name=finance")))).containsExactly(2, 4, 6);
        assertThat(ids(data(b.get("/api/v1/mms/datasources/7/jobs?name=migrate&stopped=1")))).containsExactly(3);
        assertThat(data(c.get("/api/v1/mms/datasources/7/jobs?stopped=false"))).containsEntry("total", 5);
        assertThat(ids(data(c.get("/api/v1/mms/datasources/7/jobs?srcDbName=db5&status=DOING")))).containsExactly(5);
        assertThat(ids(data(c.get("/api/v1/mms/datasources/7/jobs?dstDbName=x")))).isEmpty();
    }

    @Test
    void tablesAreFilteredByDatabaseTypePartitionsAndDdlTime() {
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/tables?dbId=100")))).containsExactly(2, 4, 6);
        assertThat(ids(data(a.get("/api/v1/mms/datasources/7/tables?type=MANAGED_TABLE&hasPartitions=true")))).containsExactly(5, 6);
        assertThat(ids(data(b.get("/api/v1/mms/datasources/7/tables?lastDdlTimeStart=2024-12-02%2010:00:00"
                + "&lastDdlTimeEnd=2024-12-04%2009:59:59")))).containsExactly(2, 3);
        assertThat(ids(data(c.get("/api/v1/mms/datasources/7/tables?name=t1&dbName=d&onlyName=false")))).containsExactly(1);
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

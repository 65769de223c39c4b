package io.mmatracker.query.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

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
 * ListMmsDataSources (REFERENCE §3.1) over two instances that each hold half the partitions: MMA's list shape,
 * every source whichever instance is asked, the {@code name}/{@code type}/{@code region} filters, paging, and
 * without paging every match; secrets masked as in GetMmsDataSource.
 */
class DataSourceListTest {

    private static TestInstance a;
    private static TestInstance b;

    @BeforeAll
    static void start() {
        var data = FakeState.newData();
        Endpoint ea = new Endpoint("localhost", FreePorts.next());
        Endpoint eb = new Endpoint("localhost", FreePorts.next());
        FakeState.Layout layout = new FakeState.Layout(4).assign(0, ea, eb).assign(1, eb, ea).assign(2, ea, eb).assign(3, eb, ea);
        a = new TestInstance(ea, new FakeState(ea, layout, data), Writers.mma());
        b = new TestInstance(eb, new FakeState(eb, layout, data), Writers.mma());
        // 2000001..2000012: BIGQUERY in cn-beijing for odd ids, HIVE in cn-shanghai for even ones; 2000012 is "warehouse".
        LongStream.rangeClosed(2000001, 2000012).forEach(id -> a.state.put(SnapshotStore.DATA_SOURCES, Long.toString(id),
                Snapshots.dataSource(id, id == 2000012 ? "warehouse" : "demo-" + id, id % 2 == 1 ? "BIGQUERY" : "HIVE",
                        id % 2 == 1 ? "cn-beijing" : "cn-shanghai",
                        Snapshots.configItem("bigquery.credential", "password", "\"s3cr3t\""))));
        a.state.put(SnapshotStore.JOBS, "2000001/10", Snapshots.job(2000001, 10, "DOING"));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void withoutPagingEverySourceIsListedInMmasShapeOnEitherInstance(int instance) {
        HttpResponse<String> response = (instance == 0 ? a : b).get("/api/v1/mms/datasources");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> data = data(response);
        assertThat(data).containsOnlyKeys("total", "pageNum", "pageSize", "objectList")
                .containsEntry("total", 12).containsEntry("pageNum", 1).containsEntry("pageSize", 12);
        assertThat(ids(data)).containsExactlyElementsOf(LongStream.rangeClosed(2000001, 2000012).mapToObj(id -> (int) id).toList());
        assertThat(response.headers().firstValue("x-mma-served-by").orElseThrow().split(",")).hasSize(2);
        // list items carry no config, as MMA's: no secret, masked or not, is in a list
        assertThat(response.body()).doesNotContain("s3cr3t").contains("\"config\":[]");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) data.get("objectList")).get(0);
        assertThat(first).containsEntry("id", 2000001).containsEntry("type", "BIGQUERY").containsEntry("region", "cn-beijing");
    }

    @Test
    void pagingPicksThePageByIdAndKeepsTheTotal() {
        Map<String, Object> data = data(b.get("/api/v1/mms/datasources?pageNum=2&pageSize=5"));

        assertThat(data).containsEntry("total", 12).containsEntry("pageNum", 2).containsEntry("pageSize", 5);
        assertThat(ids(data)).containsExactly(2000006, 2000007, 2000008, 2000009, 2000010);
        assertThat(ids(data(a.get("/api/v1/mms/datasources?pageSize=5&pageNum=3")))).containsExactly(2000011, 2000012);
        assertThat(ids(data(a.get("/api/v1/mms/datasources?pageNum=1")))).hasSize(10);
    }

    @Test
    void typeRegionAndNameFilterAsMmaDoes() {
        assertThat(ids(data(a.get("/api/v1/mms/datasources?type=HIVE")))).containsExactly(2000002, 2000004, 2000006,
                2000008, 2000010, 2000012);
        assertThat(ids(data(b.get("/api/v1/mms/datasources?region=cn-beijing&pageSize=2")))).containsExactly(2000001, 2000003);
        assertThat(data(b.get("/api/v1/mms/datasources?region=cn-beijing&pageSize=2"))).containsEntry("total", 6);
        assertThat(ids(data(a.get("/api/v1/mms/datasources?name=wareh")))).containsExactly(2000012);
        assertThat(ids(data(a.get("/api/v1/mms/datasources?name=demo-&type=BIGQUERY&region=cn-shanghai")))).isEmpty();
    }

    @Test
    void aBadFilterOrPageIsInvalidParameter() {
        for (String query : List.of("type=ORACLE", "pageSize=0", "pageNum=x", "name=a&name=b")) {
            HttpResponse<String> response = a.get("/api/v1/mms/datasources?" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(TestInstance.json(response)).containsEntry("Code", "InvalidParameter").containsKeys("RequestId", "HostId", "Message");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (Map<String, Object>) TestInstance.json(response).get("data");
    }

    private static List<Object> ids(Map<String, Object> data) {
        return ((List<?>) data.get("objectList")).stream().map(item -> ((Map<?, ?>) item).get("id")).map(Object.class::cast).toList();
    }
}

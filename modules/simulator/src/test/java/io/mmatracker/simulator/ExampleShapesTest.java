package io.mmatracker.simulator;

import static io.mmatracker.simulator.JsonShapes.differences;
import static io.mmatracker.simulator.JsonShapes.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.testkit.MutableClock;
import io.mmatracker.simulator.protocol.MmsKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer has exactly the field names and JSON types of MMA's documented examples. */
class ExampleShapesTest {

    private static final String API = "/api/v1/mms/datasources";
    /** Data sources also carry the SDK's scanStatus/scanErrMsg (SDK v4.0.1), which the doc example predates. */
    private static final Set<String> SOURCE_ADDITIONS = Set.of(".scanStatus", ".scanErrMsg");
    private static final Set<String> JOB_MAPS = Set.of(".config.partitionFilters", ".config.tableMapping",
        ".config.columnMapping", ".config.others");

    /** REFERENCE §3.10: the task item assembled from the SDK/doc field examples (no doc example exists). */
    private static final String TASK_EXAMPLE = """
        {"id": 2323, "jobId": 87, "jobName": "test_odps_spark", "sourceId": 2000028,
         "sourceName": "demo", "dbId": 196, "tableId": 23, "srcDbName": "db_1", "srcSchemaName": "default",
         "srcTableName": "table_1", "dstDbName": "mms_test", "dstSchemaName": "default",
         "dstTableName": "table_1", "type": "BIGQUERY", "status": "DATA_DOING", "running": true,
         "stopped": false, "retriedTimes": 1, "createTime": "2024-10-25 04:21:01",
         "startTime": "2024-10-25 06:21:01", "endTime": "2024-10-25 07:21:01"}""";

    private static Simulator sim;
    private static TestHttp http;
    private static long jobId;

    @BeforeAll
    static void start() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(3, 2, 12), clock);
        http = new TestHttp(sim.baseUrl());
        // three simulated hours later every generated job has been created
        clock.advance(java.time.Duration.ofMinutes(3));
        JsonNode tables = http.get(API + "/2000002/tables?pageSize=3").data().get("objectList");
        String db = tables.get(0).get("dbName").asText();
        String body = """
            {"name":"full_config","srcDbName":"%s","dstDbName":"mms_target_x","tables":["%s","%s"],
             "partitions":[11,12],"tableWhiteList":["%s"],"partitionFilters":{"%s":"ds >= '2024-01-01'"},
             "tableMapping":{"%s":"renamed"},"columnMapping":{"c":"d"},"schemaOnly":false,"increment":true,
             "enableVerification":true,"eta":"2025-03-02 00:00:00","others":{"test":"test","test2":1}}"""
            .formatted(db, name(tables, 0), name(tables, 1), name(tables, 0), name(tables, 0), name(tables, 1));
        long asyncId = http.post(API + "/2000002/jobs", body).data().get("asyncTaskId").asLong();
        jobId = http.get(API + "/2000002/asyncTasks/" + asyncId).data().get("objectId").asLong();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String name(JsonNode tables, int i) {
        return tables.get(i).get("name").asText();
    }

    @Test
    void dataSourceMatchesTheGetMmsDataSourceExample() {
        TestHttp.Answer a = http.get(API + "/2000002?withConfig=true&lang=zh_CN");
        assertEnvelope(a);
        assertThat(a.data().get("config").size()).isPositive();
        assertThat(differences(example("GetMmsDataSource").get("data"), a.data(), Set.of(".config[].value"),
            Set.of(), SOURCE_ADDITIONS)).isEmpty();
        assertThat(JsonShapes.orderedNames(a.data())).isEqualTo(MmsKind.DATA_SOURCE.fields());
    }

    @Test
    void dataSourceListItemsMatchTheExampleToo() {
        JsonNode page = http.get(API).data();
        assertPage(page, 3);
        for (JsonNode item : page.get("objectList")) {
            assertThat(differences(example("GetMmsDataSource").get("data"), item, Set.of(), Set.of(),
                SOURCE_ADDITIONS)).isEmpty();
        }
    }

    @Test
    void scanMatchesTheGetMmsFetchMetadataJobExample() {
        long scanId = http.get(API + "/2000001").data().get("scanId").asLong();
        TestHttp.Answer a = http.get(API + "/2000001/scans/" + scanId);
        assertEnvelope(a);
        assertThat(differences(example("GetMmsFetchMetadataJob").get("data"), a.data(), Set.of(), Set.of(),
            Set.of())).isEmpty();
        assertThat(JsonShapes.orderedNames(a.data())).isEqualTo(MmsKind.SCAN.fields());
    }

    @Test
    void jobMatchesTheGetMmsJobExample() {
        TestHttp.Answer a = http.get(API + "/2000002/jobs/" + jobId);
        assertEnvelope(a);
        assertThat(a.data().get("config").get("partitions")).hasSize(2);
        assertThat(differences(example("GetMmsJob").get("data"), a.data(), Set.of(), JOB_MAPS, Set.of())).isEmpty();
        assertThat(JsonShapes.orderedNames(a.data())).isEqualTo(MmsKind.JOB.fields());
        JsonNode page = http.get(API + "/2000002/jobs?pageSize=100").data();
        assertPage(page, 3);
        for (JsonNode item : page.get("objectList")) {
            assertThat(differences(example("GetMmsJob").get("data"), item, Set.of(), JOB_MAPS, Set.of())).isEmpty();
        }
    }

    @Test
    void tableMatchesTheGetMmsTableExample() {
        JsonNode page = http.get(API + "/2000001/tables?pageSize=100").data();
        assertPage(page, 12);
        for (JsonNode item : page.get("objectList")) {
            assertThat(differences(example("GetMmsTable").get("data"), item, Set.of(), Set.of(), Set.of()))
                .isEmpty();
        }
        long tableId = page.get("objectList").get(0).get("id").asLong();
        TestHttp.Answer a = http.get(API + "/2000001/tables/" + tableId);
        assertEnvelope(a);
        assertThat(JsonShapes.orderedNames(a.data())).isEqualTo(MmsKind.TABLE.fields());
    }

    @Test
    void taskMatchesTheAssembledTaskExample() throws Exception {
        JsonNode expected = TestHttp.MAPPER.readTree(TASK_EXAMPLE);
        JsonNode page = http.get(API + "/2000001/tasks?pageSize=100").data();
        assertPage(page, 12);
        for (JsonNode item : page.get("objectList")) {
            assertThat(differences(expected, item, Set.of(), Set.of(), Set.of())).isEmpty();
        }
        long taskId = page.get("objectList").get(0).get("id").asLong();
        TestHttp.Answer a = http.get(API + "/2000001/tasks/" + taskId);
        assertEnvelope(a);
        assertThat(JsonShapes.orderedNames(a.data())).isEqualTo(MmsKind.TASK.fields());
    }

    @Test
    void asyncTaskMatchesTheGetMmsAsyncTaskExample() {
        JsonNode job = http.get(API + "/2000002/jobs/" + jobId).data();
        assertThat(job.get("name").asText()).isEqualTo("full_config");
        long asyncOfScan = http.get(API + "/2000003").data().get("scanId").asLong();
        for (String path : List.of(API + "/2000003/asyncTasks/" + asyncOfScan)) {
            TestHttp.Answer a = http.get(path);
            assertEnvelope(a);
            assertThat(differences(example("GetMmsAsyncTask").get("data"), a.data(), Set.of(), Set.of(), Set.of()))
                .isEmpty();
            assertThat(JsonShapes.orderedNames(a.data())).isEqualTo(MmsKind.ASYNC_TASK.fields());
        }
    }

    @Test
    void writeOperationsAnswerMmsDataShapes() {
        JsonNode scan = http.post(API + "/2000001/scans", "").data();
        assertThat(JsonShapes.names(scan)).containsExactly("scanId");
        assertThat(scan.get("scanId").isIntegralNumber()).isTrue();
        for (String op : List.of("stop", "start", "retry")) {
            TestHttp.Answer a = http.post(API + "/2000002/jobs/" + jobId + "/" + op, "");
            assertEnvelope(a);
            assertThat(a.data().isIntegralNumber()).as(op).isTrue();
            assertThat(a.data().asLong()).isEqualTo(jobId);
        }
    }

    @Test
    void errorsUseAlibabasGatewayFormat() {
        TestHttp.Answer a = http.get(API + "/2000001/jobs/999");
        assertThat(a.status()).isEqualTo(404);
        assertThat(JsonShapes.names(a.json()))
            .containsExactlyInAnyOrder("RequestId", "HostId", "Code", "Message", "Recommend");
        assertThat(a.json().get("Code").asText()).isEqualTo("NotFound.Job");
        assertThat(a.header("x-acs-request-id")).contains(a.json().get("RequestId").asText());
    }

    static void assertEnvelope(TestHttp.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        ObjectNode json = (ObjectNode) a.json();
        assertThat(JsonShapes.orderedNames(json)).containsExactly("requestId", "data");
        assertThat(json.get("requestId").isTextual()).isTrue();
        assertThat(a.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    static void assertPage(JsonNode page, int total) {
        assertThat(JsonShapes.orderedNames(page)).containsExactly("total", "pageNum", "pageSize", "objectList");
        assertThat(page.get("total").asInt()).isEqualTo(total);
        assertThat(page.get("objectList").isArray()).isTrue();
    }
}

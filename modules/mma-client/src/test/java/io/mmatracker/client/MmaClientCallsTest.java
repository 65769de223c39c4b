package io.mmatracker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmatracker.signature.Acs3Signer;
import io.mmatracker.signature.Credentials;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each typed call sends the method, path, query, headers and body MMA expects, signed, and reads MMA's answer. */
class MmaClientCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    private static StubMmaServer server;
    private static MmaClient client;

    @BeforeAll
    static void start() {
        server = new StubMmaServer();
        AtomicInteger nonces = new AtomicInteger();
        Acs3Signer signer = new Acs3Signer(Clock.fixed(NOW, ZoneOffset.UTC), () -> "nonce-" + nonces.incrementAndGet());
        client = new MmaClient(MmaClientConfig.forEndpoint(server.uri())
                .withCredentials(Credentials.of(StubMmaServer.ACCESS_KEY_ID, StubMmaServer.SECRET))
                .withUserAgent("calls-test/1"), signer);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.clear();
    }

    @Test
    void list_data_sources_sends_the_filter_and_page_and_reads_the_page() {
        server.respondAlways(StubMmaServer.data("{\"total\":9,\"pageNum\":2,\"pageSize\":20,\"objectList\":["
                + example("GetMmsDataSource").toString() + "]}"));

        Page<MmsDataSource> page = client.listMmsDataSourcesPage(
                DataSourceFilter.all().withName("demo").withType("BIGQUERY").withRegion("cn-shanghai"), 2, 20);

        assertSignedGet("/api/v1/mms/datasources",
                "name=demo&pageNum=2&pageSize=20&region=cn-shanghai&type=BIGQUERY", "ListMmsDataSources");
        assertThat(page.total()).isEqualTo(9);
        assertThat(page.pageNum()).isEqualTo(2);
        assertThat(page.pageSize()).isEqualTo(20);
        assertThat(page.items()).singleElement().satisfies(source -> {
            assertThat(source.getId()).isEqualTo(2000015L);
            assertThat(source.getStatus()).isEqualTo("STARTED");
        });
    }

    @Test
    void get_data_source_asks_for_config_and_language() {
        server.respondAlways(StubMmaServer.ok(exampleBody("GetMmsDataSource")));

        MmsDataSource source = client.getMmsDataSource("2000015", true, "en_US");

        assertSignedGet("/api/v1/mms/datasources/2000015", "lang=en_US&withConfig=true", "GetMmsDataSource");
        assertThat(source.getName()).isEqualTo("demo");
        assertThat(source.getScanId()).isEqualTo(1000253L);
    }

    @Test
    void get_data_source_without_config_sends_no_language() {
        server.respondAlways(StubMmaServer.ok(exampleBody("GetMmsDataSource")));

        client.getMmsDataSource("2000015", false, null);

        assertSignedGet("/api/v1/mms/datasources/2000015", "withConfig=false", "GetMmsDataSource");
    }

    @Test
    void get_fetch_metadata_job() {
        server.respondAlways(StubMmaServer.ok(exampleBody("GetMmsFetchMetadataJob")));

        MmsFetchMetadataJob scan = client.getMmsFetchMetadataJob("2000015", "1000002");

        assertSignedGet("/api/v1/mms/datasources/2000015/scans/1000002", null, "GetMmsFetchMetadataJob");
        assertThat(scan.getStatus()).isEqualTo("SCAN_DOING");
    }

    @Test
    void create_fetch_metadata_job_posts_the_scope_and_returns_the_scan_id() throws IOException {
        server.respondAlways(StubMmaServer.data("{\"scanId\":1000003}"));

        long scanId = client.createMmsFetchMetadataJob("2000015", "mms_test", List.of("t1", "t2"));

        StubMmaServer.Received request = assertSigned("POST", "/api/v1/mms/datasources/2000015/scans", null,
                "CreateMmsFetchMetadataJob");
        assertJsonBody(request, "{\"dbName\":\"mms_test\",\"tableNames\":[\"t1\",\"t2\"]}");
        assertThat(scanId).isEqualTo(1000003L);
    }

    @Test
    void create_fetch_metadata_job_for_the_whole_source_posts_an_empty_object() throws IOException {
        server.respondAlways(StubMmaServer.data("{\"scanId\":\"1000004\"}"));

        assertThat(client.createMmsFetchMetadataJob("2000015", null, List.of())).isEqualTo(1000004L);
        assertJsonBody(server.last(), "{}");
    }

    @Test
    void list_jobs_sends_status_stopped_as_integer_and_the_sorter() {
        server.respondAlways(StubMmaServer.data("{\"total\":1,\"pageNum\":1,\"pageSize\":10,\"objectList\":["
                + example("GetMmsJob").toString() + "]}"));

        Page<MmsJob> page = client.listMmsJobsPage("2", JobFilter.all().withName("migrate db").withStatus("FAILED")
                .withStopped(true).withTimerId(5L).withSorter(Map.of("status", "DESC")), 1, 10);

        assertSignedGet("/api/v1/mms/datasources/2/jobs",
                "name=migrate%20db&pageNum=1&pageSize=10&sorter.status=desc&status=FAILED&stopped=1&timerId=5",
                "ListMmsJobs");
        assertThat(page.items()).singleElement().satisfies(job -> assertThat(job.getId()).isEqualTo(10L));
    }

    @Test
    void get_job() {
        server.respondAlways(StubMmaServer.ok(exampleBody("GetMmsJob")));

        MmsJob job = client.getMmsJob("2", "10");

        assertSignedGet("/api/v1/mms/datasources/2/jobs/10", null, "GetMmsJob");
        assertThat(job.getStatus()).isEqualTo("DOING");
        assertThat(job.getStopped()).isTrue();
    }

    @Test
    void create_job_posts_mma_field_names_and_returns_the_async_task_id() throws IOException {
        server.respondAlways(StubMmaServer.data("{\"asyncTaskId\":2523}"));

        long asyncTaskId = client.createMmsJob("2", CreateMmsJobRequest.builder("migrate_db_1", "mms_test", "mms_target")
                .sourceName("demo").schemas("default", "default").taskType("MOCK").tables(List.of("t1"))
                .partitionFilters(Map.of("t1", "p1 >= '2022-03-04'")).enableVerification(true).stages(true, false)
                .others(Map.of("k", 1)).build());

        StubMmaServer.Received request = assertSigned("POST", "/api/v1/mms/datasources/2/jobs", null, "CreateMmsJob");
        assertJsonBody(request, "{\"sourceId\":\"2\",\"sourceName\":\"demo\",\"name\":\"migrate_db_1\","
                + "\"srcDbName\":\"mms_test\",\"srcSchemaName\":\"default\",\"dstDbName\":\"mms_target\","
                + "\"dstSchemaName\":\"default\",\"taskType\":\"MOCK\",\"tables\":[\"t1\"],"
                + "\"partitionFilters\":{\"t1\":\"p1 >= '2022-03-04'\"},\"enableVerification\":true,"
                + "\"enableSchemaMigration\":true,\"enableDataMigration\":false,\"others\":{\"k\":1}}");
        assertThat(asyncTaskId).isEqualTo(2523L);
    }

    @Test
    void start_stop_and_retry_post_without_a_body_and_return_the_job_id() {
        server.respondAlways(StubMmaServer.data("10"));

        assertThat(client.startMmsJob("2", "10")).isEqualTo(10L);
        StubMmaServer.Received start = assertSigned("POST", "/api/v1/mms/datasources/2/jobs/10/start", null,
                "StartMmsJob");
        assertThat(start.header("content-type")).isNull();
        assertThat(start.header("x-acs-content-sha256")).isEqualTo(Acs3Signer.EMPTY_PAYLOAD_SHA256);
        assertThat(start.body()).isEmpty();

        assertThat(client.stopMmsJob("2", "10")).isEqualTo(10L);
        assertSigned("POST", "/api/v1/mms/datasources/2/jobs/10/stop", null, "StopMmsJob");

        assertThat(client.retryMmsJob("2", "10")).isEqualTo(10L);
        assertSigned("POST", "/api/v1/mms/datasources/2/jobs/10/retry", null, "RetryMmsJob");
    }

    @Test
    void list_tables_sends_statuses_as_one_json_array_parameter() {
        server.respondAlways(StubMmaServer.data("{\"total\":1,\"objectList\":["
                + example("GetMmsTable").toString() + "]}"));

        Page<MmsTable> page = client.listMmsTablesPage("12323", TableFilter.all().withDbId(3L).withDbName("mms_test")
                .withName("test").withHasPartitions(true).withStatuses("DONE", "FAILED")
                .withSorter(Map.of("numRows", "asc")), 1, 50);

        assertSignedGet("/api/v1/mms/datasources/12323/tables", "dbId=3&dbName=mms_test&hasPartitions=true&name=test"
                + "&pageNum=1&pageSize=50&sorter.numRows=asc&status=%5B%22DONE%22%2C%22FAILED%22%5D", "ListMmsTables");
        assertThat(page.pageNum()).as("page echo missing: the requested page").isEqualTo(1);
        assertThat(page.pageSize()).isEqualTo(50);
        assertThat(page.items()).singleElement().satisfies(t -> assertThat(t.getName()).isEqualTo("test"));
    }

    @Test
    void get_table() {
        server.respondAlways(StubMmaServer.ok(exampleBody("GetMmsTable")));

        MmsTable table = client.getMmsTable("12323", "22");

        assertSignedGet("/api/v1/mms/datasources/12323/tables/22", null, "GetMmsTable");
        assertThat(table.getStatus()).isEqualTo("DONE");
    }

    @Test
    void list_tasks_of_a_job_with_a_status() {
        server.respondAlways(StubMmaServer.data("{\"total\":100,\"pageNum\":1,\"pageSize\":10,\"objectList\":["
                + TASK_JSON + "]}"));

        Page<MmsTask> page = client.listMmsTasksPage("2000028", TaskFilter.ofJob(87).withStatus("DATA_DOING")
                .withPartition("p1=1/p2=abc"), 1, 10);

        assertSignedGet("/api/v1/mms/datasources/2000028/tasks",
                "jobId=87&pageNum=1&pageSize=10&partition=p1%3D1%2Fp2%3Dabc&status=DATA_DOING", "ListMmsTasks");
        assertThat(page.total()).isEqualTo(100);
        assertThat(page.items()).containsExactly(EXPECTED_TASK);
    }

    @Test
    void get_task() {
        server.respondAlways(StubMmaServer.data(TASK_JSON));

        MmsTask task = client.getMmsTask("2000028", "2323");

        assertSignedGet("/api/v1/mms/datasources/2000028/tasks/2323", null, "GetMmsTask");
        assertThat(task).isEqualTo(EXPECTED_TASK);
    }

    @Test
    void list_task_logs_reads_the_plain_array_of_steps() {
        server.respondAlways(StubMmaServer.data("[{\"id\":1,\"taskId\":2323,\"sourceId\":2000028,"
                + "\"status\":\"SCHEMA_DOING\",\"action\":\"create schema if not exists mms_test.default;\","
                + "\"msg\":\"ok\",\"createTime\":\"2024-10-25 06:21:01\"},"
                + "{\"id\":2,\"taskId\":2323,\"status\":\"DATA_FAILED\",\"msg\":\"boom\",\"later\":true}]"));

        List<MmsTaskLog> logs = client.listMmsTaskLogs("2000028", "2323");

        assertSignedGet("/api/v1/mms/datasources/2000028/tasks/2323/logs", null, "ListMmsTaskLogs");
        assertThat(logs).containsExactly(
                MmsTaskLog.newBuilder().setId(1L).setTaskId(2323L).setSourceId(2000028L).setStatus("SCHEMA_DOING")
                        .setAction("create schema if not exists mms_test.default;").setMsg("ok")
                        .setCreateTime("2024-10-25 06:21:01").build(),
                MmsTaskLog.newBuilder().setId(2L).setTaskId(2323L).setStatus("DATA_FAILED").setMsg("boom")
                        .setUnmappedFields(Map.of("later", "true")).build());
    }

    @Test
    void task_logs_that_are_not_an_array_are_malformed() {
        server.respondAlways(StubMmaServer.data("{\"total\":1,\"objectList\":[]}"));

        assertThatThrownBy(() -> client.listMmsTaskLogs("2000028", "2323"))
                .isInstanceOfSatisfying(MmaException.Malformed.class,
                        e -> assertThat(e.operation()).isEqualTo("ListMmsTaskLogs"));
    }

    @Test
    void get_async_task() {
        server.respondAlways(StubMmaServer.ok(exampleBody("GetMmsAsyncTask")));

        MmsAsyncTask task = client.getMmsAsyncTask("2000017", "2523");

        assertSignedGet("/api/v1/mms/datasources/2000017/asyncTasks/2523", null, "GetMmsAsyncTask");
        assertThat(task.getType()).isEqualTo("TASK_CREATE");
    }

    @Test
    void ids_are_percent_encoded_into_their_own_path_segment() {
        server.respondAlways(StubMmaServer.data(TASK_JSON));

        client.getMmsTask("a/b c", "x*~");

        assertSignedGet("/api/v1/mms/datasources/a%2Fb%20c/tasks/x%2A~", null, "GetMmsTask");
    }

    @Test
    void an_sts_token_is_sent_and_covered_by_the_signature() {
        server.respondAlways(StubMmaServer.data(TASK_JSON));
        MmaClient sts = new MmaClient(MmaClientConfig.forEndpoint(server.uri()).withCredentials(
                new Credentials(StubMmaServer.ACCESS_KEY_ID, StubMmaServer.SECRET, "sts-token")));

        sts.getMmsTask("1", "2");

        assertThat(server.last().header("x-acs-security-token")).isEqualTo("sts-token");
        assertThat(server.last().header("authorization")).contains("x-acs-security-token");
        assertThat(server.last().signatureValid()).isTrue();
    }

    @Test
    void an_anonymous_client_sends_acs_headers_without_authorization() {
        server.respondAlways(StubMmaServer.data(TASK_JSON));
        MmaClient anonymous = new MmaClient(MmaClientConfig.forEndpoint(server.uri()));

        anonymous.getMmsTask("1", "2");

        assertThat(server.last().header("authorization")).isNull();
        assertThat(server.last().header("x-acs-action")).isEqualTo("GetMmsTask");
        assertThat(server.last().header("x-acs-version")).isEqualTo("2022-01-04");
        assertThat(server.last().header("user-agent")).isEqualTo(MmaClientConfig.DEFAULT_USER_AGENT);
    }

    @Test
    void an_endpoint_with_a_base_path_prefixes_every_call_and_still_verifies() {
        server.respondAlways(StubMmaServer.data(TASK_JSON));
        MmaClient prefixed = new MmaClient(MmaClientConfig.forEndpoint(URI.create(server.uri() + "/mma/"))
                .withCredentials(Credentials.of(StubMmaServer.ACCESS_KEY_ID, StubMmaServer.SECRET)));

        prefixed.getMmsTask("1", "2");

        assertThat(server.last().rawPath()).isEqualTo("/mma/api/v1/mms/datasources/1/tasks/2");
        assertThat(server.last().signatureValid()).isTrue();
    }

    private static final String TASK_JSON = "{\"id\":2323,\"jobId\":87,\"jobName\":\"test_odps_spark\","
            + "\"sourceId\":2000028,\"sourceName\":\"demo\",\"dbId\":196,\"tableId\":23,\"srcDbName\":\"db_1\","
            + "\"srcSchemaName\":\"default\",\"srcTableName\":\"table_1\",\"dstDbName\":\"mms_test\","
            + "\"dstSchemaName\":\"default\",\"dstTableName\":\"table_1\",\"type\":\"BIGQUERY\","
            + "\"status\":\"DATA_DOING\",\"running\":true,\"stopped\":false,\"retriedTimes\":1,"
            + "\"createTime\":\"2024-10-25 04:21:01\",\"startTime\":\"2024-10-25 06:21:01\","
            + "\"endTime\":\"2024-10-25 07:21:01\"}";

    private static final MmsTask EXPECTED_TASK = MmsTask.newBuilder().setId(2323L).setJobId(87L)
            .setJobName("test_odps_spark").setSourceId(2000028L).setSourceName("demo").setDbId(196L).setTableId(23L)
            .setSrcDbName("db_1").setSrcSchemaName("default").setSrcTableName("table_1").setDstDbName("mms_test")
            .setDstSchemaName("default").setDstTableName("table_1").setType("BIGQUERY").setStatus("DATA_DOING")
            .setRunning(true).setStopped(false).setRetriedTimes(1).setCreateTime("2024-10-25 04:21:01")
            .setStartTime("2024-10-25 06:21:01").setEndTime("2024-10-25 07:21:01").build();

    private static void assertSignedGet(String path, String query, String action) {
        assertSigned("GET", path, query, action);
    }

    private static StubMmaServer.Received assertSigned(String method, String path, String query, String action) {
        StubMmaServer.Received request = server.last();
        assertThat(request.method()).isEqualTo(method);
        assertThat(request.rawPath()).isEqualTo(path);
        assertThat(request.rawQuery()).isEqualTo(query);
        assertThat(request.header("x-acs-action")).isEqualTo(action);
        assertThat(request.header("x-acs-version")).isEqualTo("2022-01-04");
        assertThat(request.header("x-acs-date")).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(request.header("x-acs-signature-nonce")).startsWith("nonce-");
        assertThat(request.header("x-acs-content-sha256"))
                .isEqualTo(Acs3Signer.sha256Hex(request.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("accept")).isEqualTo("application/json");
        assertThat(request.header("user-agent")).isEqualTo("calls-test/1");
        assertThat(request.header("authorization"))
                .startsWith("ACS3-HMAC-SHA256 Credential=" + StubMmaServer.ACCESS_KEY_ID + ",");
        assertThat(request.signatureValid()).as("signature verifies on the server side").isTrue();
        return request;
    }

    private static void assertJsonBody(StubMmaServer.Received request, String expectedJson) throws IOException {
        assertThat(request.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(expectedJson));
    }

    private static String exampleBody(String operation) {
        try (InputStream in = MmaClientCallsTest.class.getResourceAsStream("/mma-examples/" + operation + ".json")) {
            assertThat(in).as("example " + operation + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode example(String operation) {
        try {
            return JSON.readTree(exampleBody(operation)).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aliyun.teaopenapi.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.config.Settings;

/**
 * Alibaba's own OpenAPI client (tea-openapi, signed with ACS3-HMAC-SHA256) reads every MMA object the tracker
 * serves from the demo, and each answer has the same fields with the same JSON types as the simulator's answer for
 * the same object: ListMmsDataSources, the five documented GETs, ListMmsJobs, ListMmsTables, ListMmsTasks and
 * GetMmsTask. The simulated fleet is nearly frozen, so both describe one state. Then every filter and sorter of
 * ListMmsTasks, ListMmsJobs and ListMmsTables the tracker serves selects the same objects in the same order as the
 * simulator, and one it cannot answer ({@code partition}) is Alibaba's 400 through the SDK. Last, ListMmsTaskLogs of
 * a task forced to fail: the step the tracker holds is the simulator's step of the same id.
 */
class AlibabaSdkAgainstSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String KEY_ID = "ak-sdk-reader";
    private static final String SECRET = "sdk-reader-secret-0123456789";

    @TempDir
    Path dir;

    private final DemoHttp demoHttp = new DemoHttp();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    @Test
    void everyReadTheTrackerServesAnswersTheSdkLikeTheSimulator() throws Exception {
        Path authFile = dir.resolve("auth.json");
        JSON.writeValue(authFile.toFile(), Map.of("accessKeys", List.of(Map.of("id", KEY_ID, "secret", SECRET,
                "policy", Map.of("Version", "1", "Statement", List.of(Map.of("Effect", "Allow",
                        "Action", List.of("odps:GetMms*", "odps:ListMms*"), "Resource", "*")))))));
        Settings settings = Settings.of(Map.of("demo.data-dir", dir.resolve("data").toString(), "demo.kafka-port", "0",
                "query.port", "0", "simulator.port", "0", "poller.active-interval", "1s", "simulator.speed", "0.001",
                "simulator.sources", "1", "query.auth-file", authFile.toString(),
                // the task forced to fail below waits in INIT, which the active cycle does not list: a full listing
                // finds it (the demo's 1m would make the test wait for it)
                "poller.reconcile-interval", "10s"));
        try (Demo demo = Demo.start(settings, Clock.systemUTC(), fatal::set)) {
            String sim = demo.simulatorUrl();
            Client sdk = new Client(new Config().setAccessKeyId(KEY_ID).setAccessKeySecret(SECRET)
                    .setEndpoint("127.0.0.1:" + demo.httpPort().orElseThrow()).setProtocol("HTTP"));
            JsonNode source = demoHttp.get(sim + "/api/v1/mms/datasources").at("/data/objectList/0");
            String s = source.get("id").asText();
            String base = "/api/v1/mms/datasources/" + s;
            int tasks = demoHttp.get(sim + base + "/tasks?pageSize=1").at("/data/total").asInt();
            // everything polled once: the source's tasks are all in the tracker's state
            await().atMost(PATIENCE).ignoreExceptions().until(
                    () -> call(sdk, "ListMmsTasks", base + "/tasks", Map.of("pageSize", "1")).at("/data/total").asInt() == tasks);

            JsonNode job = demoHttp.get(sim + base + "/jobs?pageSize=1").at("/data/objectList/0");
            JsonNode table = demoHttp.get(sim + base + "/tables?pageSize=1").at("/data/objectList/0");
            JsonNode task = demoHttp.get(sim + base + "/tasks?pageSize=1&jobId=" + job.get("id").asText())
                    .at("/data/objectList/0");
            String scanId = source.get("scanId").asText();
            Map<String, String[]> reads = new LinkedHashMap<>();
            reads.put("ListMmsDataSources", new String[] {"/api/v1/mms/datasources", "/data/objectList/0"});
            reads.put("GetMmsDataSource", new String[] {base, "/data"});
            reads.put("GetMmsFetchMetadataJob", new String[] {base + "/scans/" + scanId, "/data"});
            reads.put("GetMmsJob", new String[] {base + "/jobs/" + job.get("id").asText(), "/data"});
            reads.put("GetMmsTable", new String[] {base + "/tables/" + table.get("id").asText(), "/data"});
            reads.put("GetMmsAsyncTask", new String[] {base + "/asyncTasks/" + scanId, "/data"});
            reads.put("ListMmsJobs", new String[] {base + "/jobs", "/data/objectList/0"});
            reads.put("ListMmsTables", new String[] {base + "/tables", "/data/objectList/0"});
            reads.put("ListMmsTasks", new String[] {base + "/tasks", "/data/objectList/0"});
            reads.put("GetMmsTask", new String[] {base + "/tasks/" + task.get("id").asText(), "/data"});

            List<String> differences = new ArrayList<>();
            for (var read : reads.entrySet()) {
                String path = read.getValue()[0];
                String pointer = read.getValue()[1];
                JsonNode tracker = await().atMost(PATIENCE).ignoreExceptions()
                        .until(() -> call(sdk, read.getKey(), path, Map.of("pageSize", "1")), a -> !a.at(pointer).isMissingNode());
                JsonNode simulator = demoHttp.get(sim + path + (pointer.contains("objectList") ? "?pageSize=1" : ""));
                assertThat(tracker.get("requestId").asText()).as(read.getKey()).isNotBlank();
                if (pointer.contains("objectList")) {
                    assertThat(shape(tracker.get("data"), false)).as(read.getKey() + " page").isEqualTo(shape(simulator.get("data"), false));
                }
                assertThat(tracker.at(pointer).get("id").asLong()).as(read.getKey() + " the same object")
                        .isEqualTo(simulator.at(pointer).get("id").asLong());
                Map<String, String> got = shape(tracker.at(pointer), true);
                Map<String, String> expected = shape(simulator.at(pointer), true);
                if (!got.equals(expected)) {
                    differences.add(read.getKey() + ": tracker " + got + " simulator " + expected);
                }
            }
            assertThat(differences).as("fields and JSON types the tracker and the simulator disagree on").isEmpty();

            // Every filter and sorter the tracker serves selects the same objects in the same order as the simulator.
            String jobId = job.get("id").asText();
            JsonNode someTable = demoHttp.get(sim + base + "/tables?pageSize=1&pageNum=2").at("/data/objectList/0");
            Map<String, List<Map<String, String>>> filtered = new LinkedHashMap<>();
            filtered.put("ListMmsTasks", List.of(Map.of("jobId", jobId), Map.of("jobId", jobId, "status", task.get("status").asText()),
                    Map.of("jobName", job.get("name").asText().substring(0, 6)), Map.of("srcDbName", task.get("srcDbName").asText()),
                    Map.of("srcTableName", task.get("srcTableName").asText()), Map.of("dstDbName", task.get("dstDbName").asText()),
                    Map.of("dstTableName", task.get("dstTableName").asText(), "jobId", jobId),
                    Map.of("sorter.startTime", "desc"), Map.of("sorter.status", "asc", "jobId", jobId)));
            filtered.put("ListMmsJobs", List.of(Map.of("name", job.get("name").asText()), Map.of("srcDbName", job.get("srcDbName").asText()),
                    Map.of("dstDbName", job.get("dstDbName").asText()), Map.of("stopped", "0")));
            filtered.put("ListMmsTables", List.of(Map.of("dbId", someTable.get("dbId").asText()), Map.of("dbName", someTable.get("dbName").asText()),
                    Map.of("name", someTable.get("name").asText()), Map.of("type", someTable.get("type").asText()),
                    Map.of("hasPartitions", someTable.get("hasPartitions").asText()),
                    Map.of("lastDdlTimeStart", someTable.get("lastDdlTime").asText()), Map.of("lastDdlTimeEnd", someTable.get("lastDdlTime").asText()),
                    Map.of("dstProjectName", someTable.get("dstProjectName").asText()), Map.of("dstName", someTable.get("dstName").asText())));
            Map<String, String> paths = Map.of("ListMmsTasks", base + "/tasks", "ListMmsJobs", base + "/jobs", "ListMmsTables", base + "/tables");
            for (var list : filtered.entrySet()) {
                for (Map<String, String> filter : list.getValue()) {
                    Map<String, String> query = new TreeMap<>(filter);
                    query.put("pageSize", "25");
                    String path = paths.get(list.getKey());
                    String expected = await().atMost(PATIENCE).until(() -> page(demoHttp.get(sim + path + "?" + encoded(query))), p -> p != null);
                    assertThat(expected).as(list.getKey() + " " + filter + " selects something in the simulator").doesNotStartWith("total 0 ");
                    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(page(call(sdk, list.getKey(), path, query)))
                            .as(list.getKey() + " " + filter).isEqualTo(page(demoHttp.get(sim + path + "?" + encoded(query)))));
                }
            }
            // A filter the tracker cannot answer is Alibaba's error, naming it, through the SDK too.
            var refused = org.assertj.core.api.Assertions.catchThrowableOfType(com.aliyun.tea.TeaException.class,
                    () -> call(sdk, "ListMmsTasks", base + "/tasks", Map.of("partition", "p1=1")));
            assertThat(refused.getCode()).isEqualTo("InvalidParameter");
            assertThat(refused.getMessage()).contains("partition");

            // ListMmsTaskLogs: a task forced to fail; the step the tracker holds is the simulator's step of that id
            String taskId = task.get("id").asText();
            HttpResponse<String> pinned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim
                    + "/_sim/datasources/" + s + "/tasks/" + taskId)).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"status\":\"DATA_FAILED\",\"msg\":\"ODPS-0130071: partition quota exceeded\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
            String logs = base + "/tasks/" + taskId + "/logs";
            JsonNode held = await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> call(sdk, "ListMmsTaskLogs", logs, Map.of()).get("data"), d -> d.size() == 1).get(0);
            JsonNode same = null;
            for (JsonNode step : demoHttp.get(sim + logs).get("data")) {
                if (step.get("id").asLong() == held.get("id").asLong()) {
                    same = step;
                }
            }
            assertThat(same).as("the simulator's step " + held).isNotNull();
            assertThat(shape(held, true)).isEqualTo(shape(same, true));
            assertThat(held.get("msg").asText()).isEqualTo(same.get("msg").asText()).contains("quota exceeded");
            assertThat(held.get("status").asText()).isEqualTo("DATA_FAILED");
            assertThat(fatal.get()).isNull();
        }
    }

    /** A list answer as what it selects: the total and the page's ids in order. */
    private static String page(JsonNode answer) {
        JsonNode data = answer.get("data");
        List<Long> ids = new ArrayList<>();
        data.get("objectList").forEach(item -> ids.add(item.get("id").asLong()));
        return "total " + data.get("total").asLong() + " ids " + ids;
    }

    private static String encoded(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")));
        return out.toString();
    }

    /** A signed GET through the SDK's generic call, as MMA's product SDK makes it; the answer's body. */
    private static JsonNode call(Client sdk, String action, String path, Map<String, String> query) throws Exception {
        Params params = new Params().setAction(action).setVersion("2022-01-04").setProtocol("HTTP").setPathname(path)
                .setMethod("GET").setAuthType("AK").setStyle("ROA").setReqBodyType("json").setBodyType("json");
        OpenApiRequest request = new OpenApiRequest();
        if (action.startsWith("List") && !query.isEmpty()) {
            request.setQuery(query);
        }
        Map<String, ?> answer = sdk.callApi(params, request, new RuntimeOptions());
        assertThat(answer.get("statusCode")).as(action).isEqualTo(200);
        return JSON.valueToTree(answer.get("body"));
    }

    /**
     * Field name → JSON type of an object's non-null fields (nested objects by path); lists' items by their first
     * item. {@code deep} false: the top level only.
     */
    private static Map<String, String> shape(JsonNode node, boolean deep) {
        Map<String, String> shape = new TreeMap<>();
        node.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isNull() || field.getKey().equals("objectList") && !deep) {
                return;
            }
            shape.put(field.getKey(), value.isIntegralNumber() ? "integer" : value.getNodeType().name());
            if (deep && value.isObject()) {
                shape(value, true).forEach((k, v) -> shape.put(field.getKey() + "." + k, v));
            } else if (deep && value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                shape(value.get(0), true).forEach((k, v) -> shape.put(field.getKey() + "[]." + k, v));
            }
        });
        return shape;
    }
}

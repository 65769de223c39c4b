package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * GetMmsTask. The simulated fleet is nearly frozen, so both describe one state.
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
                "simulator.sources", "1", "query.auth-file", authFile.toString()));
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
            assertThat(fatal.get()).isNull();
        }
    }

    /** A signed GET through the SDK's generic call, as MMA's product SDK makes it; the answer's body. */
    private static JsonNode call(Client sdk, String action, String path, Map<String, String> query) throws Exception {
        Params params = new Params().setAction(action).setVersion("2022-01-04").setProtocol("HTTP").setPathname(path)
                .setMethod("GET").setAuthType("AK").setStyle("ROA").setReqBodyType("json").setBodyType("json");
        OpenApiRequest request = new OpenApiRequest();
        if (action.startsWith("List")) {
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

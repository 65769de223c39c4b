package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.lifecycle.StopSignal;
import io.mmatracker.app.watch.SseEvent;
import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.AlertType;

/**
 * Issue 13 on the demo: a task forced to DATA_FAILED through the simulator's admin API gives a TASK_FAILED alert on
 * {@code mma.alerts} and on {@code /events} naming the table, the status and the log message, within the active
 * interval plus a few seconds; the job's JOB_FAILED alert then lists that table.
 */
class DemoTaskFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String MESSAGE = "ODPS-0130071: [1,1] Semantic analysis exception - quota exceeded";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final DemoHttp demoHttp = new DemoHttp();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    @Test
    void aFailedTaskRaisesTaskFailedWithTableStatusAndMessageAndTheJobsAlertListsIt() throws Exception {
        Settings settings = Settings.of(Map.of("demo.data-dir", dir.toString(), "demo.kafka-port", "0",
                "query.port", "0", "simulator.port", "0", "poller.active-interval", "1s"));
        try (Demo demo = Demo.start(settings, Clock.systemUTC(), fatal::set)) {
            String api = "http://127.0.0.1:" + demo.httpPort().orElseThrow();
            DemoReadiness.Outcome ready = new DemoReadiness(demo.simulator(), URI.create(api)).await(PATIENCE, new StopSignal(), p -> { });
            assertThat(ready).isInstanceOf(DemoReadiness.Outcome.Ready.class);
            String[] job = ((DemoReadiness.Outcome.Ready) ready).jobKey().split("/");
            String sourceId = job[0];
            String jobId = job[1];
            demoHttp.pin(demo, sourceId, jobId, "{\"status\":\"DOING\"}");

            // the job's first task, kept running until the test fails it
            JsonNode first = demoHttp.get(demo.simulatorUrl() + "/api/v1/mms/datasources/" + sourceId + "/tasks?jobId="
                    + jobId + "&pageSize=1").at("/data/objectList/0");
            String taskId = first.get("id").asText();
            String table = first.get("srcDbName").asText() + "." + first.get("srcTableName").asText();
            String taskPath = api + "/api/v1/mms/datasources/" + sourceId + "/tasks/" + taskId;
            pinTask(demo, sourceId, taskId, "{\"status\":\"DATA_DOING\"}");
            await().atMost(PATIENCE).until(() -> demoHttp.get(taskPath),
                    t -> t != null && t.at("/data/status").asText().equals("DATA_DOING"));

            List<SseEvent> streamed = new CopyOnWriteArrayList<>();
            AtomicBoolean open = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            DemoHttp.follow(api, "source=" + sourceId + "&types=alerts", streamed, stop, open);
            await().atMost(PATIENCE).untilTrue(open);

            long pinnedAt = System.nanoTime();
            pinTask(demo, sourceId, taskId, "{\"status\":\"DATA_FAILED\",\"msg\":\"" + MESSAGE + "\"}");
            String taskKey = sourceId + "/" + taskId;
            JsonNode taskAlert = JSON.readTree(await().atMost(PATIENCE).until(() -> streamed.stream()
                    .filter(e -> e.data().contains("\"key\":\"" + taskKey + "\"") && e.data().contains("FIRING"))
                    .findFirst().orElse(null),
                    e -> e != null).data());
            Duration latency = Duration.ofNanos(System.nanoTime() - pinnedAt);
            assertThat(latency).as("active interval 1 s plus a few seconds").isLessThan(Duration.ofSeconds(15));
            assertThat(taskAlert.get("type").asText()).isEqualTo("TASK_FAILED");
            assertThat(taskAlert.get("state").asText()).isEqualTo("FIRING");
            assertThat(taskAlert.get("status").asText()).isEqualTo("DATA_FAILED");
            assertThat(taskAlert.get("name").asText()).isEqualTo(table);
            assertThat(taskAlert.get("errorMessage").asText()).isEqualTo(MESSAGE);

            // the job fails too: its alert lists the table with status and message
            demoHttp.pin(demo, sourceId, jobId, "{\"status\":\"FAILED\"}");
            String jobKey = sourceId + "/" + jobId;
            JsonNode jobAlert = JSON.readTree(await().atMost(PATIENCE).until(() -> streamed.stream()
                    .filter(e -> e.data().contains("\"key\":\"" + jobKey + "\"") && e.data().contains("JOB_FAILED"))
                    .findFirst().orElse(null),
                    e -> e != null).data());
            assertThat(jobAlert.get("type").asText()).isEqualTo("JOB_FAILED");
            assertThat(jobAlert.get("failedTaskCount").asInt()).isPositive();
            assertThat(jobAlert.get("failedTasks").findValuesAsText("tableName")).contains(table);
            JsonNode listed = null;
            for (JsonNode failure : jobAlert.get("failedTasks")) {
                if (failure.get("tableName").asText().equals(table)) {
                    listed = failure;
                }
            }
            assertThat(listed.get("status").asText()).isEqualTo("DATA_FAILED");
            assertThat(listed.get("message").asText()).isEqualTo(MESSAGE);
            assertThat(jobAlert.at("/context/failedTables").asText()).contains(table);
            stop.set(true);

            // exactly one FIRING record of each on the topic
            List<Alert> onTopic = DemoHttp.alerts(demo.bootstrapServers(), demo.kafka().topics().alerts(),
                    List.of(taskKey, jobKey), PATIENCE);
            assertThat(onTopic).filteredOn(a -> a.getAlertId().equals(taskAlert.get("alertId").asText())).singleElement()
                    .satisfies(a -> {
                        assertThat(a.getType()).isEqualTo(AlertType.TASK_FAILED);
                        assertThat(a.getState()).isEqualTo(AlertState.FIRING);
                        assertThat(a.getErrorMessage()).isEqualTo(MESSAGE);
                    });
            assertThat(onTopic).filteredOn(a -> a.getKey().equals(jobKey) && a.getType() == AlertType.JOB_FAILED
                    && a.getState() == AlertState.FIRING).singleElement()
                    .satisfies(a -> assertThat(a.getFailedTasks()).anySatisfy(f -> assertThat(f.getTableName()).isEqualTo(table)));
            assertThat(fatal.get()).isNull();
        }
    }

    private void pinTask(Demo demo, String sourceId, String taskId, String fields) throws IOException, InterruptedException {
        HttpResponse<String> pinned = http.send(HttpRequest.newBuilder(URI.create(demo.simulatorUrl()
                        + "/_sim/datasources/" + sourceId + "/tasks/" + taskId))
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
    }
}

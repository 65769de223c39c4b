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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The demo as a user meets it, in this JVM on free ports: MMA's JSON for a job, a job forced to FAILED through the
 * simulator's admin API, its alert on {@code mma.alerts} and on the event stream, and a restart on the same data
 * directory that still knows the job; on the way, every series {@code /metrics} documents, scraped over HTTP.
 */
class DemoEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /**
     * Every series {@code /metrics} serves in the demo, with its label names: what dashboards and alerts scrape
     * (modules/app/README.md, Metrics). A name or a label that changes must change here and in that README.
     */
    private static final Map<String, Set<String>> METRIC_SERIES = Map.ofEntries(
            Map.entry("mma_query_requests_total", Set.of("route", "status")),
            Map.entry("mma_query_request_duration_seconds_bucket", Set.of("route", "le")),
            Map.entry("mma_query_request_duration_seconds_count", Set.of("route")),
            Map.entry("mma_query_request_duration_seconds_sum", Set.of("route")),
            Map.entry("mma_query_request_duration_seconds_max", Set.of("route")),
            Map.entry("mma_query_forwarded_total", Set.of()), Map.entry("mma_query_stale_answers_total", Set.of()),
            Map.entry("mma_query_unavailable_total", Set.of()), Map.entry("mma_query_lookup_retries_total", Set.of()),
            Map.entry("mma_query_cache_hits_total", Set.of()), Map.entry("mma_query_cache_misses_total", Set.of()),
            Map.entry("mma_query_cache_entries", Set.of()), Map.entry("mma_query_cache_bytes", Set.of()),
            Map.entry("mma_query_sse_subscribers", Set.of()), Map.entry("mma_query_events_total", Set.of()),
            Map.entry("mma_query_sse_dropped_total", Set.of()), Map.entry("mma_query_unexpected_errors_total", Set.of()),
            Map.entry("mma_streams_running", Set.of()), Map.entry("mma_streams_rebalancing", Set.of()),
            Map.entry("mma_streams_alive_threads", Set.of()), Map.entry("mma_streams_failed_threads_total", Set.of()),
            Map.entry("mma_streams_processed_total", Set.of()), Map.entry("mma_streams_process_rate", Set.of()),
            Map.entry("mma_streams_commits_total", Set.of()), Map.entry("mma_streams_commit_latency_avg_ms", Set.of()),
            Map.entry("mma_streams_dropped_records_total", Set.of()), Map.entry("mma_streams_records_lag_max", Set.of()),
            Map.entry("mma_streams_active_tasks", Set.of()), Map.entry("mma_streams_standby_tasks", Set.of()),
            Map.entry("mma_poller_requests_total", Set.of("operation", "outcome")),
            Map.entry("mma_poller_throttled_total", Set.of()), Map.entry("mma_poller_publish_failures_total", Set.of()),
            Map.entry("mma_poller_snapshots_total", Set.of("kind")), Map.entry("mma_poller_tombstones_total", Set.of("kind")),
            Map.entry("mma_poller_cycles_total", Set.of("type", "outcome")), Map.entry("mma_poller_failed_cycles_total", Set.of()),
            Map.entry("mma_poller_request_rate", Set.of()), Map.entry("mma_poller_request_rate_ceiling", Set.of()),
            Map.entry("mma_poller_sources", Set.of()), Map.entry("mma_poller_due_backlog_sources", Set.of()),
            Map.entry("mma_poller_due_backlog_objects", Set.of()), Map.entry("mma_poller_moving_objects", Set.of()),
            Map.entry("mma_poller_tracked_objects", Set.of("kind")), Map.entry("mma_poller_source_staleness_max_seconds", Set.of()));
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final DemoHttp demoHttp = new DemoHttp();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    private Settings settings() {
        return Settings.of(Map.of("demo.data-dir", dir.toString(), "demo.kafka-port", "0", "query.port", "0",
                "simulator.port", "0", "poller.active-interval", "1s"));
    }

    @Test
    void aFailedJobRaisesOneAlertOnTheTopicAndTheEventStreamAndARestartResumes() throws Exception {
        String sourceId;
        String jobId;
        String bootstrap;
        try (Demo demo = Demo.start(settings(), Clock.systemUTC(), fatal::set)) {
            String api = "http://127.0.0.1:" + demo.httpPort().orElseThrow();
            DemoReadiness.Outcome ready = new DemoReadiness(demo.simulator(), URI.create(api)).await(PATIENCE, new StopSignal(), p -> { });
            assertThat(ready).isInstanceOf(DemoReadiness.Outcome.Ready.class);
            String[] job = ((DemoReadiness.Outcome.Ready) ready).jobKey().split("/");
            sourceId = job[0];
            jobId = job[1];
            bootstrap = demo.bootstrapServers();
            String jobPath = "/api/v1/mms/datasources/" + sourceId + "/jobs/" + jobId;
            // what the banner promises: once ready, the first GET of its example job is MMA's JSON, no 503 or 404
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(api + jobPath)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(JSON.readTree(first.body()).at("/data/id").asText()).isEqualTo(jobId);
            assertThat(get(api + "/api/v1/mms/datasources").at("/data/total").asInt()).isEqualTo(3);
            // the simulated job would finish on its own within seconds; keep it running until the test fails it
            pin(demo, sourceId, jobId, "{\"status\":\"DOING\"}");

            JsonNode served = await().atMost(PATIENCE).until(() -> get(api + jobPath),
                    j -> j != null && j.at("/data/status").asText().equals("DOING"));
            assertThat(served.get("requestId").asText()).isNotBlank();
            assertThat(served.at("/data/id").asText()).isEqualTo(jobId);
            assertThat(served.at("/data/sourceId").asText()).isEqualTo(sourceId);

            List<SseEvent> streamed = new CopyOnWriteArrayList<>();
            AtomicBoolean open = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            DemoHttp.follow(api, "source=" + sourceId + "&types=alerts", streamed, stop, open);
            await().atMost(PATIENCE).untilTrue(open);

            pin(demo, sourceId, jobId, "{\"status\":\"FAILED\"}");

            String key = sourceId + "/" + jobId;
            SseEvent event = await().atMost(PATIENCE).until(() -> streamed.stream()
                    .filter(e -> e.data().contains("\"key\":\"" + key + "\"")).findFirst().orElse(null), e -> e != null);
            JsonNode alert = JSON.readTree(event.data());
            assertThat(event.event()).isEqualTo("alert");
            assertThat(alert.get("type").asText()).isEqualTo("JOB_FAILED");
            assertThat(alert.get("state").asText()).isEqualTo("FIRING");
            assertThat(alert.get("status").asText()).isEqualTo("FAILED");

            List<Alert> onTopic = DemoHttp.alerts(bootstrap, demo.kafka().topics().alerts(), List.of(key), PATIENCE);
            assertThat(onTopic).singleElement().satisfies(a -> {
                assertThat(a.getAlertId()).isEqualTo(alert.get("alertId").asText());
                assertThat(a.getType()).isEqualTo(AlertType.JOB_FAILED);
                assertThat(a.getState()).isEqualTo(AlertState.FIRING);
            });
            stop.set(true);
            assertThat(scrapedSeries(api)).containsAllEntriesOf(METRIC_SERIES);
            assertThat(fatal.get()).isNull();
        }

        try (Demo again = Demo.start(settings(), Clock.systemUTC(), fatal::set)) {
            assertThat(again.topics().created()).isEmpty();
            String api = "http://127.0.0.1:" + again.httpPort().orElseThrow();
            JsonNode kept = await().atMost(PATIENCE).until(
                    () -> get(api + "/api/v1/mms/datasources/" + sourceId + "/jobs/" + jobId), j -> j != null);
            assertThat(kept.at("/data/id").asText()).isEqualTo(jobId);
            assertThat(fatal.get()).isNull();
        }
    }

    private void pin(Demo demo, String sourceId, String jobId, String fields) throws IOException, InterruptedException {
        demoHttp.pin(demo, sourceId, jobId, fields);
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        return demoHttp.get(url);
    }

    /** The series {@code /metrics} serves over HTTP: each name with the label names of its samples. */
    private Map<String, Set<String>> scrapedSeries(String api) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        Map<String, Set<String>> series = new TreeMap<>();
        for (String line : response.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            Set<String> labels = new TreeSet<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.add(label.group(1));
            }
            series.put(sample.group(1), labels);
        }
        return series;
    }
}

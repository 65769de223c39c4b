package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.config.Settings;
import io.mmatracker.simulator.fleet.JobView;

/**
 * The demo with an auth file, as an operator and a dashboard meet it: jobs of three sources are forced to FAILED
 * through the simulator while two bearer-token streams read {@code /events} without a source filter. The token
 * scoped to one source never gets another source's event, though the unscoped one sees the failures everywhere.
 */
class DemoAccessControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String SCOPED = "dashboard-token-0123456789abcdef";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    @Test
    void aTokenScopedToOneSourceReadsOnlyThatSourceOverARunWithFailuresOnSeveralSources() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("dashboard.token"), SCOPED + "\n");
        Settings settings = Settings.of(Map.of("demo.data-dir", dir.resolve("data").toString(), "demo.kafka-port", "0",
                "query.port", "0", "simulator.port", "0", "poller.active-interval", "1s", "simulator.failure-rate", "0",
                "query.auth-file", dir.resolve("auth.json").toString()));
        try (Demo demo = startWithAuthFile(settings, tokenFile)) {
            List<JobView> jobs = SimulatedJobs.oneJobPerSource(demo, 3);
            long scopedSource = jobs.get(0).sourceId();
            String api = "http://127.0.0.1:" + demo.httpPort().orElseThrow();
            for (JobView job : jobs) {
                SimulatedJobs.pin(demo, job, "{\"status\":\"DOING\"}");
            }
            for (JobView job : jobs) {
                String path = api + "/api/v1/mms/datasources/" + job.sourceId() + "/jobs/" + job.id();
                await().atMost(PATIENCE).until(() -> status(path, ADMIN) == 200);
            }

            List<String> scopedEvents = new CopyOnWriteArrayList<>();
            List<String> allEvents = new CopyOnWriteArrayList<>();
            List<InputStream> streams = new ArrayList<>();
            streams.add(stream(api + "/events", SCOPED, scopedEvents));
            streams.add(stream(api + "/events", ADMIN, allEvents));
            for (JobView job : jobs) {
                SimulatedJobs.pin(demo, job, "{\"status\":\"FAILED\"}");
            }

            await().atMost(PATIENCE).until(() -> sourcesOf(allEvents).size() >= 3 && sourcesOf(scopedEvents).contains(scopedSource));
            assertThat(sourcesOf(scopedEvents)).containsOnly(scopedSource);

            JobView other = jobs.get(1);
            String scopedJob = api + "/api/v1/mms/datasources/" + scopedSource + "/jobs/" + jobs.get(0).id();
            assertThat(status(scopedJob, SCOPED)).isEqualTo(200);
            assertThat(status(api + "/api/v1/mms/datasources/" + scopedSource + "/jobs?pageSize=5", SCOPED)).isEqualTo(200);
            // the summary follows the snapshots through a repartition: allowed, and there once it is computed
            await().atMost(PATIENCE).until(() -> status(api + "/api/v1/mms/datasources/" + scopedSource + "/summary", SCOPED) == 200);
            assertThat(status(api + "/api/v1/mms/datasources/" + other.sourceId() + "/jobs/" + other.id(), SCOPED)).isEqualTo(403);
            assertThat(status(api + "/api/v1/mms/datasources/" + other.sourceId() + "/jobs", SCOPED)).isEqualTo(403);
            assertThat(status(api + "/events?source=" + other.sourceId(), SCOPED)).isEqualTo(403);
            // the history of an object goes with the right to read it; the list across sources keeps the readable ones
            await().atMost(PATIENCE).until(() -> status(scopedJob + "/history", SCOPED) == 200);
            assertThat(status(api + "/api/v1/mms/datasources/" + other.sourceId() + "/jobs/" + other.id() + "/history", SCOPED))
                    .isEqualTo(403);
            assertThat(dataSourceIds(api + "/api/v1/mms/datasources", SCOPED)).containsExactly(scopedSource);
            assertThat(dataSourceIds(api + "/api/v1/mms/datasources?pageNum=1&pageSize=10", SCOPED)).containsExactly(scopedSource);
            assertThat(dataSourceIds(api + "/api/v1/mms/datasources", ADMIN)).hasSize(3).contains(scopedSource, other.sourceId());
            assertThat(status(scopedJob, "no-such-token-0123456789")).isEqualTo(401);
            assertThat(status(api + "/metrics", SCOPED)).isEqualTo(403);
            assertThat(status(api + "/metrics", ADMIN)).isEqualTo(200);
            for (InputStream stream : streams) {
                stream.close();
            }
            assertThat(fatal.get()).isNull();
        }
    }

    private Demo startWithAuthFile(Settings settings, Path tokenFile) throws Exception {
        Map<String, Object> all = Map.of("Version", "1", "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "*")));
        // the scoped token's source is only known once the simulator runs: write the file, start, then narrow it
        JSON.writeValue(dir.resolve("auth.json").toFile(), Map.of("tokens", List.of(
                Map.of("name", "admin", "token", ADMIN, "policy", all),
                Map.of("name", "dashboard", "tokenFile", tokenFile.getFileName().toString(), "policy", all))));
        Demo demo = Demo.start(settings, Clock.systemUTC(), fatal::set);
        try {
            narrow(demo, tokenFile, all);
            return demo;
        } catch (Exception | AssertionError e) {
            demo.close();
            throw e;
        }
    }

    private void narrow(Demo demo, Path tokenFile, Map<String, Object> all) throws Exception {
        long source = SimulatedJobs.oneJobPerSource(demo, 3).get(0).sourceId();
        // one source, and everything but the metrics: Deny wins over the Allow on *
        Map<String, Object> scoped = Map.of("Version", "1", "Statement", List.of(
                Map.of("Effect", "Allow", "Action", "*", "Resource", List.of("acs:odps:*:*:mmsdatasource/" + source, "acs:mmatracker:*")),
                Map.of("Effect", "Deny", "Action", "mmatracker:Metrics", "Resource", "*")));
        JSON.writeValue(dir.resolve("auth.json").toFile(), Map.of("tokens", List.of(
                Map.of("name", "admin", "token", ADMIN, "policy", all),
                Map.of("name", "dashboard", "tokenFile", tokenFile.getFileName().toString(), "policy", scoped))));
        // reloaded without a restart: the dashboard token loses the other sources
        String other = "http://127.0.0.1:" + demo.httpPort().orElseThrow() + "/api/v1/mms/datasources/"
                + SimulatedJobs.oneJobPerSource(demo, 3).get(1).sourceId() + "/summary";
        await().atMost(PATIENCE).until(() -> status(other, SCOPED) == 403);
    }



    private int status(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
        if (url.contains("/events")) {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The ids of ListMmsDataSources' items; {@code total} must count exactly those. */
    private List<Long> dataSourceIds(String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(response.body()).get("data");
        List<Long> ids = new ArrayList<>();
        data.get("objectList").forEach(item -> ids.add(item.get("id").asLong()));
        assertThat(data.get("total").asInt()).isEqualTo(ids.size());
        return ids;
    }

    /** Reads an event stream as the dashboard does (a streaming fetch with the token header), keeping each data line. */
    private InputStream stream(String url, String token, List<String> events) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        events.add(line.substring(5).strip());
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        }, "events-" + token.substring(0, 5));
        reader.setDaemon(true);
        reader.start();
        return response.body();
    }

    private static List<Long> sourcesOf(List<String> events) {
        return events.stream().map(data -> {
            try {
                JsonNode node = JSON.readTree(data);
                return node.get("sourceId").asLong();
            } catch (Exception e) {
                return -1L;
            }
        }).distinct().toList();
    }
}

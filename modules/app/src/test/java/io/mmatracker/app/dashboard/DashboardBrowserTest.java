package io.mmatracker.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.wiring.Demo;
import io.mmatracker.app.wiring.SimulatorSettings;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.simulator.fleet.Filters;
import io.mmatracker.simulator.fleet.Fleet;
import io.mmatracker.simulator.fleet.SourceView;
import io.mmatracker.testkit.FreePorts;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against the demo in
 * this JVM on free ports (embedded broker, simulator, poller, topology, query): the fleet shows every source; a job
 * forced to FAILED through {@code /_sim/} shows as an alert on the open page without a reload; the job's history lists
 * the change; the tables of a source with 100,000 of them page to the end; the page fits a phone's width; after a restart
 * of the tracker the open page reconnects to the event stream by itself. It saves
 * screenshots under {@code target/dashboard-screenshots/} and logs the first render time and the page's event-loop lag
 * while events arrive (figures, not assertions: the machine may be loaded).
 */
class DashboardBrowserTest extends HeadlessChromiumTest {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowserTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int LARGE_SOURCE_TABLES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    /** @param httpPort fixed for the test, so that the page's origin survives the tracker's restart */
    private Settings settings(int httpPort) {
        return Settings.of(Map.of("demo.data-dir", dir.resolve("data").toString(), "demo.kafka-port", "0",
                "query.port", Integer.toString(httpPort),
                "simulator.port", "0", "poller.active-interval", "1s", "poller.discovery-interval", "2s",
                // the large source's 100,000 tables are listed in 100 calls rather than 1,000
                "poller.page-size", "1000", "poller.requests-per-second", "200"));
    }

    @Test
    void theDashboardShowsTheFleetLiveAlertsHistoryPagesThroughALargeSourceAndOutlivesARestart() throws Exception {
        int httpPort = FreePorts.next();
        Demo demo = Demo.start(settings(httpPort), Clock.systemUTC(), fatal::set);
        try {
            String api = "http://127.0.0.1:" + demo.httpPort().orElseThrow();
            String[] job = SimulatorSettings.exampleJobKey(demo.simulator()).orElseThrow().split("/");
            String sourceId = job[0];
            String jobId = job[1];
            String key = sourceId + "/" + jobId;
            // the simulated job would finish on its own within seconds; keep it running until the test fails it
            pin(demo, sourceId, jobId, "{\"status\":\"DOING\"}");
            Demo first = demo;
            await().atMost(PATIENCE).until(() -> json(api + "/api/v1/mms/datasources/" + sourceId + "/jobs/" + jobId),
                    j -> j != null && "DOING".equals(j.at("/data/status").asText()));

            browser = startBrowser();
            try {
                follow(first, api, sourceId, jobId, key);

                // the tracker restarts on the same data directory and port: the open page reconnects by itself, resuming
                // after the last event it saw
                demo = null;
                first.close();
                await().atMost(PATIENCE).until(() -> !"live".equals(script("return document.getElementById('live').textContent")));
                long connects = ((Number) script("return mmaDashboard.stats.connects")).longValue();
                long events = ((Number) script("return mmaDashboard.stats.events")).longValue();
                demo = Demo.start(settings(httpPort), Clock.systemUTC(), fatal::set);
                await().atMost(PATIENCE).until(() -> ((Number) script("return mmaDashboard.stats.connects")).longValue() > connects
                        && "live".equals(script("return document.getElementById('live').textContent")));
                await().atMost(PATIENCE).until(() -> ((Number) script("return mmaDashboard.stats.events")).longValue() > events);
                assertThat(script("return window.__sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
                screenshot("after-restart");
            } catch (AssertionError | RuntimeException e) {
                screenshot("failure");
                LOG.error("the page when the test failed: {}\nits state: {}", script("return document.body.innerText"),
                        script("return JSON.stringify({stats: mmaDashboard.stats, sources: [...mmaDashboard.sources], errors: mmaDashboard.errors,"
                                + " last: mmaDashboard.lastEventId})"));
                throw e;
            }
            assertThat(fatal.get()).isNull();
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    private void follow(Demo demo, String api, String sourceId, String jobId, String key) throws Exception {
        browser.get(api + "/");
        script("window.__sameDocument = true");
        Set<String> sources = sourceIds(demo);
        assertThat(sources).hasSize(3);

        // Fleet: a card for every source the simulator has
        await().atMost(PATIENCE).until(() -> cardIds(), ids -> ids.equals(sources));
        Number firstRender = (Number) script("const m = performance.getEntriesByName('mma-fleet-rendered')[0]; return m ? m.startTime : -1");
        LOG.info("fleet of {} sources first rendered {} ms after navigation started", script("return document.body.dataset.fleetRendered"),
                Math.round(firstRender.doubleValue()));
        screenshot("fleet");

        // a FAILED job shows up on the open page, without a reload
        long failedAt = System.nanoTime();
        pin(demo, sourceId, jobId, "{\"status\":\"FAILED\"}");
        await().atMost(Duration.ofSeconds(15)).until(() ->
                !browser.findElements(By.cssSelector("#recent-alerts li[data-key='" + key + "'][data-state='FIRING']")).isEmpty());
        LOG.info("the JOB_FAILED alert appeared on the open page {} ms after the job was failed",
                Duration.ofNanos(System.nanoTime() - failedAt).toMillis());
        assertThat(script("return window.__sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("#recent-alerts li[data-key='" + key + "']")).getText()).contains("JOB_FAILED");
        screenshot("alert");

        // the job's history lists the change and the alert
        script("location.hash = '#/object/jobs/" + sourceId + "/" + jobId + "'");
        await().atMost(PATIENCE).until(() ->
                !browser.findElements(By.cssSelector("#history tr[data-event='status-change'][data-to-status='FAILED']")).isEmpty()
                        && !browser.findElements(By.cssSelector("#history tr[data-event='alert'][data-to-status='FAILED']")).isEmpty());
        assertThat(browser.findElement(By.id("object-json")).getText()).contains("\"id\": " + jobId);
        screenshot("history");

        // while the page is open, a fourth source with 100,000 tables and no jobs (none of its tables moves while the test
        // pages through them); added only now, so that its 100,000 snapshots do not queue before the failed job's
        long large = demo.simulator().fleet().addSource(new Fleet.NewSource("large_source", null, null, LARGE_SOURCE_TABLES, 0));
        script("location.hash = '#/'");
        Set<String> all = sourceIds(demo);
        assertThat(all).hasSize(4);
        await().atMost(PATIENCE).until(() -> cardIds(), ids -> ids.equals(all));

        // the tables of the large source page to the end
        String tables = api + "/api/v1/mms/datasources/" + large + "/tables?pageSize=1";
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .until(() -> json(tables), j -> j != null && j.at("/data/total").asLong() == LARGE_SOURCE_TABLES);
        script("location.hash = '#/source/" + large + "'");
        awaitPage(1);
        assertThat(browser.findElement(By.id("tables-total")).getAttribute("data-total")).isEqualTo(Integer.toString(LARGE_SOURCE_TABLES));
        assertThat(browser.findElement(By.id("tables-pages")).getText()).isEqualTo("of 2,000");
        List<String> firstPage = rowKeys();
        assertThat(firstPage).hasSize(50);
        browser.findElement(By.id("tables-next")).click();
        awaitPage(2);
        assertThat(rowKeys()).hasSize(50).doesNotContainAnyElementsOf(firstPage);
        browser.findElement(By.id("tables-last")).click();
        awaitPage(2000);
        List<String> lastPage = rowKeys();
        assertThat(lastPage).hasSize(50);
        assertThat(browser.findElement(By.id("tables-next")).isEnabled()).isFalse();
        screenshot("large-source");

        // filtering by a status: every row shown has it
        String status = (String) script("return document.querySelector('#tables tbody tr[data-status]').dataset.status");
        browser.findElement(By.cssSelector("#tables-status option[value='" + status + "']")).click();
        awaitPage(1);
        List<String> shown = strings("return [...document.querySelectorAll('#tables tbody tr[data-status]')].map(e => e.dataset.status)",
                java.util.ArrayList::new);
        assertThat(shown).isNotEmpty().containsOnly(status);

        measureEventLoad(demo, sourceId);

        // a phone's width: no sideways scrolling
        script("location.hash = '#/'");
        browser.manage().window().setSize(new Dimension(390, 844));
        await().atMost(PATIENCE).until(() -> cardIds(), ids -> ids.equals(all));
        assertThat(((Number) script("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(((Number) script("return window.innerWidth")).intValue());
        screenshot("phone");
    }

    /**
     * Sends 1,000 status changes in 20 s (3,000 a minute, three times the target) straight to the status-change topic while
     * the page shows the source they belong to, and logs how late the page's timers ran meanwhile.
     */
    private void measureEventLoad(Demo demo, String sourceId) throws InterruptedException, IOException {
        script("location.hash = '#/source/" + sourceId + "'");
        script("window.__lag = {max: 0, sum: 0, n: 0}; let last = performance.now();"
                + "window.__probe = setInterval(() => { const now = performance.now(); const lag = Math.max(0, now - last - 100);"
                + " __lag.max = Math.max(__lag.max, lag); __lag.sum += lag; __lag.n++; last = now; }, 100);");
        long eventsBefore = ((Number) script("return window.mmaDashboard.stats.events")).longValue();
        int events = 1000;
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, StatusChange> producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerde<>(StatusChange.class).serializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long objectId = 900_000 + i % 50;
                String objectKey = sourceId + "/" + objectId;
                producer.send(new ProducerRecord<>(demo.kafka().topics().statusChanges(), objectKey, StatusChange.newBuilder()
                        .setKind(ObjectKind.JOB).setKey(objectKey).setSourceId(Long.parseLong(sourceId)).setObjectId(objectId)
                        .setName("load_" + objectId).setChangeType(ChangeType.PROGRESS).setFromStatus("DOING").setToStatus("DOING")
                        .setToProgress(Map.of("taskDone", (long) i, "taskNum", 1000L)).setObservedAt(Instant.now()).build()));
                long due = start + Duration.ofMillis(20L * i).toNanos();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the load, not waiting for a result
                }
            }
        }
        await().atMost(PATIENCE).until(() -> ((Number) script("return window.mmaDashboard.stats.events")).longValue() - eventsBefore >= events);
        @SuppressWarnings("unchecked")
        Map<String, Object> lag = (Map<String, Object>) script("clearInterval(window.__probe); return window.__lag");
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) script("return window.mmaDashboard.stats");
        double mean = ((Number) lag.get("sum")).doubleValue() / Math.max(1, ((Number) lag.get("n")).longValue());
        LOG.info("{} events in 20 s on the open source page: timer lag mean {} ms, max {} ms; flushes {}, slowest flush {} ms",
                events, Math.round(mean), Math.round(((Number) lag.get("max")).doubleValue()), stats.get("flushes"),
                Math.round(((Number) stats.get("maxFlushMs")).doubleValue()));
        screenshot("under-load");
    }

    private static Set<String> sourceIds(Demo demo) {
        return demo.simulator().fleet().listSources(Filters.SourceFilter.NONE, 0, 100, false, true).items().stream()
                .map(SourceView::id).map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Read in the page in one go: the fleet re-renders every few seconds, so element handles go stale. */
    private Set<String> cardIds() {
        return strings("return [...document.querySelectorAll('#fleet article[data-source-id]')].map(e => e.dataset.sourceId)", TreeSet::new);
    }

    private <C extends java.util.Collection<String>> C strings(String js, java.util.function.Supplier<C> collection) {
        return ((List<?>) script(js)).stream().map(String::valueOf).collect(Collectors.toCollection(collection));
    }

    private void awaitPage(int page) {
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#tables .table-wrap[data-page='" + page + "']")).size() == 1);
    }

    private List<String> rowKeys() {
        return strings("return [...document.querySelectorAll('#tables tbody tr[data-key]')].map(e => e.dataset.key)", java.util.ArrayList::new);
    }

    private void pin(Demo demo, String sourceId, String jobId, String fields) throws IOException, InterruptedException {
        HttpResponse<String> pinned = http.send(HttpRequest.newBuilder(URI.create(demo.simulatorUrl()
                        + "/_sim/datasources/" + sourceId + "/jobs/" + jobId))
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
    }

    private JsonNode json(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }
}

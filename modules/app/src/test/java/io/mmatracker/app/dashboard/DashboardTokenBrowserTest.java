package io.mmatracker.app.dashboard;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.wiring.Demo;
import io.mmatracker.app.wiring.SimulatedJobs;
import io.mmatracker.simulator.fleet.JobView;

/**
 * The dashboard in headless Chromium against the demo with an auth file (issue 15: "the dashboard works with a token"):
 * opened without a token, the page shows its token prompt (the API answered 401); with a token scoped to one source
 * entered there, the fleet shows that source alone, a job of it forced to FAILED shows as an alert on the open page,
 * and a job of another source forced to FAILED (before it) never reaches the page.
 */
class DashboardTokenBrowserTest extends HeadlessChromiumTest {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardTokenBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String SCOPED = "dashboard-token-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    @Test
    void aTokenEnteredAtThePromptShowsItsOneSourceAndItsAlertsAndNothingOfAnotherSource() throws Exception {
        Path authFile = dir.resolve("auth.json");
        writeAuthFile(authFile, null);
        Settings settings = Settings.of(Map.of("demo.data-dir", dir.resolve("data").toString(), "demo.kafka-port", "0",
                "query.port", "0", "simulator.port", "0", "poller.active-interval", "1s", "simulator.failure-rate", "0",
                "query.auth-file", authFile.toString()));
        try (Demo demo = Demo.start(settings, Clock.systemUTC(), fatal::set)) {
            String api = "http://127.0.0.1:" + demo.httpPort().orElseThrow();
            List<JobView> jobs = SimulatedJobs.oneJobPerSource(demo, 3);
            JobView mine = jobs.get(0);
            JobView other = jobs.get(1);
            String mineKey = mine.sourceId() + "/" + mine.id();
            // the source is known only once the simulator runs: the reloaded file scopes the token to it
            writeAuthFile(authFile, mine.sourceId());
            await().atMost(PATIENCE).until(() -> dataSourceIds(api, SCOPED), ids -> List.of(mine.sourceId()).equals(ids));
            // both jobs running (the simulated ones would finish on their own) and tracked, so FAILED is a transition
            for (JobView job : jobs) {
                SimulatedJobs.pin(demo, job, "{\"status\":\"DOING\"}");
            }
            for (JobView job : jobs) {
                await().atMost(PATIENCE).until(() -> jobStatus(api, job), "DOING"::equals);
            }

            browser = startBrowser();
            try {
                browser.get(api + "/");
                // the fleet's list and the event stream both answered 401
                await().atMost(PATIENCE).until(() -> browser.findElement(By.id("token-prompt")).isDisplayed()
                        && "needs token".equals(script("return document.getElementById('live').textContent")));
                assertThat(browser.findElement(By.id("token-reason")).getText()).contains("401");
                screenshot("token-prompt");
                browser.findElement(By.id("token-input")).sendKeys(SCOPED);
                browser.findElement(By.cssSelector("#token-form button[type='submit']")).click();
                assertThat(browser.findElement(By.id("token-prompt")).isDisplayed()).isFalse();
                await().atMost(PATIENCE).until(() -> "live".equals(script("return document.getElementById('live').textContent"))
                        && List.of(String.valueOf(mine.sourceId())).equals(script(
                                "return [...document.querySelectorAll('#fleet article[data-source-id]')].map(e => e.dataset.sourceId)")));

                // the other source's job fails first: had its alert leaked, it would be on the page before this source's
                SimulatedJobs.pin(demo, other, "{\"status\":\"FAILED\"}");
                await().atMost(PATIENCE).until(() -> jobStatus(api, other), "FAILED"::equals);
                long failedAt = System.nanoTime();
                SimulatedJobs.pin(demo, mine, "{\"status\":\"FAILED\"}");
                await().atMost(PATIENCE).until(() -> !browser.findElements(
                        By.cssSelector("#recent-alerts li[data-key='" + mineKey + "'][data-state='FIRING']")).isEmpty());
                LOG.info("the scoped source's JOB_FAILED alert appeared on the open page {} ms after the job was failed",
                        Duration.ofNanos(System.nanoTime() - failedAt).toMillis());
                assertThat(browser.findElement(By.cssSelector("#recent-alerts li[data-key='" + mineKey + "']")).getText())
                        .contains("JOB_FAILED");
                screenshot("token-scoped-alert");
                // nothing of the other source on the page, now nor a while later (the probe does see the scoped source's)
                assertThat(foreignRecords(String.valueOf(mine.sourceId()))).isNotEmpty();
                String otherSource = String.valueOf(other.sourceId());
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() -> foreignRecords(otherSource), List::isEmpty);
                assertThat(browser.findElements(By.cssSelector("#recent-alerts li[data-key^='" + otherSource + "/']"))).isEmpty();
            } catch (AssertionError | RuntimeException e) {
                screenshot("token-failure");
                LOG.error("the page when the test failed: {}\nits state: {}", script("return document.body.innerText"),
                        script("return JSON.stringify({stats: mmaDashboard.stats, sources: [...mmaDashboard.sources],"
                                + " alerts: [...mmaDashboard.alerts.values()], errors: mmaDashboard.errors})"));
                throw e;
            }
            assertThat(fatal.get()).isNull();
        }
    }

    /** An admin token that may do anything and, once the source is known, a dashboard token scoped to it. */
    private static void writeAuthFile(Path file, Long source) throws Exception {
        List<Map<String, Object>> tokens = new ArrayList<>();
        tokens.add(Map.of("name", "admin", "token", ADMIN, "policy", policy("*")));
        if (source != null) {
            tokens.add(Map.of("name", "dashboard", "token", SCOPED,
                    "policy", policy(List.of("acs:odps:*:*:mmsdatasource/" + source, "acs:mmatracker:*"))));
        }
        JSON.writeValue(file.toFile(), Map.of("tokens", tokens));
    }

    private static Map<String, Object> policy(Object resource) {
        return Map.of("Version", "1", "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", resource)));
    }

    /** The page's events, sources and alerts that belong to the given source, as text. */
    private List<?> foreignRecords(String source) {
        return (List<?>) script("const s = arguments[0];"
                + " return [...mmaDashboard.events.map(e => e.record), ...mmaDashboard.alerts.values()]"
                + ".filter(r => String(r.sourceId) === s).map(r => JSON.stringify(r))"
                + ".concat(mmaDashboard.sources.has(s) ? ['source ' + s] : [])", source);
    }



    private JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private String jobStatus(String api, JobView job) throws Exception {
        JsonNode answer = get(api + "/api/v1/mms/datasources/" + job.sourceId() + "/jobs/" + job.id(), ADMIN);
        return answer == null ? null : answer.at("/data/status").asText();
    }

    private List<Long> dataSourceIds(String api, String token) throws Exception {
        JsonNode answer = get(api + "/api/v1/mms/datasources", token);
        List<Long> ids = new ArrayList<>();
        if (answer != null) {
            answer.at("/data/objectList").forEach(item -> ids.add(item.get("id").asLong()));
        }
        return ids;
    }
}

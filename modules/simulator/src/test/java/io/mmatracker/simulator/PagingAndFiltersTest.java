package io.mmatracker.simulator;

import static io.mmatracker.simulator.EvolutionTest.all;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import io.mmatracker.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lists page like MMA's ({@code total/pageNum/pageSize/objectList}) and filter as documented. */
class PagingAndFiltersTest {

    private static final String API = "/api/v1/mms/datasources";
    private static final String TABLES = API + "/2000001/tables";

    private static Simulator sim;
    private static TestHttp http;
    private static List<JsonNode> allTables;

    @BeforeAll
    static void start() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(3, 4, 25).withFailureRate(0.5),
            clock);
        http = new TestHttp(sim.baseUrl());
        clock.advance(Duration.ofMinutes(2));
        allTables = all(http, TABLES);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void pagesCoverTheListOnceAndEchoTheirPaging() {
        Set<Long> seen = new HashSet<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode data = http.get(TABLES + "?pageSize=10&pageNum=" + page).data();
            assertThat(data.get("total").asInt()).isEqualTo(25);
            assertThat(data.get("pageNum").asInt()).isEqualTo(page);
            assertThat(data.get("pageSize").asInt()).isEqualTo(10);
            assertThat(data.get("objectList")).hasSize(page < 3 ? 10 : 5);
            data.get("objectList").forEach(t -> seen.add(t.get("id").asLong()));
        }
        assertThat(seen).hasSize(25);
        JsonNode beyond = http.get(TABLES + "?pageSize=10&pageNum=4").data();
        assertThat(beyond.get("objectList")).isEmpty();
        assertThat(beyond.get("total").asInt()).isEqualTo(25);
        assertThat(http.get(TABLES).data().get("objectList")).hasSize(10);
    }

    @Test
    void dataSourcesWithoutPagingAreAllOfThem() {
        JsonNode all = http.get(API).data();
        assertThat(all.get("objectList")).hasSize(3);
        JsonNode second = http.get(API + "?pageSize=1&pageNum=2").data();
        assertThat(second.get("total").asInt()).isEqualTo(3);
        assertThat(second.get("objectList").get(0).get("id").asLong()).isEqualTo(2000002);
        assertThat(http.get(API + "?type=BIGQUERY").data().get("objectList")).hasSize(1);
        assertThat(http.get(API + "?name=maxcompute").data().get("total").asInt()).isEqualTo(1);
        String region = all.get("objectList").get(0).get("region").asText();
        assertThat(http.get(API + "?region=" + region).data().get("objectList"))
            .allSatisfy(s -> assertThat(s.get("region").asText()).isEqualTo(region));
    }

    @Test
    void tableStatusFiltersAcceptOneValueAListAndJson() {
        Set<String> present = allTables.stream().map(t -> t.get("status").asText()).collect(Collectors.toSet());
        assertThat(present.size()).isGreaterThan(1);
        for (String status : present) {
            assertThat(ids(all(http, TABLES + "?status=" + status))).isEqualTo(ids(match(t -> status(t, status))));
        }
        String json = URLEncoder.encode("[\"DONE\",\"FAILED\"]", StandardCharsets.UTF_8);
        Set<Long> doneOrFailed = ids(match(t -> status(t, "DONE") || status(t, "FAILED")));
        assertThat(ids(all(http, TABLES + "?status=" + json))).isEqualTo(doneOrFailed);
        assertThat(ids(all(http, TABLES + "?status=DONE,FAILED"))).isEqualTo(doneOrFailed);
        assertThat(ids(all(http, TABLES + "?status=DONE&status=FAILED"))).isEqualTo(doneOrFailed);
    }

    @Test
    void tableFiltersByNameDatabaseAndFacts() {
        JsonNode first = allTables.get(0);
        String name = first.get("name").asText();
        assertThat(ids(all(http, TABLES + "?name=" + name))).containsExactly(first.get("id").asLong());
        long dbId = first.get("dbId").asLong();
        assertThat(ids(all(http, TABLES + "?dbId=" + dbId))).isEqualTo(ids(match(t -> t.get("dbId").asLong() == dbId)));
        String db = first.get("dbName").asText();
        assertThat(ids(all(http, TABLES + "?dbName=" + db))).isEqualTo(ids(match(t -> t.get("dbName").asText()
            .contains(db))));
        assertThat(ids(all(http, TABLES + "?hasPartitions=false")))
            .isEqualTo(ids(match(t -> !t.get("hasPartitions").asBoolean())));
        String ddl = first.get("lastDdlTime").asText();
        String encoded = URLEncoder.encode(ddl, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(ids(all(http, TABLES + "?lastDdlTimeStart=" + encoded + "&lastDdlTimeEnd=" + encoded)))
            .contains(first.get("id").asLong())
            .isEqualTo(ids(match(t -> t.get("lastDdlTime").asText().equals(ddl))));
        assertThat(all(http, TABLES + "?type=EXTERNAL_TABLE"))
            .allSatisfy(t -> assertThat(t.get("type").asText()).isEqualTo("EXTERNAL_TABLE"));
        assertThat(all(http, TABLES + "?dstProjectName=mms_target_1")).hasSize(25);
        assertThat(all(http, TABLES + "?dstProjectName=elsewhere")).isEmpty();
    }

    @Test
    void jobFiltersByStatusStoppedAndNames() {
        List<JsonNode> jobs = all(http, API + "/2000001/jobs");
        assertThat(jobs).isNotEmpty();
        for (String status : List.of("INIT", "DOING", "DONE", "FAILED")) {
            assertThat(ids(all(http, API + "/2000001/jobs?status=" + status)))
                .isEqualTo(ids(jobs.stream().filter(j -> status(j, status)).toList()));
        }
        JsonNode running = jobs.stream().filter(j -> status(j, "DOING") || status(j, "INIT")).findFirst()
            .orElseThrow();
        long job = running.get("id").asLong();
        http.post(API + "/2000001/jobs/" + job + "/stop", "");
        assertThat(ids(all(http, API + "/2000001/jobs?stopped=1"))).containsExactly(job);
        assertThat(ids(all(http, API + "/2000001/jobs?stopped=true"))).containsExactly(job);
        assertThat(ids(all(http, API + "/2000001/jobs?stopped=0"))).hasSize(jobs.size() - 1).doesNotContain(job);
        http.post(API + "/2000001/jobs/" + job + "/start", "");
        assertThat(all(http, API + "/2000001/jobs?stopped=1")).isEmpty();
        String db = running.get("srcDbName").asText();
        assertThat(ids(all(http, API + "/2000001/jobs?srcDbName=" + db))).containsExactly(job);
        assertThat(ids(all(http, API + "/2000001/jobs?name=migrate_"))).hasSize(jobs.size());
        String table = allTables.stream().filter(t -> t.get("dbName").asText().equals(db)).findFirst().orElseThrow()
            .get("name").asText();
        // table names repeat across databases
        assertThat(ids(all(http, API + "/2000001/jobs?srcTableName=" + table))).contains(job);
        assertThat(ids(all(http, API + "/2000001/jobs?srcDbName=" + db + "&srcTableName=" + table)))
            .containsExactly(job);
    }

    @Test
    void taskFiltersByJobStatusAndTable() {
        List<JsonNode> tasks = all(http, API + "/2000001/tasks");
        JsonNode job = http.get(API + "/2000001/jobs?pageSize=1").data().get("objectList").get(0);
        long jobId = job.get("id").asLong();
        List<JsonNode> ofJob = all(http, API + "/2000001/tasks?jobId=" + jobId);
        assertThat(ofJob).hasSize(job.get("taskNum").asInt())
            .allSatisfy(t -> assertThat(t.get("jobId").asLong()).isEqualTo(jobId));
        for (String status : tasks.stream().map(t -> t.get("status").asText()).collect(Collectors.toSet())) {
            assertThat(ids(all(http, API + "/2000001/tasks?status=" + status)))
                .isEqualTo(ids(tasks.stream().filter(t -> status(t, status)).toList()));
        }
        JsonNode one = tasks.get(0);
        assertThat(ids(all(http, API + "/2000001/tasks?srcTableName=" + one.get("srcTableName").asText()
            + "&srcDbName=" + one.get("srcDbName").asText()))).containsExactly(one.get("id").asLong());
        assertThat(all(http, API + "/2000001/tasks?jobName=" + job.get("name").asText())).hasSize(ofJob.size());
    }

    private static boolean status(JsonNode o, String status) {
        return o.get("status").asText().equals(status);
    }

    private static List<JsonNode> match(Predicate<JsonNode> p) {
        return allTables.stream().filter(p).toList();
    }

    private static Set<Long> ids(List<JsonNode> items) {
        return items.stream().map(i -> i.get("id").asLong()).collect(Collectors.toSet());
    }
}

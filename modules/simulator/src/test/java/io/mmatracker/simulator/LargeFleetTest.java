package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import io.mmatracker.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * A fleet of a million tables builds and serves pages inside the test JVM's 1 GiB heap, because no table has an
 * object of its own: the heap it adds is measured after a full collection and printed.
 */
class LargeFleetTest {

    private static final String API = "/api/v1/mms/datasources";
    private static final long MB = 1024 * 1024;

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void hundredSourcesTenThousandJobsAMillionTables() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        long before = usedHeapAfterGc();
        long t0 = System.nanoTime();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(100, 100, 10_000),
            clock)) {
            long built = (System.nanoTime() - t0) / 1_000_000;
            long heap = usedHeapAfterGc() - before;
            System.out.printf("large fleet: 100 sources x 100 jobs x 10000 tables built in %d ms, heap %.1f MB%n",
                built, heap / (double) MB);
            assertThat(heap).isLessThan(64 * MB);
            assertThat(sim.fleet().totalTables()).isEqualTo(1_000_000);
            clock.advance(Duration.ofMinutes(3));
            TestHttp http = new TestHttp(sim.baseUrl());

            long t1 = System.nanoTime();
            JsonNode sources = http.get(API).data();
            System.out.printf("large fleet: ListMmsDataSources over 1,000,000 tables in %d ms%n",
                (System.nanoTime() - t1) / 1_000_000);
            assertThat(sources.get("total").asInt()).isEqualTo(100);
            long tables = 0;
            for (JsonNode s : sources.get("objectList")) {
                tables += s.get("tableNum").asLong();
            }
            assertThat(tables).isEqualTo(1_000_000);

            String last = API + "/2000100";
            JsonNode lastPage = http.get(last + "/tables?pageSize=1000&pageNum=10").data();
            assertThat(lastPage.get("objectList")).hasSize(1000);
            long lastTable = lastPage.get("objectList").get(999).get("id").asLong();
            assertThat(http.get(last + "/tables/" + lastTable).data().get("id").asLong()).isEqualTo(lastTable);
            assertThat(http.get(last + "/jobs?pageSize=100").data().get("total").asInt()).isEqualTo(100);
            JsonNode tasks = http.get(last + "/tasks?pageSize=100&pageNum=100").data();
            assertThat(tasks.get("total").asInt()).isEqualTo(10_000);
            long lastTask = tasks.get("objectList").get(99).get("id").asLong();
            assertThat(http.get(last + "/tasks/" + lastTask).status()).isEqualTo(200);
            assertThat(http.get(last + "/jobs/" + sources.get("objectList").size()).status()).isEqualTo(404);
        }
    }

    @Test
    void oneSourceWithAMillionTables() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        long before = usedHeapAfterGc();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(1, 100, 1_000_000),
            clock)) {
            long heap = usedHeapAfterGc() - before;
            System.out.printf("large fleet: 1 source x 100 jobs x 1000000 tables, heap %.1f MB%n",
                heap / (double) MB);
            assertThat(heap).isLessThan(64 * MB);
            clock.advance(Duration.ofMinutes(60));
            TestHttp http = new TestHttp(sim.baseUrl());
            long t0 = System.nanoTime();
            JsonNode source = http.get(API + "/2000001").data();
            System.out.printf("large fleet: GetMmsDataSource counting 1,000,000 tables in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
            assertThat(source.get("tableNum").asInt()).isEqualTo(1_000_000);
            long counted = source.get("tablesDoingNum").asLong() + source.get("tablesDoneNum").asLong()
                + source.get("tablesPartDoneNum").asLong() + source.get("tablesFailedNum").asLong();
            assertThat(counted).isPositive();

            JsonNode end = http.get(API + "/2000001/tables?pageSize=1000&pageNum=1000").data();
            assertThat(end.get("total").asInt()).isEqualTo(1_000_000);
            assertThat(end.get("objectList")).hasSize(1000);
            assertThat(http.get(API + "/2000001/tables?pageSize=1000&pageNum=1001").data().get("objectList"))
                .isEmpty();

            t0 = System.nanoTime();
            JsonNode doing = http.get(API + "/2000001/tables?pageSize=5&status=%5B%22DOING%22%5D").data();
            System.out.printf("large fleet: ListMmsTables status filter over 1,000,000 tables in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
            assertThat(doing.get("total").asLong()).isEqualTo(source.get("tablesDoingNum").asLong());
        }
    }

    /** The fleet the poll-cost measurement of issue 13 uses: 5 sources x 20 jobs x 2,000 tasks. */
    @Test
    void tasksOfTwentyJobsOfTwoThousandTasksListedByJobAndStatus() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(5, 20, 40_000),
            clock)) {
            clock.advance(Duration.ofMinutes(90));
            TestHttp http = new TestHttp(sim.baseUrl());
            String source = API + "/2000003";
            JsonNode jobs = http.get(source + "/jobs?pageSize=20").data().get("objectList");
            assertThat(jobs).hasSize(20);
            List<String> statuses = List.of("INIT", "SCHEMA_DOING", "SCHEMA_DONE", "SCHEMA_FAILED", "DATA_DOING",
                "DATA_DONE", "DATA_FAILED", "VERIFICATION_DOING", "VERIFICATION_DONE", "VERIFICATION_FAILED", "DONE");
            long t0 = System.nanoTime();
            int requests = 0;
            for (JsonNode job : jobs) {
                long total = 0;
                for (String status : statuses) {
                    total += http.get(source + "/tasks?pageSize=100&jobId=" + job.get("id").asLong() + "&status="
                        + status).data().get("total").asLong();
                    requests++;
                }
                assertThat(total).as("every task of job %s has one status", job.get("id")).isEqualTo(2_000);
                assertThat(job.get("taskNum").asInt()).isEqualTo(2_000);
            }
            System.out.printf("large fleet: %d ListMmsTasks by job and status over 20 jobs x 2,000 tasks in %d ms%n",
                requests, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}

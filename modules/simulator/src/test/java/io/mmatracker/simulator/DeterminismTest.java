package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmatracker.testkit.MutableClock;
import io.mmatracker.simulator.fault.FaultConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same seed, clock and requests give byte-identical answers, faults included. */
class DeterminismTest {

    private static final List<String> PATHS = List.of(
        "/api/v1/mms/datasources",
        "/api/v1/mms/datasources/2000002?withConfig=true",
        "/api/v1/mms/datasources/2000001/jobs?pageSize=50",
        "/api/v1/mms/datasources/2000003/tables?pageSize=50&pageNum=2",
        "/api/v1/mms/datasources/2000001/tasks?pageSize=50",
        "/api/v1/mms/datasources/2000001/jobs/10001",
        "/api/v1/mms/datasources/2000001/jobs/424242");

    private static List<String> session(long seed, FaultConfig faults) {
        MutableClock clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        List<String> answers = new ArrayList<>();
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withSeed(seed).withFaults(faults)
            .withFleet(3, 5, 120);
        try (Simulator sim = Simulator.start(config, clock)) {
            TestHttp http = new TestHttp(sim.baseUrl());
            for (int round = 0; round < 3; round++) {
                for (String path : PATHS) {
                    TestHttp.Answer a = http.get(path);
                    answers.add(a.status() + " " + a.body());
                }
                answers.add(http.post("/api/v1/mms/datasources/2000001/scans", "{}").body());
                clock.advance(Duration.ofMinutes(1));
            }
        }
        return answers;
    }

    @Test
    void sameSeedSameAnswers() {
        assertSame(session(7, FaultConfig.NONE), session(7, FaultConfig.NONE));
    }

    private static void assertSame(List<String> a, List<String> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).equals(b.get(i))).as("answer %d differs: %.300s", i, a.get(i)).isTrue();
        }
    }

    @Test
    void anotherSeedAnotherFleet() {
        List<String> a = session(7, FaultConfig.NONE);
        List<String> b = session(8, FaultConfig.NONE);
        assertThat(a.get(0)).isNotEqualTo(b.get(0));
        assertThat(a.get(3)).isNotEqualTo(b.get(3));
    }

    @Test
    void faultsFallOnTheSameRequestsForTheSameSeed() {
        FaultConfig faults = FaultConfig.NONE.withThrottling(0.3, 0).withServerErrors(0.2, 0).withMalformedRate(0.1);
        List<String> first = session(7, faults);
        assertSame(first, session(7, faults));
        assertThat(first).anyMatch(s -> s.startsWith("400 ") || s.startsWith("429 "))
            .anyMatch(s -> s.startsWith("500 ") || s.startsWith("503 "))
            .anyMatch(s -> s.startsWith("200 "));
    }
}

package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmatracker.simulator.fault.FaultConfig;
import io.mmatracker.simulator.stats.Outcome;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults set at start or at run time hit MMA operations (never admin controls) as configured. */
class FaultInjectionTest {

    private static final String JOBS = "/api/v1/mms/datasources/2000001/jobs";

    private Simulator sim;
    private TestHttp http;

    @BeforeEach
    void start() {
        sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(2, 2, 10), Clock.systemUTC());
        http = new TestHttp(sim.baseUrl());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void throttlingAnswersThrottlingUserAs400OrAs429() {
        sim.faults().set(FaultConfig.NONE.withThrottling(1.0, 400));
        TestHttp.Answer a = http.get(JOBS);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("Code").asText()).isEqualTo("Throttling.User");
        assertThat(a.json().get("Message").asText()).isEqualTo("Request was denied due to user flow control.");

        sim.faults().set(FaultConfig.NONE.withThrottling(1.0, 429));
        assertThat(http.get(JOBS).status()).isEqualTo(429);

        sim.faults().set(FaultConfig.NONE.withThrottling(1.0, 0));
        assertThat(statuses(20)).containsOnlyKeys(400, 429);
        assertThat(sim.stats().count("ListMmsJobs", Outcome.THROTTLED)).isEqualTo(22);
    }

    @Test
    void serverErrorsAre500InternalErrorOr503ServiceUnavailable() {
        sim.faults().set(FaultConfig.NONE.withServerErrors(1.0, 500));
        TestHttp.Answer a = http.get(JOBS);
        assertThat(a.status()).isEqualTo(500);
        assertThat(a.json().get("Code").asText()).isEqualTo("InternalError");

        sim.faults().set(FaultConfig.NONE.withServerErrors(1.0, 503));
        a = http.get(JOBS);
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.json().get("Code").asText()).isEqualTo("ServiceUnavailable");

        sim.faults().set(FaultConfig.NONE.withServerErrors(1.0, 0));
        assertThat(statuses(20)).containsOnlyKeys(500, 503);
        assertThat(sim.stats().count("ListMmsJobs", Outcome.SERVER_ERROR)).isEqualTo(22);
    }

    @Test
    void malformedAnswersAreTruncatedJson() {
        sim.faults().set(FaultConfig.NONE.withMalformedRate(1.0));
        TestHttp.Answer a = http.get(JOBS);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).startsWith("{\"requestId\":");
        assertThatThrownBy(a::json).isInstanceOf(AssertionError.class);
        assertThat(sim.stats().count("ListMmsJobs", Outcome.MALFORMED)).isEqualTo(1);
    }

    @Test
    void resetsDropTheConnectionWithoutAnswer() {
        sim.faults().set(FaultConfig.NONE.withResetRate(1.0));
        assertThatThrownBy(() -> http.post(JOBS + "/10001/start", "")).isInstanceOf(UncheckedIOException.class);
        assertThat(sim.stats().count("StartMmsJob", Outcome.RESET)).isEqualTo(1);
        assertThat(sim.stats().count("StartMmsJob", Outcome.OK)).isZero();
        sim.faults().clear();
        assertThat(http.get(JOBS).status()).isEqualTo(200);
    }

    @Test
    void latencyHoldsAnswersBack() {
        sim.faults().set(FaultConfig.NONE.withLatency(300, 0));
        long t0 = System.nanoTime();
        assertThat(http.get(JOBS).status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
        sim.faults().set(FaultConfig.NONE.withLatency(200, 0).withThrottling(1.0, 429));
        t0 = System.nanoTime();
        assertThat(http.post(JOBS + "/10001/start", "").status()).isEqualTo(429);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void ratesAreSharesOfRequestsAndOperationsNarrowThem() {
        sim.faults().set(FaultConfig.NONE.withServerErrors(0.3, 500).onlyFor(Set.of("ListMmsJobs")));
        Map<Integer, Integer> s = statuses(100);
        assertThat(s.get(500)).isBetween(15, 45);
        assertThat(s.get(200)).isBetween(55, 85);
        for (int i = 0; i < 10; i++) {
            assertThat(http.get("/api/v1/mms/datasources").status()).isEqualTo(200);
        }
    }

    @Test
    void faultsSetAtStartAndThroughTheAdminApi() {
        try (Simulator throttled = Simulator.start(SimulatorConfig.defaults().withPort(0)
            .withFaults(FaultConfig.NONE.withThrottling(1.0, 429)), Clock.systemUTC())) {
            assertThat(new TestHttp(throttled.baseUrl()).get(JOBS).status()).isEqualTo(429);
        }
        TestHttp.Answer put = http.put("/_sim/faults", """
            {"serverErrorRate":1.0,"serverErrorStatus":503,"operations":["GetMmsJob"]}""");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.data().get("serverErrorRate").asDouble()).isEqualTo(1.0);
        assertThat(sim.faults().current().operations()).containsExactly("GetMmsJob");
        assertThat(http.get(JOBS + "/10001").status()).isEqualTo(503);
        assertThat(http.get(JOBS).status()).isEqualTo(200);
        JsonNode current = http.get("/_sim/faults").data();
        assertThat(current.get("serverErrorStatus").asInt()).isEqualTo(503);
        assertThat(current.get("operations").get(0).asText()).isEqualTo("GetMmsJob");

        TestHttp.Answer bad = http.put("/_sim/faults", "{\"throttleRate\":2}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("Code").asText()).isEqualTo("InvalidParameter");
        assertThat(http.put("/_sim/faults", "{\"throttle\":0.5}").status()).isEqualTo(400);
        assertThat(http.put("/_sim/faults", "{\"operations\":[\"NoSuchOp\"]}").status()).isEqualTo(400);
        assertThat(sim.faults().current().serverErrorRate()).isEqualTo(1.0);
        assertThat(http.put("/_sim/faults", "{}").status()).isEqualTo(200);
        assertThat(sim.faults().current().isActive()).isFalse();
    }

    @Test
    void adminControlsAreNeverFaulted() {
        sim.faults().set(FaultConfig.NONE.withResetRate(1.0));
        assertThat(http.get("/_sim/stats").status()).isEqualTo(200);
        assertThat(http.get("/_sim/time").status()).isEqualTo(200);
    }

    private Map<Integer, Integer> statuses(int requests) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(http.get(JOBS).status(), 1, Integer::sum);
        }
        return counts;
    }
}

package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmatracker.simulator.fault.FaultConfig;
import io.mmatracker.simulator.stats.TransitionLog.Transition;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transition log holds what successful answers served, once per change, and nothing that was not served. */
class TransitionLogTest {

    private static final String JOBS = "/api/v1/mms/datasources/2000001/jobs";

    private Simulator sim;
    private TestHttp http;

    @BeforeEach
    void start() {
        sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(1, 3, 6), Clock.systemUTC());
        http = new TestHttp(sim.baseUrl());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void recordsEachServedStatusChangeOnceFromTheMomentItRecords() {
        http.get(JOBS);
        assertThat(sim.transitions().transitions()).as("not recording yet").isEmpty();

        sim.transitions().startRecording();
        http.get(JOBS);
        http.get(JOBS);
        List<Transition> first = sim.transitions().transitions();
        assertThat(first).isNotEmpty().allMatch(t -> t.kind().equals("JOB") && t.from() == null && t.key().startsWith("2000001/"));
        assertThat(first).extracting(Transition::key).doesNotHaveDuplicates();

        String job = first.get(0).key().substring("2000001/".length());
        TestHttp.Answer pinned = http.post("/_sim/datasources/2000001/jobs/" + job, "{\"status\":\"FAILED\"}");
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
        assertThat(sim.transitions().transitions()).as("an admin change is not served yet").hasSize(first.size());
        TestHttp.Answer got = http.get(JOBS + "/" + job);
        assertThat(got.body()).as("the job as served").contains("\"FAILED\"");
        assertThat(sim.transitions().transitions()).hasSize(first.size() + 1).last()
                .isEqualTo(new Transition("JOB", "2000001/" + job, first.get(0).to(), "FAILED",
                        sim.transitions().transitions().get(first.size()).servedAtMillis()));
    }

    @Test
    void anErrorAnswerServesNoStatus() {
        sim.transitions().startRecording();
        sim.faults().set(FaultConfig.NONE.withServerErrors(1.0, 500));
        assertThat(http.get(JOBS).status()).isEqualTo(500);
        assertThat(sim.transitions().transitions()).isEmpty();
    }
}

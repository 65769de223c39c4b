package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

    @Test
    void defaultsAreASmallLivelyDemo() {
        SimulatorConfig d = SimulatorConfig.defaults();
        assertThat(d.sources()).isEqualTo(3);
        assertThat(d.speed()).isEqualTo(60);
        assertThat(d.failureRate()).isEqualTo(0.1);
        assertThat(d.requiresSignature()).isFalse();
        assertThat(d.faults().isActive()).isFalse();
    }

    @Test
    void flagsOverrideDefaults() {
        SimulatorConfig c = SimulatorConfig.fromArgs(List.of("--port", "8091", "--seed=7", "--sources", "5",
            "--jobs-per-source", "2", "--tables-per-source", "100", "--speed", "3600", "--failure-rate", "0.5",
            "--throttle-rate", "0.2", "--throttle-status", "429", "--latency-ms", "50", "--fault-operations",
            "GetMmsJob,ListMmsJobs", "--host", "0.0.0.0"), Map.of());
        assertThat(c.port()).isEqualTo(8091);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.sources()).isEqualTo(5);
        assertThat(c.jobsPerSource()).isEqualTo(2);
        assertThat(c.tablesPerSource()).isEqualTo(100);
        assertThat(c.speed()).isEqualTo(3600);
        assertThat(c.failureRate()).isEqualTo(0.5);
        assertThat(c.faults().throttleRate()).isEqualTo(0.2);
        assertThat(c.faults().throttleStatus()).isEqualTo(429);
        assertThat(c.faults().latencyMillis()).isEqualTo(50);
        assertThat(c.faults().operations()).containsExactlyInAnyOrder("GetMmsJob", "ListMmsJobs");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(SimulatorConfig.FLAGS).containsKeys("--port", "--seed", "--sources", "--speed");
    }

    @Test
    void badFlagsAreNamedInTheMessage() {
        assertThatThrownBy(() -> SimulatorConfig.fromArgs(List.of("--speed", "fast"), Map.of()))
            .hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulatorConfig.fromArgs(List.of("--speed", "0"), Map.of()))
            .hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulatorConfig.fromArgs(List.of("--colour", "red"), Map.of()))
            .hasMessageContaining("unknown flag --colour");
        assertThatThrownBy(() -> SimulatorConfig.fromArgs(List.of("--port"), Map.of()))
            .hasMessageContaining("--port");
        assertThatThrownBy(() -> SimulatorConfig.fromArgs(List.of("--port", "70000"), Map.of()))
            .hasMessageContaining("--port");
        assertThatThrownBy(() -> SimulatorConfig.fromArgs(List.of("--throttle-rate", "0.8", "--reset-rate", "0.5"),
            Map.of())).hasMessageContaining("fault flags");
        assertThatThrownBy(() -> SimulatorConfig.fromArgs(List.of("--fault-operations", "Nope"), Map.of()))
            .hasMessageContaining("Nope");
        assertThatThrownBy(() -> SimulatorConfig.fromArgs(List.of("--access-key-id", "AK"), Map.of()))
            .hasMessageContaining("--access-key-secret");
    }

    @Test
    void theSecretComesFromTheEnvironmentAndIsNeverPrinted() {
        SimulatorConfig c = SimulatorConfig.fromArgs(List.of("--access-key-id", "LTAIsim"),
            Map.of(SimulatorConfig.SECRET_ENV, "s3cr3t-value"));
        assertThat(c.requiresSignature()).isTrue();
        assertThat(c.accessKeySecret()).isEqualTo("s3cr3t-value");
        assertThat(c.toString()).contains("LTAIsim").doesNotContain("s3cr3t-value");
        assertThat(SimulatorConfig.fromArgs(List.of(), Map.of(SimulatorConfig.SECRET_ENV, "x")).requiresSignature())
            .isFalse();
    }
}

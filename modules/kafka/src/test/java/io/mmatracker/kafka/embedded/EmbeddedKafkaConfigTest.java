package io.mmatracker.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {

    private final EmbeddedKafkaConfig defaults = EmbeddedKafkaConfig.defaults(Path.of("data"));

    @Test
    void defaultsToLoopbackFreePortsAndNoOverrides() {
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.brokerPort()).isZero();
        assertThat(defaults.controllerPort()).isZero();
        assertThat(defaults.extraProperties()).isEmpty();
        assertThat(defaults.startTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void extraPropertiesOverrideTheBrokerDefaultsButNotTheLayout() {
        EmbeddedKafkaConfig config = defaults.withProperty("log.cleaner.backoff.ms", "100")
                .withProperties(Map.of("num.partitions", "3"));

        var props = BrokerProperties.of(config, Path.of("/d"), 9092, 9093);

        assertThat(props).containsEntry("log.cleaner.backoff.ms", "100")
                .containsEntry("num.partitions", "3")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("log.cleaner.dedupe.buffer.size", "4194304")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("log.dirs", Path.of("/d/logs").toString())
                .containsEntry("metadata.log.dir", Path.of("/d/metadata").toString());
    }

    @Test
    void rejectsOverridesOfTheKeysItSetsItself() {
        assertThatThrownBy(() -> defaults.withProperty("log.dirs", "/elsewhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log.dirs is set by the embedded broker itself");
    }

    @Test
    void rejectsBadPortsAndHosts() {
        assertThatThrownBy(() -> defaults.withBrokerPort(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brokerPort must be 0");
        assertThatThrownBy(() -> defaults.withBrokerPort(9092).withControllerPort(9092))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
        assertThatThrownBy(() -> defaults.withHost("0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> defaults.withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeout");
    }

    @Test
    void bracketsIpv6Hosts() {
        assertThat(BrokerProperties.hostPort("::1", 9092)).isEqualTo("[::1]:9092");
    }
}

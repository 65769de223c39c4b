package io.mmatracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Choosing the broker, and what the fixture leaves behind when it is closed. */
class KafkaFixtureLifecycleTest {

    @Test
    void aRequestedModeWinsOverDockerDetection() {
        assertThat(KafkaFixture.chooseMode(Optional.of("embedded"), () -> true)).isEqualTo(KafkaFixture.Mode.EMBEDDED);
        assertThat(KafkaFixture.chooseMode(Optional.of(" TestContainers "), () -> false))
                .isEqualTo(KafkaFixture.Mode.TESTCONTAINERS);
    }

    @Test
    void withoutARequestDockerDecides() {
        assertThat(KafkaFixture.chooseMode(Optional.empty(), () -> true)).isEqualTo(KafkaFixture.Mode.TESTCONTAINERS);
        assertThat(KafkaFixture.chooseMode(Optional.of(""), () -> false)).isEqualTo(KafkaFixture.Mode.EMBEDDED);
    }

    @Test
    void anUnknownModeIsAClearError() {
        assertThatThrownBy(() -> KafkaFixture.chooseMode(Optional.of("docker"), () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mma.test.kafka must be embedded or testcontainers, was docker");
    }

    @Test
    void brokerPropertiesBecomeTheEnvironmentVariablesOfTheKafkaImage() {
        assertThat(KafkaFixture.environmentVariable("group.initial.rebalance.delay.ms"))
                .isEqualTo("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS");
        assertThat(KafkaFixture.environmentVariable("a_b-c.d")).isEqualTo("KAFKA_A__B___C_D");
    }

    @Test
    void closingStopsTheBrokerAndDeletesItsTemporaryDirectory() {
        KafkaFixture fixture = new KafkaFixture();
        Path stateDirectory;
        try (fixture) {
            fixture.start();
            stateDirectory = fixture.newTempDirectory("state-");
            assertThat(stateDirectory).isDirectory();
            assertThatThrownBy(() -> fixture.withBrokerProperty("log.cleaner.backoff.ms", "100"))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(fixture.isStarted()).isFalse();
        assertThat(stateDirectory.getParent()).doesNotExist();
        assertThatThrownBy(fixture::bootstrapServers).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
    }
}

package io.mmatracker.kafka.embedded;

import static io.mmatracker.kafka.embedded.TestClients.consumer;
import static io.mmatracker.kafka.embedded.TestClients.producer;
import static io.mmatracker.kafka.embedded.TestClients.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker keeps its data, cluster id and fixed port across restarts, and releases what it holds on close. */
class EmbeddedKafkaBrokerRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aRestartOnTheSameDataDirectoryAndFixedPortKeepsTheRecordsAndTheClusterId() throws IOException {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        int fixedPort = freePort();
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults(dataDirectory).withBrokerPort(fixedPort);
        String topic = "restart-" + System.nanoTime();

        String clusterId;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config).start()) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + fixedPort);
            clusterId = broker.clusterId();
            try (Producer<String, String> producer = producer(broker.bootstrapServers(), Map.of())) {
                send(producer, topic, "job-1", "RUNNING");
                send(producer, topic, "job-2", "SUCCEEDED");
            }
        }
        assertThat(dataDirectory.resolve("metadata/meta.properties")).exists();
        assertThat(dataDirectory.resolve("logs/meta.properties")).exists();
        assertThatCode(() -> new ServerSocket(fixedPort, 1, InetAddress.getByName("127.0.0.1")).close())
                .as("the fixed port is free again after close").doesNotThrowAnyException();

        try (EmbeddedKafkaBroker restarted = new EmbeddedKafkaBroker(config).start()) {
            assertThat(restarted.clusterId()).isEqualTo(clusterId);
            assertThat(restarted.bootstrapServers()).isEqualTo("127.0.0.1:" + fixedPort);
            try (Consumer<String, String> fresh = consumer(restarted.bootstrapServers(),
                    Map.of(ConsumerConfig.GROUP_ID_CONFIG, "fresh-group-" + System.nanoTime()))) {
                fresh.subscribe(List.of(topic));
                List<String> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    fresh.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.key() + "=" + r.value()));
                    return seen.size() >= 2;
                });
                assertThat(seen).containsExactly("job-1=RUNNING", "job-2=SUCCEEDED");
            }

            EmbeddedKafkaBroker intruder = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(dataDirectory));
            assertThatThrownBy(intruder::start).isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("is in use by another embedded broker");
            assertThat(intruder.isRunning()).isFalse();
            assertThat(restarted.isRunning()).isTrue();

        }

        // Kafka's Yammer metrics registry is static and keeps its daemon tick threads for the JVM's lifetime
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> assertThat(
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !threadsBefore.contains(t))
                        .filter(t -> !t.getName().startsWith("metrics-meter-tick-thread"))
                        .map(Thread::getName).collect(Collectors.toList()))
                .as("threads left behind by the broker").isEmpty());
    }

    @Test
    void aFixedPortInUseIsRefusedBeforeKafkaStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                    EmbeddedKafkaConfig.defaults(dataDirectory).withControllerPort(taken.getLocalPort()));
            assertThatThrownBy(broker::start).isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("controllerPort " + taken.getLocalPort() + " on 127.0.0.1 is not available");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

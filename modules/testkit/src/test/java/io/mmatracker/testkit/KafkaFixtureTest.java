package io.mmatracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture as a test class uses it: one broker for the class, unique names, ready client settings. */
class KafkaFixtureTest {

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    @Test
    void runsTheEmbeddedBrokerUnlessDockerIsThereOrTestcontainersIsRequested() {
        KafkaFixture.Mode expected = KafkaFixture.chooseMode(
                KafkaFixture.requestedMode(), KafkaFixture::isDockerAvailable);
        assertThat(KAFKA.mode()).isEqualTo(expected);
        if (expected == KafkaFixture.Mode.EMBEDDED) {
            assertThat(KAFKA.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        }
    }

    @Test
    void uniqueNamesDifferEvenForTheSamePrefix() {
        assertThat(KAFKA.uniqueName("jobs")).startsWith("jobs-").isNotEqualTo(KAFKA.uniqueName("jobs"));
    }

    @Test
    void aCreatedTopicCanBeProducedToAndConsumedFromWithTheFixturesProperties() throws Exception {
        String topic = KAFKA.createTopic(KAFKA.uniqueName("events"), 2, Map.of("cleanup.policy", "compact"));
        assertThat(KAFKA.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                .hasSize(2);

        try (Producer<String, String> producer = new KafkaProducer<>(KAFKA.producerProperties(),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "2000015/10", "RUNNING")).get();
        }
        try (Consumer<String, String> consumer = new KafkaConsumer<>(
                KAFKA.consumerProperties(KAFKA.uniqueName("group")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("2000015/10");
                assertThat(r.value()).isEqualTo("RUNNING");
            });
        }
    }

    @Test
    void streamsPropertiesPointAtTheBrokerAndAFreshStateDirectory() {
        Map<String, Object> streams = KAFKA.streamsProperties("app-1");

        assertThat(streams).containsEntry("bootstrap.servers", KAFKA.bootstrapServers())
                .containsEntry("application.id", "app-1");
        assertThat(java.nio.file.Path.of((String) streams.get("state.dir"))).isEmptyDirectory();
        assertThat(KAFKA.streamsProperties("app-2").get("state.dir")).isNotEqualTo(streams.get("state.dir"));
    }
}

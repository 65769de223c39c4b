package io.mmatracker.kafka.embedded;

import static io.mmatracker.kafka.embedded.TestClients.consumer;
import static io.mmatracker.kafka.embedded.TestClients.producer;
import static io.mmatracker.kafka.embedded.TestClients.readAll;
import static io.mmatracker.kafka.embedded.TestClients.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded broker does what the tracker relies on: groups, compaction, transactions. */
class EmbeddedKafkaBrokerTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDirectory;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        // the cleaner looks for dirty logs every 100 ms so that compaction is seen within seconds
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(dataDirectory)
                .withProperty("log.cleaner.backoff.ms", "100")).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void aSecondConsumerOfTheGroupResumesAtTheCommittedOffset(String groupProtocol) throws Exception {
        String topic = createTopic("orders", Map.of());
        String group = unique("group");
        try (Producer<String, String> producer = producer(broker.bootstrapServers(), Map.of())) {
            for (int i = 0; i < 10; i++) {
                send(producer, topic, "k" + i, "v" + i);
            }
        }
        Map<String, Object> groupConfig = Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol);
        TopicPartition partition = new TopicPartition(topic, 0);

        try (Consumer<String, String> first = consumer(broker.bootstrapServers(), groupConfig)) {
            first.subscribe(List.of(topic));
            List<String> seen = pollValues(first, 4);
            assertThat(seen.subList(0, 4)).containsExactly("v0", "v1", "v2", "v3");
            first.commitSync(Map.of(partition, new OffsetAndMetadata(4)));
        }

        try (Consumer<String, String> second = consumer(broker.bootstrapServers(), groupConfig)) {
            second.subscribe(List.of(topic));
            assertThat(pollValues(second, 6)).containsExactly("v4", "v5", "v6", "v7", "v8", "v9");
            second.commitSync();
        }
        assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition).offset())
                .isEqualTo(10);
    }

    @Test
    void aCompactedTopicKeepsOnlyTheLatestValuePerKeyAndATombstoneRemovesItsKey() {
        String topic = createTopic("snapshots", Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                // roll segments quickly: the active segment is never compacted
                TopicConfig.SEGMENT_MS_CONFIG, "100",
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01",
                TopicConfig.DELETE_RETENTION_MS_CONFIG, "100"));
        try (Producer<String, String> producer = producer(broker.bootstrapServers(), Map.of());
             Consumer<String, String> reader = consumer(broker.bootstrapServers(), Map.of())) {
            send(producer, topic, "job-1", "RUNNING");
            send(producer, topic, "job-2", "RUNNING");
            send(producer, topic, "job-1", "SUCCEEDED");
            send(producer, topic, "job-3", "PENDING");
            send(producer, topic, "job-2", null);
            send(producer, topic, "job-1", "FAILED");
            // all six, unless the cleaner already ran (segments roll after 100 ms, a loaded machine reads later)
            assertThat(values(readAll(reader, topic), "tick")).contains("job-3=PENDING", "job-1=FAILED");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                // a later record rolls the segment holding the others, which makes them cleanable
                send(producer, topic, "tick", "tick");
                assertThat(values(readAll(reader, topic), "tick"))
                        .containsExactly("job-3=PENDING", "job-1=FAILED");
            });
        }
    }

    @Test
    void aReadCommittedConsumerSeesOnlyCommittedTransactions() throws Exception {
        String topic = createTopic("transactions", Map.of());
        try (Producer<String, String> producer = producer(broker.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("tx")))) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, topic, "a", "committed-1");
            send(producer, topic, "b", "committed-2");
            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, topic, "c", "aborted");
            producer.abortTransaction();
            producer.beginTransaction();
            send(producer, topic, "d", "committed-3");
            producer.commitTransaction();
        }
        try (Consumer<String, String> committed = consumer(broker.bootstrapServers(),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
             Consumer<String, String> uncommitted = consumer(broker.bootstrapServers(),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"))) {
            assertThat(readAll(committed, topic)).extracting(ConsumerRecord::value)
                    .containsExactly("committed-1", "committed-2", "committed-3");
            assertThat(readAll(uncommitted, topic)).extracting(ConsumerRecord::value)
                    .containsExactly("committed-1", "committed-2", "aborted", "committed-3");
        }
    }

    @Test
    void aBrokerStartsOnlyOnce() {
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.startupDuration()).isPositive();
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }

    private static String createTopic(String prefix, Map<String, String> configs) {
        String topic = unique(prefix);
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all().get();
        } catch (Exception e) {
            throw new AssertionError("cannot create " + topic, e);
        }
        return topic;
    }

    private static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime();
    }

    private static List<String> pollValues(Consumer<String, String> consumer, int atLeast) {
        List<String> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            return values.size() >= atLeast;
        });
        return values;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records, String ignoredKey) {
        return records.stream().filter(r -> !r.key().equals(ignoredKey))
                .map(r -> r.key() + "=" + r.value()).toList();
    }
}

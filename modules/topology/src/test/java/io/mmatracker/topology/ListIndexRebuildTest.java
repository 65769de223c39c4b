package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.mmatracker.kafka.admin.TopicAdmin;
import io.mmatracker.kafka.admin.TopicLayout;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.testkit.KafkaFixture;
import io.mmatracker.topology.list.ListIndex;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state whose list index misses objects that have not changed since (a state directory or changelogs from
 * before the index existed) gets its index rebuilt from the latest-state store when the task starts, without
 * waiting for the objects to change and without an application reset.
 */
class ListIndexRebuildTest {

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    private static final int PARTITIONS = 2;
    private static final long SOURCE = Snapshots.SOURCE;
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path stateDir;

    private final Topics topics = new Topics(KAFKA.uniqueName("rebuild") + ".");
    private final String applicationId = KAFKA.uniqueName("rebuild-tracker");

    @Test
    void tablesStoredBeforeTheIndexAreListedAfterAStartAndMoveOnFromThere() throws Exception {
        new TopicAdmin(KAFKA.admin(), Duration.ofSeconds(30)).ensureTopics(TopicLayout.standard(topics, PARTITIONS, (short) 1));
        // What a tracker from before the list index leaves behind: its latest-state store's changelog, no index.
        String tablesChangelog = KAFKA.createTopic(applicationId + "-" + KindCatalog.TABLE.storeName() + "-changelog", PARTITIONS,
                Map.of("cleanup.policy", "compact"));
        var storeSerde = new TopologySerdes(ValueSerdes.from(Map.of())).contract(TableSnapshot.class);
        Map<Long, String> statuses = new HashMap<>();
        try (var producer = producer()) {
            for (long id : ids()) {
                String status = id % 3 == 0 ? "DONE" : "DOING";
                statuses.put(id, status);
                producer.send(new ProducerRecord<>(tablesChangelog, partitionOf(key(id)), bytes(key(id)),
                        storeSerde.serializer().serialize(tablesChangelog, table(id, status, 1, 0, 0, 0, T0))));
            }
        }
        // ... or an index of the first layout (v/1: the entries in the index store), here with an object the
        // snapshot store no longer holds: a start replaces it with one of the current layout.
        String oldIndexChangelog = KAFKA.createTopic(applicationId + "-" + StoreNames.listIndex(ObjectKind.TABLE) + "-changelog",
                PARTITIONS, Map.of("cleanup.policy", "compact"));
        try (var producer = producer()) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                producer.send(new ProducerRecord<>(oldIndexChangelog, partition, bytes("v/1"), bytes("complete")));
                producer.send(new ProducerRecord<>(oldIndexChangelog, partition, bytes(ListIndex.entry(SOURCE, "FAILED", 9999)), bytes(key(9999))));
                producer.send(new ProducerRecord<>(oldIndexChangelog, partition, bytes(ListIndex.count(SOURCE, "FAILED")), bytes("1")));
            }
        }
        long done = statuses.values().stream().filter("DONE"::equals).count();
        long doing = statuses.size() - done;

        var config = new TopologyConfig(topics, Duration.ofHours(1), Duration.ofMinutes(1), Map.of());
        var props = config.streamsProperties(applicationId, KAFKA.bootstrapServers(), stateDir, 0, null);
        try (var streams = new KafkaStreams(TrackerTopology.build(config), props)) {
            streams.start();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
                Map<String, String> index = index(streams);
                assertThat(index).containsEntry(ListIndex.count(SOURCE, "DOING"), Long.toString(doing))
                        .containsEntry(ListIndex.count(SOURCE, "DONE"), Long.toString(done));
                statuses.forEach((id, status) -> assertThat(index).containsEntry(ListIndex.entry(SOURCE, status, id), key(id)));
                assertThat(index).containsEntry(ListIndex.bucket(SOURCE, "DOING", 5000), "1")
                        .doesNotContainKeys(ListIndex.count(SOURCE, "FAILED"), ListIndex.entry(SOURCE, "FAILED", 9999), "v/1");
            });

            // The rebuilt index is committed to its changelog (a restore or a standby has it), with nothing processed.
            try (var changelog = new CommittedReader<>(KAFKA.bootstrapServers(),
                    applicationId + "-" + StoreNames.listIndex(ObjectKind.TABLE) + "-changelog", new StringDeserializer())) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(changelog.poll())
                        .filteredOn(r -> r.key().equals(ListIndex.COMPLETE)).hasSize(PARTITIONS));
                assertThat(changelog.poll()).filteredOn(r -> r.key().equals(ListIndex.count(SOURCE, "DOING")))
                        .extracting(r -> Long.parseLong(r.value())).containsExactlyInAnyOrder(countsByPartition(statuses, "DOING"));
            }

            // From there on the index moves with the objects: one table leaves DOING for DONE.
            try (var producer = producer()) {
                producer.send(new ProducerRecord<>(topics.tables(), bytes(key(1)), new AvroSerde<>(TableSnapshot.class)
                        .serializer().serialize(topics.tables(), table(1, "DONE", 1, 0, 1, 0, T0.plusSeconds(60)))));
            }
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(index(streams))
                    .containsEntry(ListIndex.count(SOURCE, "DOING"), Long.toString(doing - 1))
                    .containsEntry(ListIndex.count(SOURCE, "DONE"), Long.toString(done + 1))
                    .containsEntry(ListIndex.entry(SOURCE, "DONE", 1), key(1))
                    .doesNotContainKey(ListIndex.entry(SOURCE, "DOING", 1)));
        }
    }

    private static Long[] countsByPartition(Map<Long, String> statuses, String status) {
        Map<Integer, Long> counts = new HashMap<>();
        statuses.forEach((id, s) -> {
            if (s.equals(status)) {
                counts.merge(partitionOf(key(id)), 1L, Long::sum);
            }
        });
        return counts.values().toArray(Long[]::new);
    }

    /** Ids over two buckets of the index. */
    private static List<Long> ids() {
        return Stream.concat(LongStream.rangeClosed(1, 60).boxed(), Stream.of(5000L)).toList();
    }

    /** The index of every partition: entries as stored, counts summed over the partitions (each task counts its own). */
    private Map<String, String> index(KafkaStreams streams) {
        Map<String, String> all = new HashMap<>();
        String index = StoreNames.listIndex(ObjectKind.TABLE);
        for (String name : List.of(index, ListIndex.entriesStore(index))) {
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(
                    name, QueryableStoreTypes.<String, String>keyValueStore()));
            try (var it = store.all()) {
                it.forEachRemaining(kv -> all.merge(kv.key, kv.value, (a, b) -> kv.key.startsWith("c/") || kv.key.startsWith("b/")
                        ? Long.toString(Long.parseLong(a) + Long.parseLong(b)) : b));
            }
        }
        return all;
    }

    /** The partition the producer's default partitioner gives the key, so the snapshot lives in the task of its topic partition. */
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(bytes(key))) % PARTITIONS;
    }

    private static String key(long id) {
        return Keys.object(SOURCE, id);
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(KAFKA.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }
}

package io.mmatracker.poller.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mmatracker.poller.publish.SnapshotRestorer;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.PollWatermark;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.schema.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the snapshot and watermark topics of one test from the beginning and keeps every record per key, with the
 * moment this reader saw it. Tests call {@link #catchUp()} from their Awaitility conditions.
 */
final class SnapshotRecorder implements AutoCloseable {

    /** One record as read: the MMA data record (null for a tombstone) and when the test saw it. */
    /** One record: the MMA object ({@code data}, null for a tombstone), the snapshot as published, when it arrived. */
    record Seen(SpecificRecord data, Instant seenAt, SpecificRecord snapshot) {
        boolean isTombstone() {
            return data == null;
        }
    }

    private final Topics topics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<ObjectKind, Map<String, List<Seen>>> byKind = new HashMap<>();
    private final Map<String, List<PollWatermark>> watermarks = new HashMap<>();
    private final Deserializer<PollWatermark> watermarkDeserializer = new AvroSerde<>(PollWatermark.class).deserializer();

    SnapshotRecorder(String bootstrapServers, Topics topics) {
        this.topics = topics;
        this.consumer = new KafkaConsumer<>(SnapshotRestorer.readerConfig(
                Map.of("bootstrap.servers", bootstrapServers), "recorder"), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        List<String> names = new ArrayList<>(topics.snapshotTopics());
        names.add(topics.pollWatermarks());
        for (String topic : names) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads whatever arrived since the last call. */
    synchronized SnapshotRecorder catchUp() {
        while (true) {
            var records = consumer.poll(Duration.ofMillis(100));
            if (records.isEmpty()) {
                return this;
            }
            Instant now = Instant.now();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.topic().equals(topics.pollWatermarks())) {
                    if (record.value() != null) {
                        watermarks.computeIfAbsent(record.key(), k -> new ArrayList<>())
                                .add(watermarkDeserializer.deserialize(record.topic(), record.value()));
                    }
                    continue;
                }
                Kind<?, ?> entry = KindCatalog.ofTopic(topics, record.topic()).orElseThrow();
                ObjectKind kind = entry.objectKind();
                SpecificRecord data = null;
                SpecificRecord snapshot = null;
                if (record.value() != null) {
                    @SuppressWarnings("unchecked")
                    Deserializer<SpecificRecord> deserializer =
                            (Deserializer<SpecificRecord>) ValueSerdes.defaults().forType(entry.snapshotType()).deserializer();
                    snapshot = deserializer.deserialize(record.topic(), record.value());
                    data = entry.unwrapSnapshot(snapshot);
                }
                byKind.computeIfAbsent(kind, k -> new HashMap<>())
                        .computeIfAbsent(record.key(), k -> new ArrayList<>()).add(new Seen(data, now, snapshot));
            }
        }
    }

    /** Every record of one key, oldest first. */
    synchronized List<Seen> history(ObjectKind kind, String key) {
        return List.copyOf(byKind.getOrDefault(kind, Map.of()).getOrDefault(key, List.of()));
    }

    /** Keys whose latest record is a live snapshot. */
    synchronized Map<String, SpecificRecord> live(ObjectKind kind) {
        Map<String, SpecificRecord> live = new HashMap<>();
        byKind.getOrDefault(kind, Map.of()).forEach((key, seen) -> {
            Seen last = seen.get(seen.size() - 1);
            if (!last.isTombstone()) {
                live.put(key, last.data());
            }
        });
        return live;
    }

    /** Records of all keys of a kind, tombstones included. */
    synchronized long count(ObjectKind kind) {
        return byKind.getOrDefault(kind, Map.of()).values().stream().mapToLong(List::size).sum();
    }

    synchronized List<PollWatermark> watermarks(String sourceKey) {
        return List.copyOf(watermarks.getOrDefault(sourceKey, List.of()));
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package io.mmatracker.poller.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.ObjectRef;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.schema.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds what the poller last published for some data sources by reading the compacted snapshot topics from the
 * beginning to their current end, so that after a restart or a rebalance unchanged objects are not republished.
 * Records are handed on as they are read; a later tombstone of a key cancels its earlier values.
 */
public final class SnapshotRestorer {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRestorer.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Topics topics;
    private final Clock clock;
    private final ValueSerdes serdes;

    public SnapshotRestorer(Supplier<Consumer<String, byte[]>> consumers, Topics topics, Clock clock) {
        this(consumers, topics, clock, ValueSerdes.defaults());
    }

    /** A restorer that decodes values with the serdes of {@code serdes}. */
    public SnapshotRestorer(Supplier<Consumer<String, byte[]>> consumers, Topics topics, Clock clock, ValueSerdes serdes) {
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A restorer with its own short-lived consumers, built from the given client settings. */
    public static SnapshotRestorer create(Map<String, Object> kafka, Topics topics, String clientId, Clock clock,
                                          ValueSerdes serdes) {
        return new SnapshotRestorer(() -> new KafkaConsumer<>(readerConfig(kafka, clientId), new StringDeserializer(),
                new ByteArrayDeserializer()), topics, clock, serdes);
    }

    /** Settings of a group-less consumer that reads whole topics and never creates them. */
    public static Map<String, Object> readerConfig(Map<String, Object> kafka, String clientId) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    /**
     * Hands every snapshot record of the wanted data sources to the visitor as it is read, oldest first: an object's
     * value (the MMA object and what went with it, such as a failed task's failing step), or {@code null} for its
     * tombstone. The visitor keeps the last one of each object, so it ends with the latest live snapshots. Nothing
     * is buffered here: at a million tables the undecoded latest values alone (~700 MB) ran a 512 MB heap out of
     * memory, where the poller keeps one {@code long} per object. A compacted topic holds few superseded records, so
     * decoding each one costs little more than decoding the latest.
     *
     * @return how many records were handed over (values and tombstones)
     * @throws TimeoutException if the topics could not be read to their end in time; what was read by then has been
     *                          handed over
     */
    public int restore(LongPredicate wantedSource, BiConsumer<ObjectRef, SpecificRecord> visitor, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Map<ObjectKind, Deserializer<SpecificRecord>> deserializers = new EnumMap<>(ObjectKind.class);
        int visited = 0;
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics.snapshotTopics()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
            ends.entrySet().removeIf(e -> e.getValue() == 0);
            while (!ends.isEmpty()) {
                if (clock.instant().isAfter(deadline)) {
                    throw new TimeoutException("snapshot topics not read to their end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (visit(record, wantedSource, visitor, deserializers)) {
                        visited++;
                    }
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            }
        }
        return visited;
    }

    private boolean visit(ConsumerRecord<String, byte[]> record, LongPredicate wantedSource,
                          BiConsumer<ObjectRef, SpecificRecord> visitor,
                          Map<ObjectKind, Deserializer<SpecificRecord>> deserializers) {
        Kind<?, ?> entry = KindCatalog.ofTopic(topics, record.topic()).orElse(null);
        String key = record.key();
        if (entry == null || key == null) {
            return false;
        }
        ObjectKind kind = entry.objectKind();
        ObjectRef ref;
        try {
            ref = ObjectRef.of(kind, key);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a record with key '{}' in {}: not a {} key", key, record.topic(), kind);
            return false;
        }
        if (!wantedSource.test(ref.sourceId())) {
            return false;
        }
        if (record.value() == null) {
            visitor.accept(ref, null);
            return true;
        }
        try {
            SpecificRecord snapshot = deserializers.computeIfAbsent(kind, k -> deserializer(entry))
                    .deserialize(record.topic(), record.value());
            entry.unwrapSnapshot(snapshot);
            visitor.accept(ref, snapshot);
            return true;
        } catch (RuntimeException ex) {
            // the object is simply published again on its next poll
            LOG.warn("cannot read the snapshot of {} {} ({}); it will be republished", kind, key, ex.getMessage());
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Deserializer<SpecificRecord> deserializer(Kind<?, ?> entry) {
        return (Deserializer<SpecificRecord>) serdes.forType(entry.snapshotType()).deserializer();
    }
}

package io.mmatracker.poller.publish;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.ObjectRef;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.PollWatermark;
import io.mmatracker.schema.serde.ValueSerdes;
import org.apache.kafka.common.serialization.Serde;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes snapshots to the compacted snapshot topics with an idempotent producer ({@code acks=all}): a retried send
 * never duplicates or reorders a key's records, so the latest record of a key is the latest state read.
 */
public final class KafkaSnapshotSink implements SnapshotSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSnapshotSink.class);

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final Map<ObjectKind, Serializer<SpecificRecord>> serializers = new EnumMap<>(ObjectKind.class);
    private final Serializer<PollWatermark> watermarks;

    public KafkaSnapshotSink(Producer<String, byte[]> producer, Topics topics) {
        this(producer, topics, ValueSerdes.defaults());
    }

    /** A sink that encodes values with the serdes of {@code serdes}. */
    public KafkaSnapshotSink(Producer<String, byte[]> producer, Topics topics, ValueSerdes serdes) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        for (Kind<?, ?> kind : KindCatalog.all()) {
            serializers.put(kind.objectKind(), erase(serdes.forType(kind.snapshotType())));
        }
        this.watermarks = serdes.forType(PollWatermark.class).serializer();
    }

    /** A sink with its own producer, built from the given client settings (bootstrap servers, security, ...). */
    public static KafkaSnapshotSink create(Map<String, Object> kafka, Topics topics, String clientId, ValueSerdes serdes) {
        return new KafkaSnapshotSink(new KafkaProducer<>(producerConfig(kafka, clientId), new StringSerializer(),
                new ByteArraySerializer()), topics, serdes);
    }

    /** The settings the poller's producer needs whatever the user passed: idempotence and acks=all. */
    public static Map<String, Object> producerConfig(Map<String, Object> kafka, String clientId) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    @Override
    public void publish(ObjectRef ref, SpecificRecord snapshot, Runnable onLost) {
        String topic = KindCatalog.of(ref.kind()).topic(topics);
        byte[] value = snapshot == null ? null : serializers.get(ref.kind()).serialize(topic, snapshot);
        send(new ProducerRecord<>(topic, ref.key(), value), ref.toString(), onLost);
    }

    @Override
    public void watermark(PollWatermark watermark) {
        String topic = topics.pollWatermarks();
        send(new ProducerRecord<>(topic, Keys.dataSource(watermark.getSourceId()),
                watermarks.serialize(topic, watermark)), "watermark of " + watermark.getSourceId(), () -> { });
    }

    @Override
    public void clearWatermark(long sourceId) {
        send(new ProducerRecord<>(topics.pollWatermarks(), Keys.dataSource(sourceId), null),
                "watermark tombstone of " + sourceId, () -> { });
    }

    private void send(ProducerRecord<String, byte[]> record, String what, Runnable onLost) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    LOG.warn("Kafka did not take {} ({}); it will be sent again", what, error.toString());
                    onLost.run();
                }
            });
        } catch (RuntimeException e) {
            // e.g. the producer is closing or the record is too large: never lost silently
            LOG.warn("could not send {} ({}); it will be sent again", what, e.toString());
            onLost.run();
        }
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    @SuppressWarnings("unchecked")
    private static Serializer<SpecificRecord> erase(Serde<? extends SpecificRecord> serde) {
        return (Serializer<SpecificRecord>) serde.serializer();
    }
}

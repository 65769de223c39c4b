package io.mmatracker.poller.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mmatracker.poller.publish.SnapshotRestorer;
import io.mmatracker.schema.WatchRequest;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.schema.topic.Keys;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
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
 * Follows the compacted {@code mma.watch-requests} topic from its beginning and keeps {@link AsyncTaskWatches} in
 * step: every instance reads all requests, and polls those of the sources it owns. A tombstone withdraws a request.
 * Not thread-safe: polled by the poller's Kafka thread.
 */
public final class WatchRequestFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchRequestFeed.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final AsyncTaskWatches watches;
    private final Deserializer<WatchRequest> deserializer;
    private static final Duration LOOKUP_EVERY = Duration.ofSeconds(5);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(1);

    private boolean assigned;
    private long lastLookup = System.nanoTime() - LOOKUP_EVERY.toNanos();

    public WatchRequestFeed(Consumer<String, byte[]> consumer, String topic, AsyncTaskWatches watches) {
        this(consumer, topic, watches, ValueSerdes.defaults());
    }

    /** A feed that decodes requests with the serdes of {@code serdes}. */
    public WatchRequestFeed(Consumer<String, byte[]> consumer, String topic, AsyncTaskWatches watches,
                            ValueSerdes serdes) {
        this.deserializer = serdes.forType(WatchRequest.class).deserializer();
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.watches = Objects.requireNonNull(watches, "watches");
    }

    public static WatchRequestFeed create(Map<String, Object> kafka, String topic, String clientId,
                                         AsyncTaskWatches watches, ValueSerdes serdes) {
        return new WatchRequestFeed(new KafkaConsumer<>(SnapshotRestorer.readerConfig(kafka, clientId),
                new StringDeserializer(), new ByteArrayDeserializer()), topic, watches, serdes);
    }

    /** Reads what arrived; until the topic exists, looks for it now and then. */
    public void poll(Duration timeout) {
        if (!assigned) {
            long now = System.nanoTime();
            if (now - lastLookup < LOOKUP_EVERY.toNanos()) {
                return;
            }
            lastLookup = now;
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, LOOKUP_TIMEOUT);
            } catch (TimeoutException e) {
                return;
            }
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assigned = true;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            accept(record);
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                if (record.key() != null) {
                    watches.remove(Keys.sourceIdOf(record.key()), Keys.objectIdOf(record.key()));
                }
                return;
            }
            WatchRequest request = deserializer.deserialize(topic, record.value());
            watches.add(request.getSourceId(), request.getAsyncTaskId());
        } catch (RuntimeException e) {
            // a bad request must not stop the others: report it and go on
            LOG.warn("ignoring an unreadable watch request at {}-{}@{} (key {}): {}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}

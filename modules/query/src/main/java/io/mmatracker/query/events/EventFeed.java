package io.mmatracker.query.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.json.MmsJson;
import io.mmatracker.schema.serde.ValueSerdes;

/**
 * Feeds the {@link EventHub} from the status-change and alert topics. Every instance reads every partition
 * itself (assigned, no consumer group): each serves its own SSE clients. It starts a little in the past,
 * {@code backfill} records per partition, so a client reconnecting after a restart can still resume.
 * Records are decoded when first looked at ({@link FeedEvent}); those it cannot decode are skipped and counted then,
 * never fatal.
 */
public final class EventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REDISCOVER = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final String statusChangesTopic;
    private final String alertsTopic;
    private final EventHub hub;
    private final long backfill;
    private final Deserializer<StatusChange> changes;
    private final Deserializer<Alert> alerts;
    private final AtomicBoolean running = new AtomicBoolean();
    private final LongAdder undecodable = new LongAdder();
    private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();
    private volatile boolean isAssigned;
    private Thread thread;

    /**
     * @param consumer a consumer of raw bytes, without group id, owned by this feed from now on
     * @param backfill how many past records per partition to read at start-up
     */
    public EventFeed(Consumer<byte[], byte[]> consumer, String statusChangesTopic, String alertsTopic, EventHub hub, long backfill) {
        this(consumer, statusChangesTopic, alertsTopic, hub, backfill, ValueSerdes.defaults());
    }

    /** A feed that decodes events with the serdes of {@code serdes}. */
    public EventFeed(Consumer<byte[], byte[]> consumer, String statusChangesTopic, String alertsTopic, EventHub hub, long backfill,
                     ValueSerdes serdes) {
        this.changes = serdes.forType(StatusChange.class).deserializer();
        this.alerts = serdes.forType(Alert.class).deserializer();
        this.consumer = consumer;
        this.statusChangesTopic = statusChangesTopic;
        this.alertsTopic = alertsTopic;
        this.hub = hub;
        this.backfill = backfill;
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("the event feed is already started");
        }
        thread = new Thread(this::run, "mma-query-event-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the feed follows its topics (their partitions were found and assigned). */
    public boolean isAssigned() {
        return isAssigned;
    }

    /** Records found undecodable so far (a record is decoded when a filter or a stream first looks at it). */
    public long undecodableCount() {
        return undecodable.sum();
    }

    private void run() {
        long nextDiscovery = 0;
        try {
            while (running.get()) {
                if (System.nanoTime() - nextDiscovery >= 0) {
                    assignNewPartitions();
                    nextDiscovery = System.nanoTime() + (isAssigned ? REDISCOVER : POLL).toNanos();
                }
                if (!isAssigned) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    FeedEvent event = decode(record);
                    if (event != null) {
                        hub.publish(event);
                    }
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("the event feed stopped: {}", e.toString(), e);
        } finally {
            isAssigned = false;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Assigns partitions not followed yet (topics may be created, or grow, after start-up). */
    private void assignNewPartitions() {
        Set<TopicPartition> assigned = consumer.assignment();
        List<TopicPartition> found = new ArrayList<>();
        for (String topic : List.of(statusChangesTopic, alertsTopic)) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                if (e instanceof WakeupException wakeup) {
                    throw wakeup;
                }
                continue;
            }
            if (infos != null) {
                infos.forEach(info -> found.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        List<TopicPartition> added = found.stream().filter(tp -> !assigned.contains(tp)).toList();
        if (added.isEmpty()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>(assigned);
        all.addAll(added);
        consumer.assign(all);
        Map<TopicPartition, Long> ends = consumer.endOffsets(added);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(added);
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition tp : added) {
            starts.put(tp, Math.max(begins.getOrDefault(tp, 0L), ends.getOrDefault(tp, 0L) - backfill));
        }
        starts.forEach(consumer::seek);
        isAssigned = all.stream().anyMatch(tp -> tp.topic().equals(statusChangesTopic))
                && all.stream().anyMatch(tp -> tp.topic().equals(alertsTopic));
        LOG.info("event feed follows {} partitions (added {})", all.size(), added.size());
    }

    /** The record as an event decoded when first looked at (a filter, a stream); null for a tombstone. */
    private FeedEvent decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        EventId id = new EventId(record.topic(), record.partition(), record.offset());
        String topic = record.topic();
        byte[] value = record.value();
        if (topic.equals(statusChangesTopic)) {
            return FeedEvent.decodedOnUse(id, FeedEvent.STATUS_CHANGE, () -> content(id, () -> {
                StatusChange change = changes.deserialize(topic, value);
                return content(change, change.getKind(), change.getSourceId(), change.getObjectId());
            }));
        }
        return FeedEvent.decodedOnUse(id, FeedEvent.ALERT, () -> content(id, () -> {
            Alert alert = alerts.deserialize(topic, value);
            return content(alert, alert.getKind(), alert.getSourceId(), alert.getObjectId());
        }));
    }

    /** The decoded content, or null (counted, and logged once per topic and failure) if the record cannot be read. */
    private FeedEvent.Content content(EventId id, Supplier<FeedEvent.Content> decoding) {
        try {
            return decoding.get();
        } catch (RuntimeException e) {
            undecodable.increment();
            if (loggedFailures.add(id.topic() + ":" + e.getClass().getName())) {
                LOG.warn("skipping an undecodable record at {} (further ones of this kind are only counted): {}", id, e.toString());
            }
            return null;
        }
    }

    private static FeedEvent.Content content(SpecificRecord record, io.mmatracker.schema.ObjectKind kind, long sourceId, Long objectId) {
        return new FeedEvent.Content(kind, sourceId, objectId, () -> MmsJson.write(record).toString());
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (!running.compareAndSet(true, false)) {
                return;
            }
            t = thread;
        }
        consumer.wakeup();
        try {
            t.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

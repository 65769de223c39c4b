package io.mmatracker.poller.coordinate;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares data sources among poller instances through a Kafka consumer group. The coordination topic carries no
 * records: the group only divides its partitions, and an instance polls the sources that hash to the partitions it
 * owns ({@link SourcePartitioner}). When an instance stops or dies, the group gives its partitions, and so its
 * sources, to the others. Rebalance callbacks run on the thread that calls {@link #poll(Duration)}.
 */
public final class CoordinationGroup implements AutoCloseable {

    /** Told when this instance gains or loses partitions; called on the polling thread. */
    public interface Listener {
        /** New partitions (of {@code partitionCount}) belong to this instance. */
        void acquired(Set<Integer> partitions, int partitionCount);

        /** These partitions no longer belong to this instance; return only once their sources stopped. */
        void released(Set<Integer> partitions);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CoordinationGroup.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Listener listener;
    private final Set<Integer> owned = new TreeSet<>();
    private volatile int partitionCount;
    private volatile Set<Integer> ownedView = Set.of();

    public CoordinationGroup(Consumer<byte[], byte[]> consumer, String topic, Listener listener) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A group member with its own consumer, built from the given client settings. */
    public static CoordinationGroup create(Map<String, Object> kafka, String topic, String groupId, String clientId,
                                           Listener listener) {
        return new CoordinationGroup(new KafkaConsumer<>(memberConfig(kafka, groupId, clientId),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()), topic, listener);
    }

    /** Settings of a member: no offsets to commit, quick to notice a member that left. */
    public static Map<String, Object> memberConfig(Map<String, Object> kafka, String groupId, String clientId) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return config;
    }

    /** Creates the coordination topic unless it exists: compacted and empty, so it costs nothing to keep. */
    public static void ensureTopic(Admin admin, String topic, int partitions, Duration timeout)
            throws InterruptedException {
        // replication: the broker's default
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created coordination topic {} with {} partitions", topic, partitions);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " when creating " + topic, e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create coordination topic " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Joins the group; partitions arrive through the listener during {@link #poll(Duration)}. */
    public void subscribe() {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                release(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                release(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                acquire(partitions);
            }
        });
    }

    /** Keeps this member alive in the group; runs rebalance callbacks. */
    public void poll(Duration timeout) {
        consumer.poll(timeout);
    }

    /** The partitions this instance owns now. */
    public Set<Integer> owned() {
        return ownedView;
    }

    /** True if this instance owns the source's partition now. */
    public boolean owns(long sourceId) {
        int count = partitionCount;
        return count > 0 && ownedView.contains(SourcePartitioner.partitionOf(sourceId, count));
    }

    public int partitionCount() {
        return partitionCount;
    }

    private void acquire(Collection<TopicPartition> partitions) {
        if (partitionCount == 0) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            partitionCount = infos == null ? 0 : infos.size();
        }
        Set<Integer> gained = numbers(partitions);
        gained.removeAll(owned);
        if (gained.isEmpty()) {
            return;
        }
        owned.addAll(gained);
        ownedView = Set.copyOf(owned);
        LOG.info("now owns coordination partitions {} of {}", owned, partitionCount);
        listener.acquired(gained, partitionCount);
    }

    private void release(Collection<TopicPartition> partitions) {
        Set<Integer> lost = numbers(partitions);
        lost.retainAll(owned);
        if (lost.isEmpty()) {
            return;
        }
        owned.removeAll(lost);
        ownedView = Set.copyOf(owned);
        LOG.info("released coordination partitions {}; still owns {}", lost, owned);
        listener.released(lost);
    }

    private Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        for (TopicPartition p : partitions) {
            if (p.topic().equals(topic)) {
                numbers.add(p.partition());
            }
        }
        return numbers;
    }

    /** Leaves the group: the remaining members take this instance's partitions over. */
    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
    }
}

package io.mmatracker.query.state;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * How many partitions each topic has, asked of the cluster and remembered. A list must know every partition
 * of a store, also one that no instance holds while a rebalance moves it: the Streams metadata only names
 * partitions that are assigned, so a partition missing from it would silently drop from a list. Never blocks:
 * an unknown count is looked up in the background and reported absent until the answer arrives.
 */
public final class PartitionCounts implements AutoCloseable {

    private final Admin admin;
    private final Map<String, Integer> known = new ConcurrentHashMap<>();
    private final Map<String, Boolean> asking = new ConcurrentHashMap<>();

    /** @param admin owned from now on (closed with this) */
    public PartitionCounts(Admin admin) {
        this.admin = admin;
    }

    /** The topic's partition count if known; else empty, and the cluster is asked. */
    public OptionalInt of(String topic) {
        Integer count = known.get(topic);
        if (count != null) {
            return OptionalInt.of(count);
        }
        ask(topic);
        return OptionalInt.empty();
    }

    /** A partition at or beyond the known count was seen: the topic grew; ask again. */
    public void sawPartition(String topic, int partition) {
        Integer count = known.get(topic);
        if (count != null && partition >= count) {
            ask(topic);
        }
    }

    private void ask(String topic) {
        if (asking.putIfAbsent(topic, Boolean.TRUE) != null) {
            return;
        }
        admin.describeTopics(List.of(topic)).allTopicNames().whenComplete((descriptions, failure) -> {
            asking.remove(topic);
            TopicDescription description = failure == null ? descriptions.get(topic) : null;
            if (description != null) {
                known.put(topic, description.partitions().size());
            }
        });
    }

    @Override
    public void close() {
        admin.close();
    }
}

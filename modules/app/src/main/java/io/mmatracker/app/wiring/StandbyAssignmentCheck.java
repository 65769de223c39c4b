package io.mmatracker.app.wiring;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when this instance's {@code streams.num-standby-replicas} is not what the group does. Kafka Streams assigns
 * with the group leader's settings only, so an instance whose setting differs is silently overridden: with the leader
 * at 0 and the others at 1 no standby exists, and a dead instance's keys answer 503 until its stores are restored.
 * The assignment itself shows it: after each rebalance, the standby copies the metadata names for every partition of
 * one snapshot topic are counted and compared with what this instance's setting would give.
 */
public final class StandbyAssignmentCheck {

    private static final Logger LOG = LoggerFactory.getLogger(StandbyAssignmentCheck.class);

    private final String applicationId;
    private final int configured;
    private final String topic;
    private volatile String lastWarning;

    /** @param topic a snapshot topic: every task reading it has a store, so each of its partitions gets standbys */
    public StandbyAssignmentCheck(String applicationId, int configured, String topic) {
        this.applicationId = applicationId;
        this.configured = configured;
        this.topic = topic;
    }

    /** Looks at the current assignment and logs a warning when it differs (once per distinct finding). */
    public void check(Collection<StreamsMetadata> clients) {
        Optional<String> warning = mismatch(clients);
        if (warning.isPresent() && !warning.get().equals(lastWarning)) {
            LOG.warn(warning.get());
        } else if (warning.isEmpty() && lastWarning != null) {
            LOG.info("the group's standby copies now match streams.num-standby-replicas = {}", configured);
        }
        lastWarning = warning.orElse(null);
    }

    /** What differs between this instance's standby setting and the group's assignment, if anything. */
    public Optional<String> mismatch(Collection<StreamsMetadata> clients) {
        int instances = clients.size();
        if (instances < 2) {
            return Optional.empty();
        }
        Map<Integer, Integer> standbys = new HashMap<>();
        for (StreamsMetadata client : clients) {
            for (TopicPartition tp : client.topicPartitions()) {
                if (tp.topic().equals(topic)) {
                    standbys.putIfAbsent(tp.partition(), 0);
                }
            }
        }
        for (StreamsMetadata client : clients) {
            for (TopicPartition tp : client.standbyTopicPartitions()) {
                if (tp.topic().equals(topic)) {
                    standbys.merge(tp.partition(), 1, Integer::sum);
                }
            }
        }
        if (standbys.isEmpty()) {
            return Optional.empty();
        }
        int expected = Math.min(configured, instances - 1);
        // The fewest copies any partition has: warm-up replicas (counted as standbys) only ever add to some partitions.
        int observed = standbys.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        if (observed == expected || observed > expected && observed <= configured) {
            return Optional.empty();
        }
        return Optional.of("streams.num-standby-replicas is " + configured + " on this instance, but the group's assignment gives "
                + observed + " standby cop" + (observed == 1 ? "y" : "ies") + " per partition over " + instances
                + " instances (this setting would give " + expected + "): Kafka Streams assigns with the group leader's settings only. "
                + "Give every instance of application id " + applicationId + " the same streams.num-standby-replicas.");
    }
}

package io.mmatracker.kafka.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mmatracker.schema.topic.Topics;

/** The tracker's topics and how each must be configured (see ARCHITECTURE.md, "Topics"). */
public final class TopicLayout {

    public static final Duration STATUS_CHANGES_RETENTION = Duration.ofDays(7);
    public static final Duration ALERTS_RETENTION = Duration.ofDays(30);
    public static final Duration DEAD_LETTERS_RETENTION = Duration.ofDays(14);

    private TopicLayout() {
    }

    /**
     * Every topic of the tracker: the snapshot topics, watch requests and poll watermarks compacted (the latest
     * record per key is the state), status changes kept 7 days, alerts 30 days, dead letters 14 days.
     */
    public static List<TopicSpec> standard(Topics topics, int partitions, short replicationFactor) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String snapshotTopic : topics.snapshotTopics()) {
            specs.add(TopicSpec.compacted(snapshotTopic, partitions, replicationFactor));
        }
        specs.add(TopicSpec.compacted(topics.watchRequests(), partitions, replicationFactor));
        specs.add(TopicSpec.compacted(topics.pollWatermarks(), partitions, replicationFactor));
        specs.add(TopicSpec.deleting(topics.statusChanges(), partitions, replicationFactor, STATUS_CHANGES_RETENTION));
        specs.add(TopicSpec.deleting(topics.alerts(), partitions, replicationFactor, ALERTS_RETENTION));
        specs.add(TopicSpec.deleting(topics.deadLetters(), partitions, replicationFactor, DEAD_LETTERS_RETENTION));
        return List.copyOf(specs);
    }
}

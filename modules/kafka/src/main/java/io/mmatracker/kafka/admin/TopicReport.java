package io.mmatracker.kafka.admin;

import java.util.List;

/**
 * What {@link TopicAdmin#ensureTopics} did: the topics it created, the existing topics it verified, and
 * the differences it tolerated but logged (fewer partitions, a replication factor or retention that differs).
 */
public record TopicReport(List<String> created, List<String> verified, List<String> warnings) {

    public TopicReport {
        created = List.copyOf(created);
        verified = List.copyOf(verified);
        warnings = List.copyOf(warnings);
    }
}

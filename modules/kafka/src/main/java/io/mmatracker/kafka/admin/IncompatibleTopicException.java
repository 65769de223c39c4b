package io.mmatracker.kafka.admin;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Existing topics are configured in a way the tracker cannot work with (e.g. a snapshot topic that is
 * not compacted, whose old snapshots Kafka would delete). Nothing was changed; an operator must fix them.
 */
public final class IncompatibleTopicException extends TopicAdminException {

    private static final long serialVersionUID = 1L;

    /** One setting of one topic: what it has and what it needs. */
    public record Mismatch(String topic, String setting, String actual, String required) {
        @Override
        public String toString() {
            return "topic " + topic + " has " + setting + "=" + actual + " but needs " + setting + "=" + required;
        }
    }

    private final transient List<Mismatch> mismatches;

    public IncompatibleTopicException(List<Mismatch> mismatches) {
        super(mismatches.stream().map(Mismatch::toString).collect(Collectors.joining("; "))
                + " (existing topics are never altered; delete or reconfigure them, e.g. with kafka-configs.sh)", null);
        this.mismatches = List.copyOf(mismatches);
    }

    public List<Mismatch> mismatches() {
        return mismatches;
    }
}

package io.mmatracker.schema.topic;

import java.util.List;
import java.util.Objects;

/**
 * The names of every topic of the tracker, derived from one configurable prefix (default {@code mma.}).
 * Producer, topology, query and topic administration all take names from here.
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "mma.";

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String dataSources() { return prefix + "datasources"; }
    public String scans() { return prefix + "scans"; }
    public String jobs() { return prefix + "jobs"; }
    public String tables() { return prefix + "tables"; }
    public String asyncTasks() { return prefix + "async-tasks"; }
    public String watchRequests() { return prefix + "watch-requests"; }
    public String pollWatermarks() { return prefix + "poll-watermarks"; }
    public String statusChanges() { return prefix + "status-changes"; }
    public String alerts() { return prefix + "alerts"; }
    public String deadLetters() { return prefix + "dlq"; }

    /** The compacted topics that hold the latest snapshot of each object, one per kind. */
    public List<String> snapshotTopics() {
        return List.of(dataSources(), scans(), jobs(), tables(), asyncTasks());
    }
}

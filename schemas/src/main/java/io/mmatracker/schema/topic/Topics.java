package io.mmatracker.schema.topic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.PollWatermark;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.WatchRequest;

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
    public String tasks() { return prefix + "tasks"; }
    public String watchRequests() { return prefix + "watch-requests"; }
    public String pollWatermarks() { return prefix + "poll-watermarks"; }
    public String statusChanges() { return prefix + "status-changes"; }
    public String alerts() { return prefix + "alerts"; }
    public String deadLetters() { return prefix + "dlq"; }

    /** The record type of the values of every topic that carries Avro values (all but the dead-letter topic). */
    public Map<String, Class<? extends SpecificRecord>> valueTypes() {
        Map<String, Class<? extends SpecificRecord>> types = new LinkedHashMap<>();
        types.put(dataSources(), DataSourceSnapshot.class);
        types.put(scans(), ScanSnapshot.class);
        types.put(jobs(), JobSnapshot.class);
        types.put(tables(), TableSnapshot.class);
        types.put(asyncTasks(), AsyncTaskSnapshot.class);
        types.put(tasks(), TaskSnapshot.class);
        types.put(watchRequests(), WatchRequest.class);
        types.put(pollWatermarks(), PollWatermark.class);
        types.put(statusChanges(), StatusChange.class);
        types.put(alerts(), Alert.class);
        return Collections.unmodifiableMap(types);
    }

    /** The compacted topics that hold the latest snapshot of each object, one per kind. */
    public List<String> snapshotTopics() {
        return List.of(dataSources(), scans(), jobs(), tables(), asyncTasks(), tasks());
    }
}

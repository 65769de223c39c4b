package io.mmatracker.topology.rules;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

import io.mmatracker.schema.AlertType;
import io.mmatracker.topology.summary.Contribution;

/**
 * One snapshot as the tracking rules see it.
 *
 * @param name         human name of the object (job name, db.table, data source name), or null
 * @param status       the MMA status string, or null when MMA sent none
 * @param progress     progress counters by MMA field name; counters MMA did not send are absent
 * @param context      what a reader of an event or alert needs to act (sourceName, dbName, tableName, jobName)
 * @param isActive     the object is expected to move on by itself (running, starting, ...), so standing still is a stall
 * @param failures     the failure conditions that hold in this snapshot, by alert type
 * @param contribution what this object adds to its data source's summary
 */
public record ObjectView(String name, String status, Map<String, Long> progress, Map<String, String> context,
                         boolean isActive, Map<AlertType, Failure> failures, Contribution contribution) {

    /**
     * The maps are taken as given, read-only: the rules build them afresh for every view and keep no reference
     * (a copy of each, twice per snapshot, was 5% of the stream thread for job progress, profiled).
     */
    public ObjectView {
        progress = Collections.unmodifiableMap(progress);
        context = Collections.unmodifiableMap(context);
        failures = Collections.unmodifiableMap(failures);
        Objects.requireNonNull(contribution, "contribution");
    }

    /** The status or a progress counter differs: the object moved. */
    public boolean hasMovedFrom(ObjectView before) {
        return !Objects.equals(status, before.status) || !progress.equals(before.progress);
    }
}

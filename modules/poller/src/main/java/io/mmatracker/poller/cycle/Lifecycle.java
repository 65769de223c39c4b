package io.mmatracker.poller.cycle;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.mmatracker.poller.detect.ObjectState;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which objects are still moving (worth polling every active interval) and which have settled. Jobs and tables
 * move while their status is one of the configured active statuses, the ones the status-filtered list calls ask
 * for. Scans and async tasks have no documented status set (REFERENCE §6.2, §6.7), so they count as settled on any
 * {@code DONE}/{@code FAILED}-like status or once they report an end time; unknown statuses keep them moving.
 */
public final class Lifecycle {

    private static final Set<String> FINISHED = Set.of("DONE", "FAILED", "SUCCESS", "SUCCEEDED", "CANCELED",
            "CANCELLED", "STOPPED");

    private final Set<String> activeJobStatuses;
    private final Set<String> activeTableStatuses;

    public Lifecycle(Set<String> activeJobStatuses, Set<String> activeTableStatuses) {
        this.activeJobStatuses = Set.copyOf(Objects.requireNonNull(activeJobStatuses, "activeJobStatuses"));
        this.activeTableStatuses = Set.copyOf(Objects.requireNonNull(activeTableStatuses, "activeTableStatuses"));
    }

    /** The object's status and whether it is moving. */
    public ObjectState stateOf(SpecificRecord data) {
        return new ObjectState(statusOf(data), isMoving(data));
    }

    /** MMA's status of an object, or null (a data source's own status is not a migration state). */
    public static String statusOf(SpecificRecord data) {
        if (data instanceof MmsJob job) {
            return job.getStatus();
        } else if (data instanceof MmsTable table) {
            return table.getStatus();
        } else if (data instanceof MmsFetchMetadataJob scan) {
            return scan.getStatus();
        } else if (data instanceof MmsAsyncTask task) {
            return task.getStatus();
        }
        return null;
    }

    /** True if the object is in a non-terminal state the poller follows closely. */
    public boolean isMoving(SpecificRecord data) {
        if (data instanceof MmsJob job) {
            return job.getStatus() != null && activeJobStatuses.contains(job.getStatus());
        } else if (data instanceof MmsTable table) {
            return table.getStatus() != null && activeTableStatuses.contains(table.getStatus());
        } else if (data instanceof MmsFetchMetadataJob scan) {
            return !finished(scan.getStatus(), null, scan.getEndTime());
        } else if (data instanceof MmsAsyncTask task) {
            return !finished(task.getStatus(), task.getRunning(), task.getEndTime());
        }
        // a data source is read on every cycle anyway
        return false;
    }

    private static boolean finished(String status, Boolean running, String endTime) {
        if (status != null) {
            String s = status.toUpperCase(Locale.ROOT);
            if (FINISHED.contains(s) || s.endsWith("_DONE") || s.endsWith("_FAILED")) {
                return true;
            }
        }
        // MMA's documents show "null" strings where a value is absent
        boolean ended = endTime != null && !endTime.isBlank() && !"null".equalsIgnoreCase(endTime.trim());
        return ended && !Boolean.TRUE.equals(running);
    }
}

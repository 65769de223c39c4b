package io.mmatracker.poller.cycle;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.mmatracker.poller.detect.ObjectState;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which objects the active cycle follows (polls every active interval). Jobs and tables are followed while their
 * status is one of the configured active statuses, the ones the status-filtered list calls ask for (tasks: the
 * statuses of {@link TaskPolling#MOVING_STATUSES}); scans and
 * async tasks, which MMA cannot list by status, until the kind catalog's lifecycle says they have settled. Whatever
 * the topology expects to move (phase MOVING) is followed, so standing still is never a mere gap in polling.
 */
public final class ActivePolling {

    private final Map<ObjectKind, Set<String>> listedStatuses;

    public ActivePolling(Set<String> activeJobStatuses, Set<String> activeTableStatuses) {
        this.listedStatuses = Map.of(
                ObjectKind.JOB, Set.copyOf(Objects.requireNonNull(activeJobStatuses, "activeJobStatuses")),
                ObjectKind.TABLE, Set.copyOf(Objects.requireNonNull(activeTableStatuses, "activeTableStatuses")),
                ObjectKind.TASK, Set.copyOf(TaskPolling.MOVING_STATUSES));
    }

    /** The object's status and whether it is moving. */
    public ObjectState stateOf(SpecificRecord data) {
        return new ObjectState(statusOf(data), isMoving(data));
    }

    /** MMA's status of an object, or null. */
    public static String statusOf(SpecificRecord data) {
        return KindCatalog.ofRecordOrThrow(data).statusOfData(data);
    }

    /** True if the object is in a state the active cycle follows closely. */
    public boolean isMoving(SpecificRecord data) {
        Kind<?, ?> kind = KindCatalog.ofRecordOrThrow(data);
        if (kind.objectKind() == ObjectKind.DATA_SOURCE) {
            // a data source is read on every cycle anyway
            return false;
        }
        Set<String> listed = listedStatuses.get(kind.objectKind());
        if (listed != null) {
            String status = kind.statusOfData(data);
            return status != null && listed.contains(status);
        }
        return !kind.phaseOfData(data).isSettled();
    }
}

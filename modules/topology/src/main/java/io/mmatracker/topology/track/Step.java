package io.mmatracker.topology.track;

import java.util.List;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.topology.state.ObjectTracking;

/**
 * What one snapshot, tombstone or stall check does to an object.
 *
 * @param change          the status-change event, or null when nothing a reader cares about changed
 * @param alerts          alerts fired or resolved, in a stable order
 * @param tracking        the object's new bookkeeping, or null when the object is gone
 * @param openAlertsDelta alerts fired minus alerts resolved
 */
record Step(StatusChange change, List<Alert> alerts, ObjectTracking tracking, long openAlertsDelta) {

    Step {
        alerts = List.copyOf(alerts);
    }
}

package io.mmatracker.topology.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.topology.rules.Failure;
import io.mmatracker.topology.rules.ObjectView;
import io.mmatracker.topology.state.ObjectTracking;
import io.mmatracker.topology.state.OpenAlert;

/**
 * The tracking rules, the same for every kind of object, as pure functions of (what we knew, what we see now):
 * <ul>
 *   <li>a change event for a new key (CREATED), a new status (STATUS), new progress counters (PROGRESS) or a
 *       tombstone (DELETED); nothing when only other fields changed;</li>
 *   <li>one FIRING alert when a failure condition starts to hold, one RESOLVED alert when it stops holding or the
 *       object is deleted;</li>
 *   <li>one STALLED alert when an active object has not moved for the stall timeout, RESOLVED when it moves.</li>
 * </ul>
 * An alert's id is {@code <key>:<type>:<epoch millis of the snapshot that entered the failure>}, so the same
 * transition always yields the same id, also when it is derived again after a crash.
 */
final class Transitions {

    static final String STALLED = AlertType.STALLED.name();

    private Transitions() {
    }

    static Step onSnapshot(ObjectRef ref, ObjectView before, ObjectTracking tracking, ObjectView after, long observedAt) {
        boolean isNew = before == null || tracking == null;
        boolean hasMoved = isNew || after.hasMovedFrom(before);
        Map<String, OpenAlert> open = isNew ? new HashMap<>() : new HashMap<>(tracking.getOpenAlerts());
        long lastMovedAt = hasMoved ? observedAt : tracking.getLastMovedAt();

        StatusChange change = null;
        if (before == null) {
            change = change(ref, ChangeType.CREATED, null, after, observedAt);
        } else if (!Objects.equals(before.status(), after.status())) {
            change = change(ref, ChangeType.STATUS, before, after, observedAt);
        } else if (!before.progress().equals(after.progress())) {
            change = change(ref, ChangeType.PROGRESS, before, after, observedAt);
        }

        var alerts = new ArrayList<Alert>();
        long delta = 0;
        if (hasMoved && open.containsKey(STALLED)) {
            alerts.add(resolved(ref, AlertType.STALLED, open.remove(STALLED), after, observedAt, Map.of()));
            delta--;
        }
        for (AlertType type : AlertType.values()) {
            if (type == AlertType.STALLED || type == AlertType.UNKNOWN) {
                continue;
            }
            Failure failure = after.failures().get(type);
            OpenAlert firing = open.get(type.name());
            if (failure != null && firing == null) {
                var context = new HashMap<>(after.context());
                context.putAll(failure.context());
                var alert = alert(ref, type, AlertState.FIRING, after, failure.errorMessage(), observedAt, observedAt, context);
                open.put(type.name(), new OpenAlert(alert.getAlertId(), observedAt, after.status(), failure.errorMessage(), context));
                alerts.add(alert);
                delta++;
            } else if (failure == null && firing != null) {
                alerts.add(resolved(ref, type, open.remove(type.name()), after, observedAt, Map.of()));
                delta--;
            }
        }
        return new Step(change, alerts, new ObjectTracking(lastMovedAt, open), delta);
    }

    static Step onDelete(ObjectRef ref, ObjectView before, ObjectTracking tracking, long observedAt) {
        var change = StatusChange.newBuilder(change(ref, ChangeType.DELETED, before, before, observedAt))
                .setToStatus(null)
                .setToProgress(Map.of())
                .build();
        var alerts = new ArrayList<Alert>();
        if (tracking != null) {
            for (AlertType type : AlertType.values()) {
                OpenAlert firing = tracking.getOpenAlerts().get(type.name());
                if (firing != null) {
                    alerts.add(resolved(ref, type, firing, before, observedAt, Map.of("resolution", "deleted")));
                }
            }
        }
        return new Step(change, alerts, null, -alerts.size());
    }

    /** A STALLED alert for an active object that last moved at or before {@code now - stallTimeout}. */
    static Optional<Step> onStallCheck(ObjectRef ref, ObjectView view, ObjectTracking tracking, long now, Duration stallTimeout) {
        if (!view.isActive() || tracking.getOpenAlerts().containsKey(STALLED)
                || tracking.getLastMovedAt() > now - stallTimeout.toMillis()) {
            return Optional.empty();
        }
        long since = tracking.getLastMovedAt();
        String message = "no status or progress change for " + stallTimeout.toMinutes() + " minutes (since "
                + Instant.ofEpochMilli(since) + ", status " + view.status() + ")";
        var context = new HashMap<>(view.context());
        context.put("stallTimeoutMinutes", Long.toString(stallTimeout.toMinutes()));
        var alert = alert(ref, AlertType.STALLED, AlertState.FIRING, view, message, since, now, context);
        var open = new HashMap<>(tracking.getOpenAlerts());
        open.put(STALLED, new OpenAlert(alert.getAlertId(), since, view.status(), message, context));
        return Optional.of(new Step(null, List.of(alert), new ObjectTracking(since, open), 1));
    }

    static String alertId(String key, AlertType type, long firstSeenAt) {
        return key + ":" + type.name() + ":" + firstSeenAt;
    }

    private static StatusChange change(ObjectRef ref, ChangeType type, ObjectView before, ObjectView after, long observedAt) {
        return StatusChange.newBuilder()
                .setKind(ref.kind())
                .setKey(ref.key())
                .setSourceId(ref.sourceId())
                .setObjectId(ref.objectId())
                .setName(after.name())
                .setChangeType(type)
                .setFromStatus(before == null ? null : before.status())
                .setToStatus(after.status())
                .setFromProgress(before == null ? Map.of() : before.progress())
                .setToProgress(after.progress())
                .setObservedAt(Instant.ofEpochMilli(observedAt))
                .setContext(after.context())
                .build();
    }

    private static Alert resolved(ObjectRef ref, AlertType type, OpenAlert firing, ObjectView now, long observedAt,
                                  Map<String, String> extraContext) {
        var context = new HashMap<>(now.context());
        context.putAll(extraContext);
        return Alert.newBuilder(alert(ref, type, AlertState.RESOLVED, now, firing.getErrorMessage(),
                        firing.getFirstSeenAt(), observedAt, context))
                .setAlertId(firing.getAlertId())
                .build();
    }

    private static Alert alert(ObjectRef ref, AlertType type, AlertState state, ObjectView view, String errorMessage,
                               long firstSeenAt, long observedAt, Map<String, String> context) {
        return Alert.newBuilder()
                .setAlertId(alertId(ref.key(), type, firstSeenAt))
                .setKind(ref.kind())
                .setKey(ref.key())
                .setSourceId(ref.sourceId())
                .setObjectId(ref.objectId())
                .setName(view.name())
                .setType(type)
                .setState(state)
                .setStatus(view.status())
                .setErrorMessage(errorMessage)
                .setFirstSeenAt(Instant.ofEpochMilli(firstSeenAt))
                .setObservedAt(Instant.ofEpochMilli(observedAt))
                .setContext(context)
                .build();
    }
}

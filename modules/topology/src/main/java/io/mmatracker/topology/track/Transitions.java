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
import io.mmatracker.schema.kind.ObjectRef;
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
    /** AlertType.values(), without the copy each call of it makes. */
    private static final AlertType[] ALERT_TYPES = AlertType.values();

    private Transitions() {
    }

    static Step onSnapshot(ObjectRef ref, ObjectView before, ObjectTracking tracking, ObjectView after, long observedAt) {
        boolean isNew = before == null || tracking == null;
        boolean hasMoved = isNew || after.hasMovedFrom(before);
        Map<String, OpenAlert> open = isNew ? new HashMap<>() : new HashMap<>(tracking.getOpenAlerts());
        long lastMovedAt = hasMoved ? observedAt : tracking.getLastMovedAt();

        ChangeType changeType = null;
        if (before == null) {
            changeType = ChangeType.CREATED;
        } else if (!Objects.equals(before.status(), after.status())) {
            changeType = ChangeType.STATUS;
        } else if (!before.progress().equals(after.progress())) {
            changeType = ChangeType.PROGRESS;
        }
        StatusChange change = changeType == null ? null : change(ref, changeType, after.name(),
                before == null ? null : before.status(), after.status(),
                before == null ? Map.of() : before.progress(), after.progress(), after.context(), observedAt);

        var alerts = new ArrayList<Alert>();
        long delta = 0;
        if (hasMoved && open.containsKey(STALLED)) {
            alerts.add(resolved(ref, AlertType.STALLED, open.remove(STALLED), after, observedAt, Map.of()));
            delta--;
        }
        for (AlertType type : ALERT_TYPES) {
            if (type == AlertType.STALLED || type == AlertType.UNKNOWN) {
                continue;
            }
            Failure failure = after.failures().get(type);
            OpenAlert firing = open.get(type.name());
            if (failure != null && firing == null) {
                var context = new HashMap<>(after.context());
                context.putAll(failure.context());
                var alert = alert(ref, type, AlertState.FIRING, after, failure.errorMessage(), observedAt, observedAt, context);
                alert.setFailedTaskCount(failure.failedTaskCount());
                alert.setFailedTasks(failure.failedTasks().isEmpty() ? null : failure.failedTasks());
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
        var change = change(ref, ChangeType.DELETED, before.name(), before.status(), null, before.progress(), Map.of(),
                before.context(), observedAt);
        var alerts = new ArrayList<Alert>();
        if (tracking != null) {
            for (AlertType type : ALERT_TYPES) {
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

    private static StatusChange change(ObjectRef ref, ChangeType type, String name, String fromStatus, String toStatus,
                                       Map<String, Long> fromProgress, Map<String, Long> toProgress,
                                       Map<String, String> context, long observedAt) {
        return StatusChange.newBuilder()
                .setKind(ref.kind())
                .setKey(ref.key())
                .setSourceId(ref.sourceId())
                .setObjectId(ref.idWithinSource())
                .setName(name)
                .setChangeType(type)
                .setFromStatus(fromStatus)
                .setToStatus(toStatus)
                .setFromProgress(fromProgress)
                .setToProgress(toProgress)
                .setObservedAt(Instant.ofEpochMilli(observedAt))
                .setContext(context)
                .build();
    }

    private static Alert resolved(ObjectRef ref, AlertType type, OpenAlert firing, ObjectView now, long observedAt,
                                  Map<String, String> extraContext) {
        var context = new HashMap<>(now.context());
        context.putAll(extraContext);
        return alert(firing.getAlertId(), ref, type, AlertState.RESOLVED, now, firing.getErrorMessage(),
                firing.getFirstSeenAt(), observedAt, context);
    }

    private static Alert alert(ObjectRef ref, AlertType type, AlertState state, ObjectView view, String errorMessage,
                               long firstSeenAt, long observedAt, Map<String, String> context) {
        return alert(alertId(ref.key(), type, firstSeenAt), ref, type, state, view, errorMessage, firstSeenAt,
                observedAt, context);
    }

    // Records are built field by field: Avro's copy builders (newBuilder(other)) load classes by name, which
    // Avro 1.12 refuses for untrusted packages.
    private static Alert alert(String alertId, ObjectRef ref, AlertType type, AlertState state, ObjectView view,
                               String errorMessage, long firstSeenAt, long observedAt, Map<String, String> context) {
        return Alert.newBuilder()
                .setAlertId(alertId)
                .setKind(ref.kind())
                .setKey(ref.key())
                .setSourceId(ref.sourceId())
                .setObjectId(ref.idWithinSource())
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

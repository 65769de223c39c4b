package io.mmatracker.simulator.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.simulator.fleet.FleetState.TaskRef;
import io.mmatracker.simulator.protocol.MmsKind;

/**
 * What the admin API ({@code /_sim/}) changes in the fleet beyond MMA's own operations: pinning and releasing
 * fields of any object, and deleting objects. Called under the fleet's write lock.
 */
final class AdminChanges {

    private final FleetState state;

    AdminChanges(FleetState state) {
        this.state = state;
    }

    /** Pins fields of an object (see {@link Pin}) and answers its new view. */
    Object pin(MmsKind kind, long sourceId, long id, ObjectNode body) {
        SimSource s = state.source(sourceId);
        PinStore pins = state.pins;
        long now = state.time.now();
        switch (kind) {
            case DATA_SOURCE -> {
                pins.merge(kind, s.id, body, now);
                return state.viewOf(kind, s, s.id, now);
            }
            case SCAN -> pins.merge(kind, FleetState.scan(s, id).id, body, now);
            case JOB -> pins.merge(kind, state.job(s, id, now).id, body, now);
            case TABLE -> {
                int t = FleetState.table(s, id);
                pins.merge(kind, id, body, now);
                s.setTablePinned(t, true);
            }
            case TASK -> {
                TaskRef ref = state.task(s, id, now);
                if (pins.get(kind, id) == null) {
                    ref.job().pinnedTasks++;
                }
                pins.merge(kind, id, body, now);
            }
            case ASYNC_TASK -> {
                FleetState.requireAsyncTask(s, id);
                pins.merge(kind, id, body, now);
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        return state.viewOf(kind, s, id, now);
    }

    /** Releases the pins of an object: its fields follow the simulation again. Answers its view. */
    Object unpin(MmsKind kind, long sourceId, long id) {
        SimSource s = state.source(sourceId);
        long objectId = kind == MmsKind.DATA_SOURCE ? s.id : id;
        long now = state.time.now();
        state.viewOf(kind, s, objectId, now);
        if (kind == MmsKind.TABLE) {
            s.setTablePinned(FleetState.table(s, id), false);
        }
        if (kind == MmsKind.TASK && state.pins.get(kind, id) != null) {
            state.task(s, id, now).job().pinnedTasks--;
        }
        state.pins.clear(kind, objectId);
        return state.viewOf(kind, s, objectId, now);
    }

    /** Deletes an object: it answers "not found" and leaves lists and counters from now on. */
    void delete(MmsKind kind, long sourceId, long id) {
        SimSource s = state.source(sourceId);
        long now = state.time.now();
        switch (kind) {
            case DATA_SOURCE -> s.deleted = true;
            case SCAN -> FleetState.scan(s, id).deleted = true;
            case JOB -> {
                Job job = state.job(s, id, now);
                job.timeline.stop(now);
                job.deleted = true;
            }
            case TABLE -> s.deleteTable(FleetState.table(s, id));
            case TASK -> {
                TaskRef ref = state.task(s, id, now);
                ref.job().deleteTask(ref.k());
            }
            case ASYNC_TASK -> {
                AsyncTask a = s.asyncTasks.get(id);
                if (a != null && !a.deleted) {
                    a.deleted = true;
                } else {
                    FleetState.scan(s, id).deleted = true;
                }
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }
}

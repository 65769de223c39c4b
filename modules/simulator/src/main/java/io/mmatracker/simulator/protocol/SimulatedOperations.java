package io.mmatracker.simulator.protocol;

import io.mmatracker.client.MmsOperation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which of MMA's operations (the client's catalog, {@link MmsOperation}) the simulator serves. The others are
 * still routed, so that they get a clear "not simulated" answer instead of looking like a typo.
 */
public final class SimulatedOperations {

    private static final Set<MmsOperation> SIMULATED = Collections.unmodifiableSet(EnumSet.of(
        MmsOperation.LIST_MMS_DATA_SOURCES, MmsOperation.GET_MMS_DATA_SOURCE,
        MmsOperation.CREATE_MMS_FETCH_METADATA_JOB, MmsOperation.GET_MMS_FETCH_METADATA_JOB,
        MmsOperation.LIST_MMS_TABLES, MmsOperation.GET_MMS_TABLE,
        MmsOperation.LIST_MMS_JOBS, MmsOperation.CREATE_MMS_JOB, MmsOperation.GET_MMS_JOB,
        MmsOperation.DELETE_MMS_JOB, MmsOperation.START_MMS_JOB, MmsOperation.STOP_MMS_JOB,
        MmsOperation.RETRY_MMS_JOB, MmsOperation.LIST_MMS_TASKS, MmsOperation.GET_MMS_TASK,
        MmsOperation.LIST_MMS_TASK_LOGS, MmsOperation.GET_MMS_ASYNC_TASK));

    private SimulatedOperations() {
    }

    /** The operations the simulator answers, in catalog order. */
    public static Set<MmsOperation> all() {
        return SIMULATED;
    }

    public static boolean isSimulated(MmsOperation op) {
        return SIMULATED.contains(op);
    }

    /** Whether the action names an operation the simulator answers (the {@code operations} of faults). */
    public static boolean isSimulated(String action) {
        return MmsOperation.byAction(action).map(SIMULATED::contains).orElse(false);
    }
}

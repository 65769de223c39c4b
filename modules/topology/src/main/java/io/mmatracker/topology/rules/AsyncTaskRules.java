package io.mmatracker.topology.rules;

import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.Phase;
import io.mmatracker.topology.summary.Contribution;

/**
 * Asynchronous tasks (TASK_CREATE, STOP_JOB, ...): progress, the task's type and target object as context, and
 * ASYNC_TASK_FAILED with MMA's error message; see the catalog's lifecycle.
 */
public final class AsyncTaskRules implements ObjectRules<AsyncTaskSnapshot> {

    @Override
    public Kind<AsyncTaskSnapshot, MmsAsyncTask> kind() {
        return KindCatalog.ASYNC_TASK;
    }

    @Override
    public ObjectView describe(AsyncTaskSnapshot snapshot) {
        var task = snapshot.getAsyncTask();
        String status = task.getStatus();
        Phase phase = kind().phaseOf(task);
        var progress = new HashMap<String, Long>();
        Fields.putIfPresent(progress, "progress", task.getProgress());
        var context = new HashMap<String, String>();
        Fields.putIfPresent(context, "asyncTaskType", task.getType());
        if (task.getObjectId() != null) {
            context.put("targetObjectId", task.getObjectId().toString());
        }
        var failures = phase == Phase.FAILED
                ? Map.of(AlertType.ASYNC_TASK_FAILED, Failure.of(Fields.hasErrorText(task.getErrorMsg())
                        ? task.getErrorMsg() : "async task " + task.getId() + " ended in " + status))
                : Map.<AlertType, Failure>of();
        return new ObjectView(task.getType(), status, progress, context, phase == Phase.MOVING, failures,
                Contribution.NONE);
    }
}

package io.mmatracker.topology.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.summary.Contribution;

/**
 * Asynchronous tasks (TASK_CREATE, STOP_JOB, ...). Their status set is undocumented: FAILED, any status ending in
 * _FAILED, or an error message is a failure; {@code running} says whether the task is still going.
 */
public final class AsyncTaskRules implements ObjectRules<AsyncTaskSnapshot> {

    @Override
    public ObjectKind kind() {
        return ObjectKind.ASYNC_TASK;
    }

    @Override
    public Class<AsyncTaskSnapshot> snapshotType() {
        return AsyncTaskSnapshot.class;
    }

    @Override
    public String topic(Topics topics) {
        return topics.asyncTasks();
    }

    @Override
    public String storeName() {
        return StoreNames.ASYNC_TASKS;
    }

    @Override
    public Instant observedAt(AsyncTaskSnapshot snapshot) {
        return snapshot.getMeta().getObservedAt();
    }

    @Override
    public ObjectView describe(AsyncTaskSnapshot snapshot) {
        var task = snapshot.getAsyncTask();
        String status = task.getStatus();
        var progress = new HashMap<String, Long>();
        Fields.putIfPresent(progress, "progress", task.getProgress());
        var context = new HashMap<String, String>();
        Fields.putIfPresent(context, "asyncTaskType", task.getType());
        if (task.getObjectId() != null) {
            context.put("targetObjectId", task.getObjectId().toString());
        }
        boolean isFailed = "FAILED".equals(status) || Fields.endsWith(status, "_FAILED")
                || Fields.hasErrorText(task.getErrorMsg());
        boolean isActive = !isFailed && (task.getRunning() != null
                ? task.getRunning()
                : status != null && !"DONE".equals(status) && !Fields.endsWith(status, "_DONE"));
        var failures = isFailed
                ? Map.of(AlertType.ASYNC_TASK_FAILED, Failure.of(Fields.hasErrorText(task.getErrorMsg())
                        ? task.getErrorMsg() : "async task " + task.getId() + " ended in " + status))
                : Map.<AlertType, Failure>of();
        return new ObjectView(task.getType(), status, progress, context, isActive, failures, Contribution.NONE);
    }
}

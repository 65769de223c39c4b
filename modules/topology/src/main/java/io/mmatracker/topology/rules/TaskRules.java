package io.mmatracker.topology.rules;

import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.Phase;
import io.mmatracker.topology.summary.Contribution;

/**
 * Migration tasks, one per table (or partition group) of a job: INIT, then SCHEMA_, DATA_ and VERIFICATION_ stages
 * each DOING → DONE or FAILED, then DONE (REFERENCE §6.6). A task in a {@code *_FAILED} status raises TASK_FAILED
 * with the table, the status and the last failing log step the poller kept; it resolves when a retry moves the task
 * on. The lifecycle is the catalog's.
 */
public final class TaskRules implements ObjectRules<TaskSnapshot> {

    @Override
    public Kind<TaskSnapshot, MmsTask> kind() {
        return KindCatalog.TASK;
    }

    @Override
    public ObjectView describe(TaskSnapshot snapshot) {
        var task = snapshot.getTask();
        String status = task.getStatus();
        String name = tableName(task.getSrcDbName(), task.getSrcTableName());
        var context = new HashMap<String, String>();
        Fields.putIfPresent(context, "sourceName", task.getSourceName());
        Fields.putIfPresent(context, "dbName", task.getSrcDbName());
        Fields.putIfPresent(context, "tableName", task.getSrcTableName());
        Fields.putIfPresent(context, "jobName", task.getJobName());
        if (task.getJobId() != null) {
            context.put("jobId", task.getJobId().toString());
        }
        Phase phase = kind().phaseOf(task);
        var failures = new HashMap<AlertType, Failure>();
        if (phase == Phase.FAILED) {
            MmsTaskLog step = snapshot.getFailedStep();
            var failureContext = new HashMap<String, String>();
            String message = "task of " + name + " ended in " + status;
            if (step != null) {
                Fields.putIfPresent(failureContext, "step", step.getAction());
                if (Fields.hasErrorText(step.getMsg())) {
                    message = step.getMsg();
                }
            }
            failures.put(AlertType.TASK_FAILED, new Failure(message, failureContext));
        }
        // a task has no progress counter: one in a *_DOING stage unchanged for the stall timeout is STALLED
        return new ObjectView(name, status, Map.of(), context, phase == Phase.MOVING, failures,
                Contribution.task(task.getSourceName(), status));
    }

    /** How a task's table is named in alerts: {@code db.table}, or what is known of it. */
    public static String tableName(String dbName, String tableName) {
        if (dbName == null) {
            return tableName;
        }
        return tableName == null ? dbName : dbName + "." + tableName;
    }
}

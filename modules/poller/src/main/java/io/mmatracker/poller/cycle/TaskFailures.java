package io.mmatracker.poller.cycle;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.TaskFailure;
import io.mmatracker.schema.json.Redaction;
import io.mmatracker.schema.topic.Keys;

/**
 * The failed tasks of every job the poller knows, from the task snapshots it published (and restored): what a
 * job's snapshot carries in {@code failedTaskCount} and {@code failedTasks}, so that the topology's JOB_FAILED
 * alert names the tables without a lookup across partitions. The poller reads a settling job's tasks before the
 * job itself (see {@link TaskPolling}), so the job's failed snapshot already counts them.
 */
public final class TaskFailures {

    /** How many failed tasks a job's snapshot names (the lowest task ids); the count covers them all. */
    public static final int FIRST = 5;
    /** A job's snapshot keeps a short message per failed task; the task's own alert has the whole step. */
    static final int MESSAGE_CHARS = 300;

    /** job key → task id → failure. */
    private final ConcurrentMap<String, NavigableMap<Long, TaskFailure>> byJob = new ConcurrentHashMap<>();
    /** task key → job key, for the failed tasks only (a tombstone carries no job id). */
    private final ConcurrentMap<String, String> jobOfFailedTask = new ConcurrentHashMap<>();

    /** Whether MMA's task status is a failure: SCHEMA_FAILED, DATA_FAILED, VERIFICATION_FAILED. */
    public static boolean isFailed(String status) {
        return status != null && status.endsWith("_FAILED");
    }

    /** Records a task as read from MMA (with its failing step when it failed). */
    public void observe(long sourceId, MmsTask task, MmsTaskLog failedStep) {
        if (task.getId() == null) {
            return;
        }
        String taskKey = Keys.object(sourceId, task.getId());
        if (!isFailed(task.getStatus()) || task.getJobId() == null) {
            forget(taskKey);
            return;
        }
        String jobKey = Keys.object(sourceId, task.getJobId());
        String previousJob = jobOfFailedTask.put(taskKey, jobKey);
        if (previousJob != null && !previousJob.equals(jobKey)) {
            remove(previousJob, task.getId());
        }
        byJob.computeIfAbsent(jobKey, k -> new ConcurrentSkipListMap<>()).put(task.getId(), failureOf(task, failedStep));
    }

    /** The task is gone at MMA. */
    public void forget(String taskKey) {
        String jobKey = jobOfFailedTask.remove(taskKey);
        if (jobKey != null) {
            remove(jobKey, Keys.objectIdOf(taskKey));
        }
    }

    /** Forgets every task of a data source (lost to another instance, or gone). */
    public void forgetSource(long sourceId) {
        String prefix = Keys.dataSource(sourceId) + "/";
        jobOfFailedTask.keySet().removeIf(key -> key.startsWith(prefix));
        byJob.keySet().removeIf(key -> key.startsWith(prefix));
    }

    /** How many of the job's tasks are in a failed status. */
    public int count(long sourceId, long jobId) {
        Map<Long, TaskFailure> failures = byJob.get(Keys.object(sourceId, jobId));
        return failures == null ? 0 : failures.size();
    }

    /** The job's first {@value #FIRST} failed tasks by task id, or null when none failed. */
    public List<TaskFailure> first(long sourceId, long jobId) {
        NavigableMap<Long, TaskFailure> failures = byJob.get(Keys.object(sourceId, jobId));
        if (failures == null || failures.isEmpty()) {
            return null;
        }
        return failures.values().stream().limit(FIRST).toList();
    }

    private void remove(String jobKey, long taskId) {
        byJob.computeIfPresent(jobKey, (k, failures) -> {
            failures.remove(taskId);
            return failures.isEmpty() ? null : failures;
        });
    }

    private static TaskFailure failureOf(MmsTask task, MmsTaskLog step) {
        String table = task.getSrcDbName() == null ? task.getSrcTableName()
                : task.getSrcTableName() == null ? task.getSrcDbName()
                : task.getSrcDbName() + "." + task.getSrcTableName();
        return TaskFailure.newBuilder()
                .setTaskId(task.getId())
                .setTableName(table)
                .setStatus(task.getStatus())
                .setAction(step == null ? null : shorten(step.getAction()))
                .setMessage(step == null ? null : shorten(step.getMsg()))
                .build();
    }

    private static String shorten(String text) {
        String redacted = Redaction.redactText(text);
        return redacted == null || redacted.length() <= MESSAGE_CHARS ? redacted
                : redacted.substring(0, MESSAGE_CHARS - 3) + "...";
    }
}

package io.mmatracker.simulator.fleet;

import static io.mmatracker.simulator.fleet.SeededHash.hash;
import static io.mmatracker.simulator.fleet.SeededHash.pick;
import static io.mmatracker.simulator.fleet.SimulatedTime.format;

import io.mmatracker.simulator.fleet.Evolution.Attempt;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of a task (ListMmsTaskLogs), told from its attempts: one step when a stage starts, one when it is done,
 * the SQL or read the stage runs as {@code action}, and on failure a message of the kind the source's engine
 * gives. A task pinned to a status gets a last step in that status, at the moment it was pinned, with the pinned
 * {@code msg}/{@code action} if any. Pure function of the seed, the task and its job's clock.
 */
final class TaskLogs {

    /** Admin pin keys of a task that set its last log step (they are not fields of MMA's task object). */
    static final String MSG = "msg";
    static final String ACTION = "action";

    private static final long SALT_ERROR = 120;
    /**
     * Log ids name a step by where it is in the task's life, so that one id always names one step (whatever a pin
     * strips): the task id times {@code STEPS_PER_TASK}, plus the attempt times {@code SLOTS_PER_ATTEMPT}, plus the
     * step's slot in the attempt: 0 its retry, 1 + i the plan's phase i, {@code OUTCOME_SLOT} its end (failed or
     * done), {@code PINNED_SLOT} + the status's ordinal the step of a pin to that status.
     */
    private static final long STEPS_PER_TASK = 100_000;
    private static final int SLOTS_PER_ATTEMPT = 32;
    private static final int OUTCOME_SLOT = 15;
    private static final int PINNED_SLOT = 16;

    private static final String[] SCHEMA_ERRORS = {
        "ODPS-0130071:[1,48] Semantic analysis exception - column type DECIMAL(38,18) of column amount is not "
            + "supported in the target project",
        "ODPS-0420095: Access Denied - Authorization Failed [4019], You have NO privilege 'odps:CreateTable' on "
            + "{project}",
        "ODPS-0110061: Failed to run ddltask - table {table} already exists with a different schema"};
    private static final String[] HIVE_DATA_ERRORS = {
        "java.io.IOException: Could not obtain block BP-1422839174-10.0.0.12-1690000000000:blk_1073741825 "
            + "file=/user/hive/warehouse/{db}.db/{srcTable}/ds=2024-06-30/000000_0",
        "Error while processing statement: FAILED: Execution Error, return code 2 from "
            + "org.apache.hadoop.hive.ql.exec.mr.MapRedTask. Container killed on request. Exit code is 143",
        "ODPS-0422155: Tunnel upload failed - quota exceeded for tunnel quota group default"};
    private static final String[] BIGQUERY_DATA_ERRORS = {
        "BigQuery Storage API error 429: Exceeded rate limits: too many concurrent read sessions",
        "BigQuery Storage API error 404: Not found: Table {db}.{srcTable} was not found in location US",
        "ODPS-0422155: Tunnel upload failed - quota exceeded for tunnel quota group default"};
    private static final String[] MAXCOMPUTE_DATA_ERRORS = {
        "ODPS-0130161: Parse exception - invalid partition value ds='2024-06-31'",
        "ODPS-0010000: System internal error - fuxi job failed, caused by: instance killed by quota manager",
        "ODPS-0420095: Access Denied - Authorization Failed [4019], You have NO privilege 'odps:Select' on "
            + "{db}.{srcTable}"};
    private static final String[] VERIFICATION_ERRORS = {
        "verification failed: source count(*) = {rows}, destination count(*) = {dstRows}",
        "verification failed: partition ds=2024-06-30 has {rows} rows at the source and {dstRows} at the "
            + "destination"};

    private final long seed;
    private final Evolution evolution;

    TaskLogs(long seed, Evolution evolution) {
        this.seed = seed;
        this.evolution = evolution;
    }

    /** The log of task k of a job at simulated instant {@code now}, oldest step first. */
    List<TaskLogView> of(Job job, int k, String dbName, String tableName, long now, Pin pin) {
        Steps steps = new Steps(job, k, dbName, tableName);
        long tau = job.timeline.clock(now);
        TaskStatus pinned = pin == null ? null : TaskStatus.parse(pin.text("status"));
        if (pinned != null) {
            // the task went its way until it was pinned, then turned to the pinned status
            tau = Math.min(tau, job.timeline.clock(Math.min(now, pin.pinnedAt())));
        }
        if (tau >= 0) {
            List<Attempt> attempts = new ArrayList<>();
            int partitions = TableFacts.partitions(seed, job.source.tableBase + job.tableAt(k));
            evolution.task(job, k, partitions, tau, new Evolution.TaskState(), attempts);
            for (Attempt a : attempts) {
                steps.attempt(a, tau);
            }
        }
        if (pinned != null) {
            steps.pinned(pinned, pin.pinnedAt());
        }
        if (pin != null && !steps.list.isEmpty()) {
            steps.override(pin.text(ACTION), pin.text(MSG));
        }
        return steps.list;
    }

    /** The steps of one task as they are told. */
    private final class Steps {
        final List<TaskLogView> list = new ArrayList<>();
        final Job job;
        final long taskId;
        final String srcDb;
        final String srcTable;
        final String dstTable;
        /** The attempt told last. */
        int attempt;

        Steps(Job job, int k, String dbName, String tableName) {
            this.job = job;
            this.taskId = job.taskIdBase + k;
            this.srcDb = dbName;
            this.srcTable = tableName;
            this.dstTable = FleetReader.dstTableName(job, tableName);
        }

        void attempt(Attempt a, long tau) {
            TaskPlan plan = job.plan;
            attempt = a.number();
            if (a.number() > 0) {
                add(0, TaskStatus.INIT, "RetryMmsJob", "retry " + a.number() + " of the failed task", a.start());
            }
            long until = a.failAt() >= 0 ? Math.min(tau, a.failAt()) : tau;
            for (int i = 0; i < plan.phases.length; i++) {
                long at = a.start() + (long) (a.duration() * plan.starts[i]);
                if (at > until || (a.failAt() >= 0 && i > a.failPhase())) {
                    break;
                }
                TaskStatus phase = plan.phases[i];
                add(1 + i, phase, action(phase), phase.isRunning() ? "start" : doneMessage(phase), at);
            }
            if (a.failAt() >= 0 && a.failAt() <= tau) {
                TaskStatus failed = TaskPlan.failedStatusOf(plan.phases[a.failPhase()]);
                add(OUTCOME_SLOT, failed, action(failed), error(failed, a.number()), a.failAt());
            } else if (a.start() + a.duration() <= tau) {
                add(OUTCOME_SLOT, TaskStatus.DONE, "finish task", "ok", a.start() + a.duration());
            }
        }

        /** The step of a pinned status, at the instant of the pin (epoch ms, not the job's clock). */
        void pinned(TaskStatus status, long at) {
            // steps the task took beyond the pinned status's stage give way to it, and so does the end of that
            // stage when the pin fails it (DATA_DONE then DATA_FAILED would read as two outcomes of one copy)
            while (!list.isEmpty()) {
                TaskStatus last = TaskStatus.parse(list.get(list.size() - 1).status());
                boolean beyond = last.stage() > status.stage()
                    || (status.isFailed() && last.stage() == status.stage() && !last.isRunning() && !last.isFailed());
                if (!beyond) {
                    break;
                }
                list.remove(list.size() - 1);
            }
            if (!list.isEmpty() && list.get(list.size() - 1).status().equals(status.name())) {
                return; // the task had reached that status by itself
            }
            String msg = status.isFailed() ? error(status, 0) : status.isRunning() ? "start" : doneMessage(status);
            list.add(new TaskLogView(id(PINNED_SLOT + status.ordinal()), taskId, job.source.id, status.name(),
                action(status), msg, format(at)));
        }

        void override(String action, String msg) {
            if (action == null && msg == null) {
                return;
            }
            TaskLogView last = list.remove(list.size() - 1);
            list.add(new TaskLogView(last.id(), last.taskId(), last.sourceId(), last.status(),
                action != null ? action : last.action(), msg != null ? msg : last.msg(), last.createTime()));
        }

        private long id(int slot) {
            return taskId * STEPS_PER_TASK + (long) attempt * SLOTS_PER_ATTEMPT + slot;
        }

        private void add(int slot, TaskStatus status, String action, String msg, long jobClock) {
            list.add(new TaskLogView(id(slot), taskId, job.source.id, status.name(),
                action, msg, format(job.timeline.instantAt(jobClock))));
        }

        private String dst() {
            return job.dstDbName + "." + job.dstSchemaName + "." + dstTable;
        }

        private String action(TaskStatus status) {
            return switch (status) {
                case INIT -> "create task";
                case SCHEMA_DOING, SCHEMA_DONE, SCHEMA_FAILED -> "create table if not exists " + dst()
                    + " like " + srcDb + "." + srcTable + ";";
                case DATA_DOING, DATA_DONE, DATA_FAILED -> switch (job.source.type) {
                    case HIVE -> "select odps_data_dump_multi('" + dst() + "', *) from " + srcDb + "." + srcTable
                        + ";";
                    case BIGQUERY -> "bigquery storage read session on " + job.source.name + "." + srcDb + "."
                        + srcTable + " into " + dst();
                    case MAXCOMPUTE -> "insert overwrite table " + dst() + " select * from " + srcDb + "."
                        + srcTable + ";";
                };
                case VERIFICATION_DOING, VERIFICATION_DONE, VERIFICATION_FAILED -> "select count(*) from "
                    + dst() + ";";
                case DONE -> "finish task";
            };
        }

        private String doneMessage(TaskStatus status) {
            if (status == TaskStatus.VERIFICATION_DONE && job.plan == TaskPlan.NO_VERIFICATION) {
                return "verification disabled, skipped";
            }
            return "ok";
        }

        private String error(TaskStatus failed, int attempt) {
            String[] choices = switch (failed) {
                case SCHEMA_FAILED -> SCHEMA_ERRORS;
                case DATA_FAILED -> switch (job.source.type) {
                    case HIVE -> HIVE_DATA_ERRORS;
                    case BIGQUERY -> BIGQUERY_DATA_ERRORS;
                    case MAXCOMPUTE -> MAXCOMPUTE_DATA_ERRORS;
                };
                default -> VERIFICATION_ERRORS;
            };
            long g = job.source.tableBase + job.tableAt((int) (taskId - job.taskIdBase));
            long rows = TableFacts.numRows(seed, g);
            return pick(hash(seed, SALT_ERROR, taskId, attempt), choices)
                .replace("{project}", job.dstDbName).replace("{table}", dst()).replace("{db}", srcDb)
                .replace("{srcTable}", srcTable).replace("{rows}", Long.toString(rows))
                .replace("{dstRows}", Long.toString(Math.max(0, rows - 1 - rows / 1000)));
        }
    }
}

package io.mmatracker.simulator.fleet;

import static io.mmatracker.simulator.fleet.SeededHash.hash;
import static io.mmatracker.simulator.fleet.SeededHash.unit;

import java.util.List;

/**
 * How tasks and tables progress: a pure function of the seed, the task, its job's clock and the job's retries.
 * Each attempt of a task has its own duration and fate; a failing attempt fails part-way through one stage.
 * Only jobs fated to fail have failing tasks (see {@link Job#failShare}); each retry halves the chance of
 * failing again. Results go into caller-owned scratch objects so that counting a million tables allocates
 * nothing.
 */
final class Evolution {

    /** A task's state at one moment. */
    static final class TaskState {
        TaskStatus status;
        int attempt;
        /** Job-clock moment the current attempt started, or -1 when the task has not started. */
        long attemptStart;
        /** Job-clock moment the task ended (done or failed), or -1. */
        long end;
        /** Share of the table's partitions copied, 0..1. */
        double dataFraction;
    }

    /**
     * One attempt of a task, for its log: where it started on the job's clock, how long it takes, and where it
     * failed ({@code failPhase} indexes the plan's phases; -1 and {@code failAt} -1 when it has not failed).
     */
    record Attempt(int number, long start, long duration, int failPhase, long failAt) {
    }

    /** A table's state at one moment. */
    static final class TableState {
        TableStatus status;
        int partitions;
        int doing;
        int done;
        int failed;
    }

    private static final long SALT_ATTEMPT = 101;
    private static final long SALT_FATE = 102;
    private static final long SALT_STAGE = 103;
    private static final long SALT_WHERE = 104;
    private static final long SALT_VERIFY_LOSS = 105;
    private static final int MAX_ATTEMPTS = 1_000;

    private final long seed;

    Evolution(long seed) {
        this.seed = seed;
    }

    /** The state of task k of a job at job-clock moment tau (-1: the job has not started). */
    void task(Job job, int k, int partitions, long tau, TaskState out) {
        task(job, k, partitions, tau, out, null);
    }

    /**
     * The same, also adding to {@code history} (when not null) every attempt started by tau, oldest first: the
     * task's log is told from them.
     */
    void task(Job job, int k, int partitions, long tau, TaskState out, List<Attempt> history) {
        long start0 = (long) k * job.stagger;
        out.attempt = 0;
        out.end = -1;
        out.dataFraction = 0;
        if (tau < 0 || tau < start0) {
            out.status = TaskStatus.INIT;
            out.attemptStart = -1;
            return;
        }
        long taskId = job.taskIdBase + k;
        TaskPlan plan = job.plan;
        long attemptStart = start0;
        int attempt = 0;
        while (true) {
            long d = TableFacts.taskDuration(hash(seed, SALT_ATTEMPT, taskId, attempt), partitions);
            double failChance = attempt == 0 && k == job.doomedTask ? 1.0
                : attempt < 60 ? job.failShare / (1L << attempt) : 0;
            if (unit(hash(seed, SALT_FATE, taskId, attempt)) < failChance) {
                int phase = plan.failingPhase(unit(hash(seed, SALT_STAGE, taskId, attempt)));
                double where = 0.05 + 0.9 * unit(hash(seed, SALT_WHERE, taskId, attempt));
                double share = plan.starts[phase] + where * (plan.starts[phase + 1] - plan.starts[phase]);
                long failAt = attemptStart + (long) (d * share);
                if (tau >= failAt) {
                    long retry = job.timeline.retryBetween(failAt, tau);
                    if (history != null) {
                        history.add(new Attempt(attempt, attemptStart, d, phase, failAt));
                    }
                    if (retry >= 0 && attempt < MAX_ATTEMPTS) {
                        attempt++;
                        attemptStart = retry;
                        continue;
                    }
                    out.status = TaskPlan.failedStatusOf(plan.phases[phase]);
                    out.attempt = attempt;
                    out.attemptStart = attemptStart;
                    out.end = failAt;
                    out.dataFraction = phase < plan.dataPhase ? 0 : phase == plan.dataPhase ? where : 1;
                    return;
                }
            }
            out.attempt = attempt;
            out.attemptStart = attemptStart;
            if (history != null) {
                history.add(new Attempt(attempt, attemptStart, d, -1, -1));
            }
            long x = tau - attemptStart;
            if (x >= d) {
                out.status = TaskStatus.DONE;
                out.end = attemptStart + d;
                out.dataFraction = 1;
                return;
            }
            double s = x / (double) d;
            int i = 0;
            while (i + 1 < plan.phases.length && plan.starts[i + 1] <= s) {
                i++;
            }
            out.status = plan.phases[i];
            if (plan.dataPhase < 0 || i < plan.dataPhase) {
                out.dataFraction = 0;
            } else if (i == plan.dataPhase) {
                out.dataFraction = (s - plan.starts[i]) / (plan.starts[i + 1] - plan.starts[i]);
            } else {
                out.dataFraction = 1;
            }
            return;
        }
    }

    /** A table's state from the state of the task that migrates it. */
    void table(long g, int partitions, TaskState task, TableState out) {
        out.partitions = partitions;
        out.doing = 0;
        out.done = 0;
        out.failed = 0;
        TaskStatus s = task.status;
        if (s == TaskStatus.INIT) {
            out.status = TableStatus.INIT;
        } else if (s == TaskStatus.DONE) {
            out.status = TableStatus.DONE;
            out.done = partitions;
        } else if (s == TaskStatus.SCHEMA_FAILED) {
            out.status = TableStatus.FAILED;
            out.failed = partitions;
        } else if (s == TaskStatus.DATA_FAILED) {
            // a failed copy failed at least one partition (a task pinned to DATA_FAILED after its copy ended)
            out.done = Math.max(0, Math.min(partitions - 1, (int) (partitions * task.dataFraction)));
            out.failed = partitions - out.done;
            out.status = out.done > 0 ? TableStatus.PART_DONE : TableStatus.FAILED;
        } else if (s == TaskStatus.VERIFICATION_FAILED) {
            // verification found some partitions that differ
            out.failed = partitions == 0 ? 0
                : 1 + (int) (unit(hash(seed, SALT_VERIFY_LOSS, g, task.attempt)) * partitions * 0.2);
            out.done = partitions - out.failed;
            out.status = out.done > 0 ? TableStatus.PART_DONE : TableStatus.FAILED;
        } else {
            out.status = TableStatus.DOING;
            out.done = (int) (partitions * task.dataFraction);
            out.doing = partitions - out.done;
        }
    }

    /** A table no job migrates. */
    static void untouched(int partitions, TableState out) {
        out.status = TableStatus.INIT;
        out.partitions = partitions;
        out.doing = 0;
        out.done = 0;
        out.failed = 0;
    }
}

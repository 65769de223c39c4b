package io.mmatracker.poller.cycle;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.mmatracker.client.MmaApi;
import io.mmatracker.client.MmaException;
import io.mmatracker.client.TaskFilter;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.budget.Priority;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.json.Redaction;
import io.mmatracker.schema.kind.ObjectRef;

/**
 * The tasks of a source's unsettled jobs, in the same request budget and with the same list-by-status approach as
 * jobs and tables (a job can have 100,000 tasks: never one GET per task per cycle):
 * <ul>
 *   <li><b>active cycle</b>: one {@code ListMmsTasks status=S} per moving task status (the {@code *_DOING} stages
 *       and the {@code *_DONE} steps between them), paged, for the whole source: 6 requests per cycle whatever the
 *       number of jobs. A task that was moving and is no longer listed has finished or failed: its job's tasks are
 *       listed once ({@code ListMmsTasks jobId=J}, paged), or the few such tasks fetched one by one when that is
 *       cheaper. Tasks waiting in INIT are not listed (most of a large job's tasks wait);</li>
 *   <li><b>a job that settles</b> (left the active job list in this cycle) has its tasks listed once
 *       ({@code jobId=J}) <em>before</em> its own final GET, so the job's snapshot already counts its failed tasks;</li>
 *   <li><b>reconciliation</b>: every task of the source is listed, like jobs and tables.</li>
 * </ul>
 * A task that enters a failed status has its log read once ({@code ListMmsTaskLogs}); the last failing step goes
 * with its snapshot, redacted and bounded. Log reads take at most {@code poller.task-log-share} of the budget: a
 * failure beyond that is published at once without its step, and its log is read in a later active cycle (oldest
 * failure first), the task then published again with the step.
 */
public final class TaskPolling {

    /** Task statuses between INIT and the end (REFERENCE §6.6), each listed once per active cycle. */
    public static final List<String> MOVING_STATUSES = List.of("SCHEMA_DOING", "SCHEMA_DONE", "DATA_DOING",
            "DATA_DONE", "VERIFICATION_DOING", "VERIFICATION_DONE");
    /** Up to this many finished tasks of one job are fetched one by one rather than listing the job. */
    static final int GETS_BEFORE_LIST = 3;
    /** Failing steps kept for republishing a failed task without reading its log again. */
    static final int REMEMBERED_STEPS = 20_000;

    private final PollerConfig config;
    private final MmaApi api;
    private final MmaCalls calls;
    private final ChangeDetector detector;
    private final TaskFailures failures;
    private final SourceCycle cycle;
    /** source → task id → job id, for the tasks last seen moving (to list their job once they finish). */
    private final ConcurrentMap<Long, ConcurrentMap<Long, Long>> movingJobOf = new ConcurrentHashMap<>();
    private final Map<String, MmsTaskLog> steps = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, MmsTaskLog> eldest) {
                    return size() > REMEMBERED_STEPS;
                }
            });

    /** Failed tasks whose log waits for the log allowance, oldest failure first (insertion order), by task key. */
    private final Map<String, Deferred> deferredLogs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final LogAllowance allowance;

    /** A failed task whose log is not read yet: the task as last read. */
    private record Deferred(ObjectRef ref, MmsTask task) {
    }

    TaskPolling(PollerConfig config, MmaApi api, MmaCalls calls, ChangeDetector detector, TaskFailures failures,
                SourceCycle cycle, Clock clock) {
        this.allowance = new LogAllowance(config.taskLogShare() * config.requestsPerSecond(),
                config.activeInterval(), Objects.requireNonNull(clock, "clock"));
        this.config = Objects.requireNonNull(config, "config");
        this.api = Objects.requireNonNull(api, "api");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.cycle = Objects.requireNonNull(cycle, "cycle");
    }

    public TaskFailures failures() {
        return failures;
    }

    /**
     * The active cycle's task polls.
     *
     * @param settlingJobs jobs that left the active job list in this cycle (their final GET comes after this)
     */
    void pollActive(long sourceId, Set<Long> settlingJobs) throws InterruptedException {
        readDeferredLogs(sourceId);
        String sid = Long.toString(sourceId);
        Set<Long> wasMoving = detector.moving(ObjectKind.TASK, sourceId);
        Set<Long> listed = new HashSet<>();
        boolean complete = true;
        for (String status : MOVING_STATUSES) {
            complete &= cycle.list(ObjectKind.TASK, sourceId, "ListMmsTasks", Priority.ACTIVE,
                    n -> api.listMmsTasksPage(sid, TaskFilter.all().withStatus(status), n, config.pageSize()),
                    MmsTask::getId, listed);
        }
        Set<Long> jobsToList = new HashSet<>(settlingJobs);
        Map<Long, Set<Long>> finishedByJob = new TreeMap<>();
        if (complete) {
            wasMoving.removeAll(listed);
            Map<Long, Long> jobOf = movingJobOf.getOrDefault(sourceId, new ConcurrentHashMap<>());
            for (long taskId : wasMoving) {
                Long jobId = jobOf.get(taskId);
                finishedByJob.computeIfAbsent(jobId == null ? -1L : jobId, j -> new HashSet<>()).add(taskId);
            }
        }
        for (var entry : finishedByJob.entrySet()) {
            if (entry.getKey() >= 0 && entry.getValue().size() > GETS_BEFORE_LIST) {
                jobsToList.add(entry.getKey());
            }
        }
        for (long jobId : new java.util.TreeSet<>(jobsToList)) {
            listJob(sourceId, jobId);
        }
        for (var entry : finishedByJob.entrySet()) {
            if (jobsToList.contains(entry.getKey())) {
                continue;
            }
            for (long taskId : entry.getValue()) {
                if (detector.isMoving(new ObjectRef(ObjectKind.TASK, sourceId, taskId))) {
                    cycle.fetch(new ObjectRef(ObjectKind.TASK, sourceId, taskId), "GetMmsTask",
                            () -> api.getMmsTask(sid, Long.toString(taskId)));
                }
            }
        }
    }

    /** Every task of one job, every page. */
    private void listJob(long sourceId, long jobId) throws InterruptedException {
        String sid = Long.toString(sourceId);
        cycle.list(ObjectKind.TASK, sourceId, "ListMmsTasks", Priority.ACTIVE,
                n -> api.listMmsTasksPage(sid, TaskFilter.ofJob(jobId), n, config.pageSize()), MmsTask::getId,
                new HashSet<>());
    }

    /**
     * The failing step to publish with a task read from MMA: none unless the task is in a failed status; read once
     * from ListMmsTaskLogs when the task enters that status (or changed while in it and the step was forgotten).
     * A log that cannot be read leaves the snapshot without a step rather than failing the cycle.
     */
    MmsTaskLog failedStepOf(ObjectRef ref, MmsTask task) throws InterruptedException {
        String status = task.getStatus();
        if (!TaskFailures.isFailed(status)) {
            steps.remove(ref.key());
            deferredLogs.remove(ref.key());
            return null;
        }
        MmsTaskLog known = steps.get(ref.key());
        boolean entered = !status.equals(detector.statusOf(ref));
        if (known != null && !entered) {
            return known;
        }
        Deferred deferred = deferredLogs.get(ref.key());
        if (deferred != null || !entered && !detector.hasChanged(ref, task)) {
            if (deferred != null) {
                deferredLogs.replace(ref.key(), new Deferred(ref, task));
            }
            return null;
        }
        // within the log allowance and behind no older failure of this source; else published without its step now
        if (hasDeferred(ref.sourceId()) || !allowance.tryTake()) {
            deferredLogs.put(ref.key(), new Deferred(ref, task));
            return null;
        }
        return readStep(ref);
    }

    /** Reads a failed task's log once; its last failing step, redacted (and remembered), or null. */
    private MmsTaskLog readStep(ObjectRef ref) throws InterruptedException {
        List<MmsTaskLog> log;
        try {
            log = calls.call("ListMmsTaskLogs", Priority.ACTIVE,
                    () -> api.listMmsTaskLogs(Long.toString(ref.sourceId()), Long.toString(ref.objectId())));
        } catch (MmaException.NotFound | MmaException.Malformed e) {
            return null;
        }
        MmsTaskLog step = lastFailingStep(log);
        if (step != null) {
            step = Redaction.redact(step);
            steps.put(ref.key(), step);
        }
        return step;
    }

    private boolean hasDeferred(long sourceId) {
        synchronized (deferredLogs) {
            return deferredLogs.values().stream().anyMatch(d -> d.ref().sourceId() == sourceId);
        }
    }

    /**
     * Reads the logs that waited for the allowance, oldest failure first, as far as the allowance goes, and
     * publishes each task again with its step (the task itself unchanged).
     */
    private void readDeferredLogs(long sourceId) throws InterruptedException {
        List<Deferred> waiting;
        synchronized (deferredLogs) {
            waiting = deferredLogs.values().stream().filter(d -> d.ref().sourceId() == sourceId).toList();
        }
        for (Deferred d : waiting) {
            if (!allowance.tryTake()) {
                return;
            }
            MmsTaskLog step = readStep(d.ref());
            deferredLogs.remove(d.ref().key());
            if (step != null) {
                cycle.republishTask(d.ref(), d.task(), step);
            }
        }
    }

    /** How many failed tasks wait for their log to be read (all sources). */
    public int deferredLogs() {
        return deferredLogs.size();
    }

    /**
     * The requests ListMmsTaskLogs may make: refilled at its share of the budget's ceiling, holding at most one
     * active interval's worth (and at least one request), so a burst of failures cannot crowd out the polls.
     */
    private static final class LogAllowance {
        private final double perSecond;
        private final double capacity;
        private final Clock clock;
        private double tokens;
        private long refilledAt;

        LogAllowance(double perSecond, Duration activeInterval, Clock clock) {
            this.perSecond = perSecond;
            this.capacity = Math.max(1, perSecond * activeInterval.toMillis() / 1000.0);
            this.clock = clock;
            this.tokens = capacity;
            this.refilledAt = clock.millis();
        }

        synchronized boolean tryTake() {
            long now = clock.millis();
            tokens = Math.min(capacity, tokens + Math.max(0, now - refilledAt) * perSecond / 1000.0);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** The last step in a failed status, else the last step; null for an empty log. */
    static MmsTaskLog lastFailingStep(List<MmsTaskLog> log) {
        MmsTaskLog last = null;
        for (MmsTaskLog step : log) {
            if (TaskFailures.isFailed(step.getStatus())) {
                last = step;
            }
        }
        return last != null || log.isEmpty() ? last : log.get(log.size() - 1);
    }

    /** Keeps what the poller needs to know of a task it read (its job while it moves, its failure). */
    void observed(ObjectRef ref, MmsTask task, MmsTaskLog step, boolean isMoving) {
        var jobs = movingJobOf.computeIfAbsent(ref.sourceId(), s -> new ConcurrentHashMap<>());
        if (isMoving && task.getJobId() != null) {
            jobs.put(ref.objectId(), task.getJobId());
        } else {
            jobs.remove(ref.objectId());
        }
        failures.observe(ref.sourceId(), task, step);
    }

    /** A task read back from its snapshot topic, with the failing step published with it (null if none). */
    void restored(ObjectRef ref, MmsTask task, MmsTaskLog step, boolean isMoving) {
        if (TaskFailures.isFailed(task.getStatus())) {
            if (step != null) {
                steps.put(ref.key(), step);
            } else {
                // published without its step (its log waited for the allowance, or could not be read): read it later
                deferredLogs.put(ref.key(), new Deferred(ref, task));
            }
        }
        observed(ref, task, step, isMoving);
    }

    /** The task is gone. */
    void forgotten(ObjectRef ref) {
        var jobs = movingJobOf.get(ref.sourceId());
        if (jobs != null) {
            jobs.remove(ref.objectId());
        }
        steps.remove(ref.key());
        deferredLogs.remove(ref.key());
        failures.forget(ref.key());
    }

    /** Everything of a source is forgotten (gone, or handed to another instance). */
    public void forgetSource(long sourceId) {
        movingJobOf.remove(sourceId);
        failures.forgetSource(sourceId);
        String prefix = sourceId + "/";
        synchronized (steps) {
            steps.keySet().removeIf(key -> key.startsWith(prefix));
        }
        synchronized (deferredLogs) {
            deferredLogs.keySet().removeIf(key -> key.startsWith(prefix));
        }
    }

    /** For tests: which job each moving task belongs to. */
    Map<Long, Long> movingJobs(long sourceId) {
        return new HashMap<>(movingJobOf.getOrDefault(sourceId, new ConcurrentHashMap<>()));
    }
}

package io.mmatracker.poller.cycle;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.mmatracker.client.JobFilter;
import io.mmatracker.client.MmaApi;
import io.mmatracker.client.MmaException;
import io.mmatracker.client.Page;
import io.mmatracker.client.TableFilter;
import io.mmatracker.client.TaskFilter;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.budget.Priority;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.ObjectRef;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.publish.SnapshotSink;
import io.mmatracker.poller.watch.AsyncTaskWatches;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.json.Redaction;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll cycle of one data source. Its cost grows with the number of moving objects, not with the fleet:
 * <ul>
 *   <li>the data source itself (one GET), and its latest metadata scan while it runs;</li>
 *   <li><b>active cycle</b>: jobs and tables through status-filtered list calls (only moving objects come back);
 *       an object that was moving and is no longer listed is fetched once to capture its final state, and
 *       tombstoned if MMA confirms it is gone;</li>
 *   <li><b>reconciliation</b>: every job and table is listed, which finds new objects and retried finished ones; a
 *       known object missing from the list is fetched to confirm NotFound before its tombstone;</li>
 *   <li>watched async tasks until they finish (MMA cannot list them).</li>
 * </ul>
 * A snapshot is published only when the object's data changed. Retryable and authorization failures end the cycle
 * (the caller backs this source off); an answer that cannot be read is counted, logged once and skipped, and a list
 * that could not be read completely never leads to tombstones.
 */
public final class SourceCycle {

    /** How a cycle ended. */
    public enum Outcome {
        /** The source was polled. */
        POLLED,
        /**
         * The source was polled, but MMA's own table counters show more finished tables than the poller knows:
         * some went from INIT to a final state between two active cycles. Reconcile soon.
         */
        BEHIND,
        /** MMA says the data source does not exist (any more); everything known of it was tombstoned. */
        SOURCE_GONE
    }

    private static final Logger LOG = LoggerFactory.getLogger(SourceCycle.class);
    private static final int MAX_REMEMBERED_MALFORMED = 10_000;

    private final PollerConfig config;
    private final MmaApi api;
    private final MmaCalls calls;
    private final ChangeDetector detector;
    private final SnapshotSink sink;
    private final AsyncTaskWatches watches;
    private final ActivePolling activePolling;
    private final PollerMetrics metrics;
    private final Clock clock;
    private final Set<String> malformedLogged = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<Long, Long> scanWatchedAsTask = new ConcurrentHashMap<>();
    private final TaskPolling tasks;
    /** Large sources whose first listing of tasks waits for their next cycle (see {@link #run}). */
    private final Set<Long> tasksFirstListingDue = ConcurrentHashMap.newKeySet();

    public SourceCycle(PollerConfig config, MmaApi api, MmaCalls calls, ChangeDetector detector, SnapshotSink sink,
                       AsyncTaskWatches watches, PollerMetrics metrics, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.api = Objects.requireNonNull(api, "api");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.watches = Objects.requireNonNull(watches, "watches");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.activePolling = new ActivePolling(config.activeJobStatuses(), config.activeTableStatuses());
        this.tasks = new TaskPolling(config, api, calls, detector, new TaskFailures(), this, clock);
    }

    /** The poller's view of the sources' tasks (their jobs' failed tasks). */
    public TaskPolling tasks() {
        return tasks;
    }

    /**
     * An object read back from its snapshot topic after a restart or a rebalance: known, not republished. A failed
     * task's failing step comes back with it, so it is neither read from MMA again nor missing from its job. A
     * {@code null} snapshot is a tombstone read back: the object is forgotten again.
     */
    public void restored(ObjectRef ref, SpecificRecord snapshot) {
        if (snapshot == null) {
            if (ref.kind() == ObjectKind.TASK) {
                tasks.forgotten(ref);
            }
            detector.remove(ref);
            return;
        }
        SpecificRecord data = KindCatalog.of(ref.kind()).unwrapSnapshot(snapshot);
        var state = activePolling.stateOf(data);
        detector.offer(ref, data, state);
        if (data instanceof MmsTask task) {
            tasks.restored(ref, task, ((TaskSnapshot) snapshot).getFailedStep(), state.moving());
        }
    }

    public ActivePolling activePolling() {
        return activePolling;
    }

    /**
     * Polls one data source.
     *
     * @throws MmaException a failure that ends the cycle: retryable ones, Unauthorized, InvalidParameter
     */
    public Outcome run(long sourceId, boolean reconcile) throws InterruptedException {
        String sid = Long.toString(sourceId);
        MmsDataSource dataSource;
        try {
            dataSource = calls.call("GetMmsDataSource", Priority.ACTIVE, () -> api.getMmsDataSource(sid, true, null));
        } catch (MmaException.NotFound e) {
            sourceGone(sourceId);
            return Outcome.SOURCE_GONE;
        } catch (MmaException.Malformed e) {
            malformed("GetMmsDataSource", "data source " + sourceId, e);
            dataSource = null;
        }
        if (dataSource != null) {
            observe(ObjectRef.dataSource(sourceId), Redaction.redact(dataSource));
            pollScan(sourceId, dataSource, reconcile);
        }
        if (reconcile) {
            reconcile(ObjectKind.JOB, sourceId, "ListMmsJobs",
                    n -> api.listMmsJobsPage(sid, JobFilter.all(), n, config.pageSize()), MmsJob::getId);
            boolean firstTables = detector.count(ObjectKind.TABLE, sourceId) == 0;
            reconcile(ObjectKind.TABLE, sourceId, "ListMmsTables",
                    n -> api.listMmsTablesPage(sid, TableFilter.all(), n, config.pageSize()), MmsTable::getId);
            if (config.trackTasks()) {
                if (firstTables && detector.count(ObjectKind.TABLE, sourceId) > config.pageSize()
                        && detector.count(ObjectKind.TASK, sourceId) == 0) {
                    // A large source's first listing of tasks waits for its next cycle: the worker goes to the
                    // next source's first listing of tables first (at a million tables, 75,000 tasks per source
                    // are 75 more pages before another source's tables would be listed).
                    tasksFirstListingDue.add(sourceId);
                } else {
                    listAllTasks(sourceId);
                }
            }
        } else {
            if (tasksFirstListingDue.contains(sourceId)) {
                listAllTasks(sourceId);
            }
            pollActiveJobs(sourceId);
            pollActiveTables(sourceId);
        }
        pollAsyncTasks(sourceId);
        return !reconcile && dataSource != null && finishedTablesUnseen(sourceId, dataSource)
                ? Outcome.BEHIND : Outcome.POLLED;
    }

    /**
     * Compares the data source's counters of finished tables with what the poller knows. Read at the start of the
     * cycle, they can only be behind what the cycle then saw, so "ahead" means transitions the lists missed.
     */
    private boolean finishedTablesUnseen(long sourceId, MmsDataSource dataSource) {
        Integer done = dataSource.getTablesDoneNum();
        Integer failed = dataSource.getTablesFailedNum();
        Integer partDone = dataSource.getTablesPartDoneNum();
        if (done == null && failed == null && partDone == null) {
            return false;
        }
        long reported = orZero(done) + orZero(failed) + orZero(partDone);
        Map<String, Long> known = detector.countByStatus(ObjectKind.TABLE, sourceId);
        long seen = known.getOrDefault("DONE", 0L) + known.getOrDefault("FAILED", 0L)
                + known.getOrDefault("PART_DONE", 0L);
        return reported > seen;
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private void pollScan(long sourceId, MmsDataSource dataSource, boolean reconcile) throws InterruptedException {
        Long scanId = dataSource.getScanId();
        if (scanId == null) {
            return;
        }
        ObjectRef ref = new ObjectRef(ObjectKind.SCAN, sourceId, scanId);
        // the data source carries its latest scan's status: a settled scan is read again only when that differs
        String reported = dataSource.getScanStatus();
        boolean statusMoved = reported != null && !reported.equals(detector.statusOf(ref));
        if (reconcile || statusMoved || !detector.isKnown(ref) || detector.isMoving(ref)) {
            fetch(ref, "GetMmsFetchMetadataJob",
                    () -> api.getMmsFetchMetadataJob(Long.toString(sourceId), Long.toString(scanId)));
        }
        // MMA documents a scan id as usable with GetMmsAsyncTask too: follow it once per new scan
        if (config.scanAsAsyncTask() && !scanId.equals(scanWatchedAsTask.put(sourceId, scanId))) {
            watches.add(sourceId, scanId);
        }
    }

    private void pollActiveJobs(long sourceId) throws InterruptedException {
        String sid = Long.toString(sourceId);
        Set<Long> wasMoving = detector.moving(ObjectKind.JOB, sourceId);
        Set<Long> listed = new HashSet<>();
        boolean complete = true;
        // ListMmsJobs filters on one status at a time
        for (String status : new TreeSet<>(config.activeJobStatuses())) {
            complete &= list(ObjectKind.JOB, sourceId, "ListMmsJobs", Priority.ACTIVE,
                    n -> api.listMmsJobsPage(sid, JobFilter.all().withStatus(status), n, config.pageSize()),
                    MmsJob::getId, listed);
        }
        if (complete) {
            wasMoving.removeAll(listed);
        } else {
            wasMoving.clear();
        }
        if (config.trackTasks()) {
            // before the settling jobs' final GETs: their snapshots then count the tasks that failed
            tasks.pollActive(sourceId, wasMoving);
        }
        for (long jobId : wasMoving) {
            fetch(new ObjectRef(ObjectKind.JOB, sourceId, jobId), "GetMmsJob",
                    () -> api.getMmsJob(sid, Long.toString(jobId)));
        }
    }

    private void pollActiveTables(long sourceId) throws InterruptedException {
        String sid = Long.toString(sourceId);
        Set<Long> wasMoving = detector.moving(ObjectKind.TABLE, sourceId);
        Set<Long> listed = new HashSet<>();
        TableFilter active = TableFilter.all().withStatuses(List.copyOf(new TreeSet<>(config.activeTableStatuses())));
        boolean complete = list(ObjectKind.TABLE, sourceId, "ListMmsTables", Priority.ACTIVE,
                n -> api.listMmsTablesPage(sid, active, n, config.pageSize()), MmsTable::getId, listed);
        if (complete) {
            wasMoving.removeAll(listed);
            for (long tableId : wasMoving) {
                fetch(new ObjectRef(ObjectKind.TABLE, sourceId, tableId), "GetMmsTable",
                        () -> api.getMmsTable(sid, Long.toString(tableId)));
            }
        }
    }

    /** Lists every task of the source; the first time for it (also when deferred) as a first listing. */
    private void listAllTasks(long sourceId) throws InterruptedException {
        String sid = Long.toString(sourceId);
        boolean first = tasksFirstListingDue.contains(sourceId);
        if (reconcile(ObjectKind.TASK, sourceId, "ListMmsTasks",
                n -> api.listMmsTasksPage(sid, TaskFilter.all(), n, config.pageSize()), MmsTask::getId, first)) {
            tasksFirstListingDue.remove(sourceId);
        }
    }

    private <T extends SpecificRecord> void reconcile(ObjectKind kind, long sourceId, String operation,
                                                      IntFunction<Page<T>> page, Function<T, Long> id)
            throws InterruptedException {
        reconcile(kind, sourceId, operation, page, id, false);
    }

    /** @return false if the list could not be read completely */
    private <T extends SpecificRecord> boolean reconcile(ObjectKind kind, long sourceId, String operation,
                                                         IntFunction<Page<T>> page, Function<T, Long> id,
                                                         boolean firstListing)
            throws InterruptedException {
        Set<Long> known = detector.known(kind, sourceId);
        Set<Long> listed = new HashSet<>();
        // A source's first listing of a kind is what makes its objects queryable at all: it goes before everything
        // else (at a million tables, with it beside the active polls, the final GETs of settled tables, task lists
        // and task logs took 3 in 4 requests and left the first listing of the tables 4-5 requests/s). Later
        // reconciliations stay in the background.
        Priority priority = firstListing || known.isEmpty() ? Priority.FIRST_LISTING : Priority.BACKGROUND;
        if (!list(kind, sourceId, operation, priority, page, id, listed)) {
            return false;
        }
        known.removeAll(listed);
        String sid = Long.toString(sourceId);
        for (long objectId : known) {
            // absent from the full list: gone, or only shifted between pages while MMA changed; a GET decides
            ObjectRef ref = new ObjectRef(kind, sourceId, objectId);
            String oid = Long.toString(objectId);
            if (kind == ObjectKind.JOB) {
                fetch(ref, "GetMmsJob", () -> api.getMmsJob(sid, oid));
            } else if (kind == ObjectKind.TASK) {
                fetch(ref, "GetMmsTask", () -> api.getMmsTask(sid, oid));
            } else {
                fetch(ref, "GetMmsTable", () -> api.getMmsTable(sid, oid));
            }
        }
        return true;
    }

    private void pollAsyncTasks(long sourceId) throws InterruptedException {
        String sid = Long.toString(sourceId);
        for (long taskId : watches.of(sourceId)) {
            ObjectRef ref = new ObjectRef(ObjectKind.ASYNC_TASK, sourceId, taskId);
            if (detector.isKnown(ref) && !detector.isMoving(ref)) {
                continue;
            }
            if (!fetch(ref, "GetMmsAsyncTask", () -> api.getMmsAsyncTask(sid, Long.toString(taskId)))) {
                // no such task (any more): stop asking for it
                watches.remove(sourceId, taskId);
            }
        }
    }

    /**
     * Reads every page of a list and offers each object.
     *
     * @return false if a page could not be read, so absence from the list proves nothing
     */
    <T extends SpecificRecord> boolean list(ObjectKind kind, long sourceId, String operation,
                                                    Priority priority, IntFunction<Page<T>> page,
                                                    Function<T, Long> id, Set<Long> listed)
            throws InterruptedException {
        long seen = 0;
        for (int pageNum = 1; ; pageNum++) {
            int n = pageNum;
            Page<T> current;
            try {
                current = calls.call(operation, priority, () -> page.apply(n));
            } catch (MmaException.Malformed e) {
                malformed(operation, "source " + sourceId + " page " + n, e);
                return false;
            }
            boolean complete = true;
            for (T item : current.items()) {
                Long objectId = id.apply(item);
                if (objectId == null) {
                    malformedItem(operation, "source " + sourceId + " page " + n);
                    complete = false;
                    continue;
                }
                listed.add(objectId);
                observe(new ObjectRef(kind, sourceId, objectId), item);
            }
            seen += current.items().size();
            if (!complete) {
                return false;
            }
            if (current.isLast(seen)) {
                return true;
            }
        }
    }

    /**
     * GETs one object and offers it; tombstones it if MMA says it is gone.
     *
     * @return false if MMA said NotFound
     */
    boolean fetch(ObjectRef ref, String operation, Supplier<? extends SpecificRecord> get)
            throws InterruptedException {
        SpecificRecord data;
        try {
            data = calls.call(operation, Priority.ACTIVE, get);
        } catch (MmaException.NotFound e) {
            tombstone(ref);
            return false;
        } catch (MmaException.Malformed e) {
            malformed(operation, ref.toString(), e);
            return true;
        }
        observe(ref, data);
        return true;
    }

    /**
     * Publishes the object if its data changed. A task that entered a failed status has its log read first, so a
     * log that cannot be read now is asked for again on the next cycle; a job carries its failed tasks.
     */
    private void observe(ObjectRef ref, SpecificRecord data) throws InterruptedException {
        MmsTaskLog failedStep = data instanceof MmsTask task ? tasks.failedStepOf(ref, task) : null;
        var state = activePolling.stateOf(data);
        boolean changed = detector.offer(ref, data, state);
        if (data instanceof MmsTask task) {
            tasks.observed(ref, task, failedStep, state.moving());
        }
        if (!changed) {
            return;
        }
        SpecificRecord snapshot = KindCatalog.of(ref.kind()).wrapData(new SnapshotMeta(clock.instant(),
                config.endpoint(), config.region(), config.pollerId()), data);
        if (snapshot instanceof TaskSnapshot taskSnapshot) {
            taskSnapshot.setFailedStep(failedStep);
        } else if (snapshot instanceof JobSnapshot job) {
            job.setFailedTaskCount(tasks.failures().count(ref.sourceId(), ref.objectId()));
            job.setFailedTasks(tasks.failures().first(ref.sourceId(), ref.objectId()));
        }
        sink.publish(ref, snapshot, () -> lost(ref));
        metrics.published(ref.kind(), false);
    }

    /** Publishes a failed task again, its data unchanged, with the failing step read after it was first published. */
    void republishTask(ObjectRef ref, MmsTask task, MmsTaskLog step) {
        tasks.observed(ref, task, step, false);
        TaskSnapshot snapshot = (TaskSnapshot) KindCatalog.of(ObjectKind.TASK).wrapData(new SnapshotMeta(clock.instant(),
                config.endpoint(), config.region(), config.pollerId()), task);
        snapshot.setFailedStep(step);
        sink.publish(ref, snapshot, () -> lost(ref));
        metrics.published(ObjectKind.TASK, false);
    }

    private void tombstone(ObjectRef ref) {
        if (ref.kind() == ObjectKind.TASK) {
            tasks.forgotten(ref);
        }
        if (detector.remove(ref)) {
            sink.publish(ref, null, () -> lost(ref));
            metrics.published(ref.kind(), true);
        }
    }

    /** Kafka lost a record: make the object look moving and unknown-valued, so the next cycle reads and sends it. */
    private void lost(ObjectRef ref) {
        detector.invalidate(ref);
        metrics.publishFailed();
    }

    private void sourceGone(long sourceId) {
        for (ObjectKind kind : ObjectKind.values()) {
            if (kind == ObjectKind.UNKNOWN) {
                continue;
            }
            for (long objectId : detector.known(kind, sourceId)) {
                tombstone(new ObjectRef(kind, sourceId, objectId));
            }
        }
        scanWatchedAsTask.remove(sourceId);
        tasksFirstListingDue.remove(sourceId);
        tasks.forgetSource(sourceId);
        LOG.info("data source {} no longer exists at MMA; its objects were tombstoned", sourceId);
    }

    private void malformed(String operation, String what, MmaException e) {
        metrics.malformed(operation);
        if (remember(operation + " " + what)) {
            LOG.warn("skipping an unreadable answer of {} for {}: {}", operation, what, e.getMessage());
        }
    }

    private void malformedItem(String operation, String where) {
        metrics.malformed(operation);
        if (remember(operation + " " + where + " no id")) {
            LOG.warn("skipping an item without id in {} ({})", operation, where);
        }
    }

    private boolean remember(String key) {
        return malformedLogged.size() < MAX_REMEMBERED_MALFORMED && malformedLogged.add(key);
    }
}

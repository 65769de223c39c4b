package io.mmatracker.simulator.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.simulator.fleet.Filters.JobFilter;
import io.mmatracker.simulator.fleet.Filters.SourceFilter;
import io.mmatracker.simulator.fleet.Filters.TableFilter;
import io.mmatracker.simulator.fleet.Filters.TaskFilter;
import io.mmatracker.simulator.fleet.FleetState.TaskRef;
import io.mmatracker.openapi.ApiError;
import io.mmatracker.simulator.protocol.MmsKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The simulated MMA fleet: data sources with their scans, jobs, tables, tasks and async tasks, evolving with
 * simulated time. Everything is derived from the seed, so the same seed and the same clock give the same
 * answers. This class is the fleet's one entry point and its lock: reads share it, changes take it exclusively.
 * The work is done by {@link FleetReader} (views), {@link MmaWrites} (MMA's write operations),
 * {@link AdminChanges} (pins and deletions of the admin API) and {@link FleetGenerator} (making objects from the
 * seed), over the objects and id lookups of {@link FleetState}. Unknown objects answer {@link ApiError#notFound},
 * bad requests {@link ApiError#invalidParameter}.
 */
public final class Fleet {

    /** The async-task type of a metadata scan seen through GetMmsAsyncTask (MMA does not document one). */
    public static final String SCAN_ASYNC_TYPE = "FETCH_METADATA";

    private final FleetState state;
    private final FleetGenerator generator;
    private final MmaWrites writes;
    private final AdminChanges admin;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public Fleet(FleetSpec spec, SimulatedTime time) {
        this.state = new FleetState(spec, time);
        this.generator = new FleetGenerator(state);
        this.writes = new MmaWrites(state, generator);
        this.admin = new AdminChanges(state);
        generator.generate();
    }

    public FleetSpec spec() {
        return state.spec;
    }

    /** The current simulated instant, epoch ms. */
    public long now() {
        return state.time.now();
    }

    public SimulatedTime time() {
        return state.time;
    }

    /** How many tables a request about this source may have to look at (to decide where to run it). */
    public int tableCount(long sourceId) {
        return read(() -> {
            SimSource s = state.findSource(sourceId);
            return s == null ? 0 : s.tableCount;
        });
    }

    /** How many tables the whole fleet has. */
    public long totalTables() {
        return read(generator::totalTables);
    }

    // ================================================================ reads

    public Slice<SourceView> listSources(SourceFilter f, long offset, int limit, boolean withConfig, boolean english) {
        return read(() -> {
            long now = state.time.now();
            List<SourceView> items = new ArrayList<>();
            long matched = 0;
            for (SimSource s : state.sources) {
                if (s.deleted) {
                    continue;
                }
                Pin pin = state.pins.get(MmsKind.DATA_SOURCE, s.id);
                if (!Filters.contains(Pin.text(pin, "name", s.name), f.name())
                    || (f.type() != null && !f.type().equalsIgnoreCase(Pin.text(pin, "type", s.type.name())))
                    || (f.region() != null && !f.region().equals(Pin.text(pin, "region", s.region)))) {
                    continue;
                }
                if (matched >= offset && items.size() < limit) {
                    items.add(state.reader.sourceView(s, now, withConfig, english));
                }
                matched++;
            }
            return new Slice<>(matched, items);
        });
    }

    public SourceView source(long sourceId, boolean withConfig, boolean english) {
        return read(() -> state.reader.sourceView(state.source(sourceId), state.time.now(), withConfig, english));
    }

    public ScanView scan(long sourceId, long scanId) {
        return read(() -> {
            SimSource s = state.source(sourceId);
            return state.reader.scanView(s, FleetState.scan(s, scanId), state.time.now());
        });
    }

    public Slice<TableView> listTables(long sourceId, TableFilter f, long offset, int limit) {
        return read(() -> state.reader.listTables(state.source(sourceId), f, offset, limit, state.time.now()));
    }

    public TableView table(long sourceId, long tableId) {
        return read(() -> {
            SimSource s = state.source(sourceId);
            return state.reader.tableView(s, FleetState.table(s, tableId), state.time.now(), new FleetReader.Scratch());
        });
    }

    public Slice<JobView> listJobs(long sourceId, JobFilter f, long offset, int limit) {
        return read(() -> state.reader.listJobs(state.source(sourceId), f, offset, limit, state.time.now()));
    }

    public JobView job(long sourceId, long jobId) {
        return read(() -> {
            long now = state.time.now();
            return state.reader.jobView(state.job(state.source(sourceId), jobId, now), now, new FleetReader.Scratch());
        });
    }

    public Slice<TaskView> listTasks(long sourceId, TaskFilter f, long offset, int limit) {
        return read(() -> state.reader.listTasks(state.source(sourceId), f, offset, limit, state.time.now()));
    }

    public TaskView task(long sourceId, long taskId) {
        return read(() -> {
            long now = state.time.now();
            TaskRef ref = state.task(state.source(sourceId), taskId, now);
            return state.reader.taskView(ref.job(), ref.k(), now, new FleetReader.Scratch());
        });
    }

    /** ListMmsTaskLogs: the steps of a task so far, oldest first (MMA answers them all, without paging). */
    public List<TaskLogView> taskLogs(long sourceId, long taskId) {
        return read(() -> {
            long now = state.time.now();
            TaskRef ref = state.task(state.source(sourceId), taskId, now);
            return state.reader.taskLogs(ref.job(), ref.k(), now);
        });
    }

    /** GetMmsAsyncTask: an async task, or a metadata scan by its id. */
    public AsyncTaskView asyncTask(long sourceId, long asyncTaskId) {
        return read(() -> {
            SimSource s = state.source(sourceId);
            long now = state.time.now();
            AsyncTask a = s.asyncTasks.get(asyncTaskId);
            if (a != null && !a.deleted) {
                return state.reader.asyncView(s, a, now);
            }
            Scan scan = s.scan(asyncTaskId);
            if (scan != null) {
                return state.reader.scanAsAsync(s, scan, now);
            }
            throw MmsKind.ASYNC_TASK.notFound(asyncTaskId).toException();
        });
    }

    /** All async tasks of a source (created ones and scans), oldest first: there is no MMA operation for this. */
    public List<AsyncTaskView> asyncTasks(long sourceId) {
        return read(() -> {
            SimSource s = state.source(sourceId);
            long now = state.time.now();
            List<AsyncTaskView> all = new ArrayList<>();
            for (Scan scan : s.scans) {
                if (!scan.deleted) {
                    all.add(state.reader.scanAsAsync(s, scan, now));
                }
            }
            for (AsyncTask a : s.asyncTasks.values()) {
                if (!a.deleted) {
                    all.add(state.reader.asyncView(s, a, now));
                }
            }
            all.sort((x, y) -> Long.compare(x.id(), y.id()));
            return all;
        });
    }

    // ================================================================ MMA write operations

    /** CreateMmsFetchMetadataJob: a new scan of the source (or of one database / some tables), running from now. */
    public long createScan(long sourceId, String dbName, List<String> tableNames) {
        return write(() -> writes.createScan(sourceId, dbName, tableNames));
    }

    /** CreateMmsJob: validates the request and answers the TASK_CREATE async task's id; the job runs once it ends. */
    public long createJob(long sourceId, CreateJobRequest request) {
        return write(() -> writes.createJob(sourceId, request));
    }

    /** StartMmsJob: resumes a stopped job, or starts a job that is waiting for its start. */
    public long startJob(long sourceId, long jobId) {
        return write(() -> writes.startJob(sourceId, jobId));
    }

    /** What StopMmsJob did: the job's id (MMA's answer) and the STOP_JOB async task it started. */
    public record StopOutcome(long jobId, long asyncTaskId) {
    }

    /** StopMmsJob: freezes the job's tasks where they are (a finished job has nothing to stop). */
    public StopOutcome stopJob(long sourceId, long jobId) {
        return write(() -> writes.stopJob(sourceId, jobId));
    }

    /** RetryMmsJob: tasks failed by now start a new attempt (they run once the job is not stopped). */
    public long retryJob(long sourceId, long jobId) {
        return write(() -> writes.retryJob(sourceId, jobId));
    }

    /** DeleteMmsJob: the job and its tasks disappear; its tables keep the state they reached. */
    public long deleteJob(long sourceId, long jobId) {
        return write(() -> writes.deleteJob(sourceId, jobId));
    }

    // ================================================================ admin

    /** A data source the admin API adds; null members take generated values. */
    public record NewSource(String name, SourceType type, String region, Integer tables, Integer jobs) {
    }

    /** Adds a data source whose jobs start within the next half hour and whose first scan runs now. */
    public long addSource(NewSource n) {
        return write(() -> generator.addSource(n.name(), n.type(), n.region(), n.tables(), n.jobs()).id);
    }

    /** Pins fields of an object (see {@link Pin}) and answers its new view. */
    public Object pin(MmsKind kind, long sourceId, long id, ObjectNode body) {
        return write(() -> admin.pin(kind, sourceId, id, body));
    }

    /** Releases the pins of an object: its fields follow the simulation again. Answers its view. */
    public Object unpin(MmsKind kind, long sourceId, long id) {
        return write(() -> admin.unpin(kind, sourceId, id));
    }

    /** Deletes an object: it answers "not found" and leaves lists and counters from now on. */
    public void delete(MmsKind kind, long sourceId, long id) {
        write(() -> {
            admin.delete(kind, sourceId, id);
            return null;
        });
    }

    /** The current view of any object, as the matching Get operation would serve it. */
    public Object view(MmsKind kind, long sourceId, long id) {
        return read(() -> state.viewOf(kind, state.source(sourceId), id, state.time.now()));
    }

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}

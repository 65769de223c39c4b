package io.mmatracker.simulator.fleet;

import static io.mmatracker.simulator.fleet.SeededHash.between;
import static io.mmatracker.simulator.fleet.SeededHash.hash;
import static io.mmatracker.simulator.fleet.SeededHash.pick;
import static io.mmatracker.simulator.fleet.SeededHash.unit;
import static io.mmatracker.simulator.fleet.TableFacts.MINUTE;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.simulator.fleet.Filters.JobFilter;
import io.mmatracker.simulator.fleet.Filters.SourceFilter;
import io.mmatracker.simulator.fleet.Filters.TableFilter;
import io.mmatracker.simulator.fleet.Filters.TaskFilter;
import io.mmatracker.simulator.protocol.ApiError;
import io.mmatracker.simulator.protocol.MmsKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The simulated MMA fleet: data sources with their scans, jobs, tables, tasks and async tasks, evolving with
 * simulated time. Everything is derived from the seed, so the same seed and the same clock give the same
 * answers. Reads share a lock, changes (MMA write operations and admin actions) take it exclusively.
 * Unknown objects answer {@link ApiError#notFound}, bad requests {@link ApiError#invalidParameter}.
 */
public final class Fleet {

    static final long SOURCE_ID_BASE = 2_000_001L;
    static final long JOB_ID_BASE = 10_001L;
    static final long DB_ID_BASE = 3_000_001L;
    static final long TABLE_ID_BASE = 100_000_001L;
    static final long FLEET_TASK_ID_BASE = 5_000_000_001L;
    static final long CREATED_TASK_ID_BASE = 9_000_000_001L;
    static final long ASYNC_ID_BASE = 1_000_001L;
    /** The async-task type of a metadata scan seen through GetMmsAsyncTask (MMA does not document one). */
    public static final String SCAN_ASYNC_TYPE = "FETCH_METADATA";

    private static final long SALT_SOURCE_NAME = 1;
    private static final long SALT_REGION = 2;
    private static final long SALT_CREATED = 3;
    private static final long SALT_VPC = 4;
    private static final long SALT_JOB_START = 5;
    private static final long SALT_JOB_CREATED = 6;
    private static final long SALT_JOB_SPAN = 7;
    private static final long SALT_JOB_VERIFY = 8;
    private static final long SALT_JOB_TYPE = 9;
    private static final long SALT_JOB_FATE = 10;
    private static final long SALT_JOB_FAIL_SHARE = 11;
    private static final long SALT_JOB_DOOMED = 12;
    private static final long SALT_SCAN_FATE = 40;
    private static final long SALT_SCAN_WHERE = 41;
    private static final long SALT_ASYNC_DURATION = 42;
    private static final String[] REGIONS = {"cn-shanghai", "cn-hangzhou", "cn-beijing", "cn-shenzhen",
        "ap-southeast-1"};
    private static final String[] SOURCE_WORDS = {"prod", "analytics", "legacy", "warehouse", "lake", "reporting"};

    private final FleetSpec spec;
    private final long seed;
    private final SimulatedTime time;
    private final Evolution evolution;
    private final PinStore pins = new PinStore();
    private final FleetReader reader;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<SimSource> sources = new ArrayList<>();
    private long nextJobId = JOB_ID_BASE;
    private int nextTableBase;
    private long nextDbId = DB_ID_BASE;
    private long nextAsyncId = ASYNC_ID_BASE;
    private long nextCreatedTaskId = CREATED_TASK_ID_BASE;

    public Fleet(FleetSpec spec, SimulatedTime time) {
        this.spec = spec;
        this.seed = spec.seed();
        this.time = time;
        this.evolution = new Evolution(seed);
        this.reader = new FleetReader(seed, time.epoch(), evolution, pins);
        for (int i = 0; i < spec.sources(); i++) {
            addSource(null, null, null, spec.tablesPerSource(), spec.jobsPerSource(), true);
        }
    }

    public FleetSpec spec() {
        return spec;
    }

    /** The current simulated instant, epoch ms. */
    public long now() {
        return time.now();
    }

    public SimulatedTime time() {
        return time;
    }

    /** How many tables a request about this source may have to look at (to decide where to run it). */
    public int tableCount(long sourceId) {
        return read(() -> {
            SimSource s = findSource(sourceId);
            return s == null ? 0 : s.tableCount;
        });
    }

    /** How many tables the whole fleet has. */
    public long totalTables() {
        return read(() -> (long) nextTableBase);
    }

    // ================================================================ reads

    public Page<SourceView> listSources(SourceFilter f, long offset, int limit, boolean withConfig, boolean english) {
        return read(() -> {
            long now = time.now();
            List<SourceView> items = new ArrayList<>();
            long matched = 0;
            for (SimSource s : sources) {
                if (s.deleted) {
                    continue;
                }
                Pin pin = pins.get(MmsKind.DATA_SOURCE, s.id);
                if (!Filters.contains(Pin.text(pin, "name", s.name), f.name())
                    || (f.type() != null && !f.type().equalsIgnoreCase(Pin.text(pin, "type", s.type.name())))
                    || (f.region() != null && !f.region().equals(Pin.text(pin, "region", s.region)))) {
                    continue;
                }
                if (matched >= offset && items.size() < limit) {
                    items.add(reader.sourceView(s, now, withConfig, english));
                }
                matched++;
            }
            return new Page<>(matched, items);
        });
    }

    public SourceView source(long sourceId, boolean withConfig, boolean english) {
        return read(() -> reader.sourceView(source(sourceId), time.now(), withConfig, english));
    }

    public ScanView scan(long sourceId, long scanId) {
        return read(() -> {
            SimSource s = source(sourceId);
            return reader.scanView(s, scan(s, scanId), time.now());
        });
    }

    public Page<TableView> listTables(long sourceId, TableFilter f, long offset, int limit) {
        return read(() -> reader.listTables(source(sourceId), f, offset, limit, time.now()));
    }

    public TableView table(long sourceId, long tableId) {
        return read(() -> {
            SimSource s = source(sourceId);
            return reader.tableView(s, table(s, tableId), time.now(), new FleetReader.Scratch());
        });
    }

    public Page<JobView> listJobs(long sourceId, JobFilter f, long offset, int limit) {
        return read(() -> reader.listJobs(source(sourceId), f, offset, limit, time.now()));
    }

    public JobView job(long sourceId, long jobId) {
        return read(() -> reader.jobView(job(source(sourceId), jobId), time.now(), new FleetReader.Scratch()));
    }

    public Page<TaskView> listTasks(long sourceId, TaskFilter f, long offset, int limit) {
        return read(() -> reader.listTasks(source(sourceId), f, offset, limit, time.now()));
    }

    public TaskView task(long sourceId, long taskId) {
        return read(() -> {
            SimSource s = source(sourceId);
            TaskRef ref = task(s, taskId);
            return reader.taskView(ref.job, ref.k, time.now(), new FleetReader.Scratch());
        });
    }

    /** GetMmsAsyncTask: an async task, or a metadata scan by its id. */
    public AsyncTaskView asyncTask(long sourceId, long asyncTaskId) {
        return read(() -> {
            SimSource s = source(sourceId);
            long now = time.now();
            AsyncTask a = s.asyncTasks.get(asyncTaskId);
            if (a != null && !a.deleted) {
                return reader.asyncView(s, a, now);
            }
            Scan scan = s.scan(asyncTaskId);
            if (scan != null) {
                return reader.scanAsAsync(s, scan, now);
            }
            throw ApiError.notFound(MmsKind.ASYNC_TASK, asyncTaskId).toException();
        });
    }

    /** All async tasks of a source (created ones and scans), oldest first: there is no MMA operation for this. */
    public List<AsyncTaskView> asyncTasks(long sourceId) {
        return read(() -> {
            SimSource s = source(sourceId);
            long now = time.now();
            List<AsyncTaskView> all = new ArrayList<>();
            for (Scan scan : s.scans) {
                if (!scan.deleted) {
                    all.add(reader.scanAsAsync(s, scan, now));
                }
            }
            for (AsyncTask a : s.asyncTasks.values()) {
                if (!a.deleted) {
                    all.add(reader.asyncView(s, a, now));
                }
            }
            all.sort((x, y) -> Long.compare(x.id(), y.id()));
            return all;
        });
    }

    // ================================================================ MMA write operations

    /** CreateMmsFetchMetadataJob: a new scan of the source (or of one database / some tables), running from now. */
    public long createScan(long sourceId, String dbName, List<String> tableNames) {
        return write(() -> {
            SimSource s = source(sourceId);
            long now = time.now();
            int tables;
            long partitions = 0;
            int dbs;
            if (dbName != null) {
                int d = dbIndex(s, dbName);
                int from = s.dbFrom(d);
                int to = s.dbFrom(d + 1);
                if (tableNames != null && !tableNames.isEmpty()) {
                    Set<Integer> found = tablesByName(s, d, tableNames);
                    tables = found.size();
                    for (int t : found) {
                        partitions += TableFacts.partitions(seed, s.tableBase + t);
                    }
                } else {
                    tables = to - from;
                    for (int t = from; t < to; t++) {
                        partitions += TableFacts.partitions(seed, s.tableBase + t);
                    }
                }
                dbs = 1;
            } else {
                if (tableNames != null && !tableNames.isEmpty()) {
                    throw ApiError.missingParameter("dbName").toException();
                }
                tables = s.tableCount - s.deletedTableCount();
                partitions = s.totalPartitions;
                dbs = s.dbCount;
            }
            Scan scan = newScan(s, now, tables, partitions, dbs);
            s.scans.add(scan);
            return scan.id;
        });
    }

    /** CreateMmsJob: validates the request and answers the TASK_CREATE async task's id; the job runs once it ends. */
    public long createJob(long sourceId, CreateJobRequest r) {
        return write(() -> {
            SimSource s = source(sourceId);
            long now = time.now();
            if (r.name() == null || r.name().isBlank()) {
                throw ApiError.missingParameter("name").toException();
            }
            if (r.srcDbName() == null || r.srcDbName().isBlank()) {
                throw ApiError.missingParameter("srcDbName").toException();
            }
            int d = dbIndex(s, r.srcDbName());
            int[] tables = selectTables(s, d, r);
            if (tables.length == 0) {
                throw ApiError.invalidParameter("the job would migrate no table of " + r.srcDbName()).toException();
            }
            long asyncId = nextAsyncId++;
            long jobId = nextJobId++;
            long asyncStart = now + 1_000;
            long asyncDuration = between(hash(seed, SALT_ASYNC_DURATION, asyncId), 3_000, 15_000);
            boolean verification = r.enableVerification() == null || r.enableVerification();
            boolean schemaOnly = r.schemaOnly() != null && r.schemaOnly();
            List<Long> partitions = r.partitions() == null ? List.of() : r.partitions();
            String type = !partitions.isEmpty() ? "Partitions"
                : r.tables() != null && !r.tables().isEmpty() ? "Tables" : "Database";
            JobConfigView config = new JobConfigView(partitions, orEmpty(r.tables()),
                r.taskType() == null ? s.type.taskType() : r.taskType(), orEmpty(r.tableBlackList()),
                orEmpty(r.tableWhiteList()), orEmpty(r.partitionFilters()), schemaOnly, orEmpty(r.tableMapping()),
                r.increment() != null && r.increment(), verification, "", orEmpty(r.columnMapping()),
                r.others() == null || !r.others().isObject() ? JsonNodeFactory.instance.objectNode() : r.others());
            long span = jobSpan(tables.length, 1.0);
            Job job = new Job(jobId, s, r.name(), d, type, 0, 0, tables, nextCreatedTaskId, now,
                asyncStart + asyncDuration, tables.length > 1 ? span / tables.length : 0,
                TaskPlan.of(schemaOnly, verification), orDefault(r.srcSchemaName(), "default"),
                orDefault(r.dstDbName(), s.dstProject), orDefault(r.dstSchemaName(), "default"),
                orDefault(r.eta(), ""), config, failShare(jobId), doomedTask(jobId, tables.length));
            nextCreatedTaskId += tables.length;
            s.createdJobs.add(job);
            for (int t : tables) {
                s.takeOver(t, job);
            }
            s.asyncTasks.put(asyncId, new AsyncTask(asyncId, AsyncTask.TASK_CREATE, jobId, now, asyncStart,
                asyncDuration, null, "{\"jobId\":" + jobId + "}"));
            return asyncId;
        });
    }

    /** StartMmsJob: resumes a stopped job, or starts a job that is waiting for its start. */
    public long startJob(long sourceId, long jobId) {
        return write(() -> {
            Job job = job(source(sourceId), jobId);
            long now = time.now();
            job.timeline.resume(now);
            job.timeline.startNow(now);
            return job.id;
        });
    }

    /** What StopMmsJob did: the job's id (MMA's answer) and the STOP_JOB async task it started. */
    public record StopOutcome(long jobId, long asyncTaskId) {
    }

    /** StopMmsJob: freezes the job's tasks where they are (a finished job has nothing to stop). */
    public StopOutcome stopJob(long sourceId, long jobId) {
        return write(() -> {
            SimSource s = source(sourceId);
            Job job = job(s, jobId);
            long now = time.now();
            String status = reader.jobView(job, now, new FleetReader.Scratch()).status();
            if (!status.equals(JobStatus.DONE.name()) && !status.equals(JobStatus.FAILED.name())) {
                job.timeline.stop(now);
            }
            long asyncId = nextAsyncId++;
            long duration = between(hash(seed, SALT_ASYNC_DURATION, asyncId), 1_000, 5_000);
            s.asyncTasks.put(asyncId, new AsyncTask(asyncId, AsyncTask.STOP_JOB, job.id, now, now, duration, null,
                "{\"jobId\":" + job.id + "}"));
            return new StopOutcome(job.id, asyncId);
        });
    }

    /** RetryMmsJob: tasks failed by now start a new attempt (they run once the job is not stopped). */
    public long retryJob(long sourceId, long jobId) {
        return write(() -> {
            Job job = job(source(sourceId), jobId);
            job.timeline.retry(time.now());
            return job.id;
        });
    }

    /** DeleteMmsJob: the job and its tasks disappear; its tables keep the state they reached. */
    public long deleteJob(long sourceId, long jobId) {
        return write(() -> {
            Job job = job(source(sourceId), jobId);
            job.timeline.stop(time.now());
            job.deleted = true;
            return job.id;
        });
    }

    // ================================================================ admin

    /** A data source the admin API adds; null members take generated values. */
    public record NewSource(String name, SourceType type, String region, Integer tables, Integer jobs) {
    }

    /** Adds a data source whose jobs start within the next half hour and whose first scan runs now. */
    public long addSource(NewSource n) {
        return write(() -> {
            int tables = n.tables() == null ? spec.tablesPerSource() : n.tables();
            int jobs = n.jobs() == null ? spec.jobsPerSource() : n.jobs();
            if (tables < 0 || jobs < 0 || (long) nextTableBase + tables > Integer.MAX_VALUE / 2) {
                throw ApiError.invalidParameter("tables and jobs must be non-negative and the fleet bounded")
                    .toException();
            }
            return addSource(n.name(), n.type(), n.region(), tables, jobs, false).id;
        });
    }

    /** Pins fields of an object (see {@link Pin}) and answers its new view. */
    public Object pin(MmsKind kind, long sourceId, long id, ObjectNode body) {
        return write(() -> {
            SimSource s = source(sourceId);
            switch (kind) {
                case DATA_SOURCE -> {
                    pins.merge(kind, s.id, body);
                    return reader.sourceView(s, time.now(), false, false);
                }
                case SCAN -> pins.merge(kind, scan(s, id).id, body);
                case JOB -> pins.merge(kind, job(s, id).id, body);
                case TABLE -> {
                    int t = table(s, id);
                    pins.merge(kind, id, body);
                    s.setTablePinned(t, true);
                }
                case TASK -> {
                    TaskRef ref = task(s, id);
                    if (pins.get(kind, id) == null) {
                        ref.job.pinnedTasks++;
                    }
                    pins.merge(kind, id, body);
                }
                case ASYNC_TASK -> {
                    requireAsyncTask(s, id);
                    pins.merge(kind, id, body);
                }
                default -> throw new IllegalStateException("unknown kind " + kind);
            }
            return viewOf(kind, s, id);
        });
    }

    /** Releases the pins of an object: its fields follow the simulation again. Answers its view. */
    public Object unpin(MmsKind kind, long sourceId, long id) {
        return write(() -> {
            SimSource s = source(sourceId);
            long objectId = kind == MmsKind.DATA_SOURCE ? s.id : id;
            viewOf(kind, s, objectId);
            if (kind == MmsKind.TABLE) {
                s.setTablePinned(table(s, id), false);
            }
            if (kind == MmsKind.TASK && pins.get(kind, id) != null) {
                task(s, id).job.pinnedTasks--;
            }
            pins.clear(kind, objectId);
            return viewOf(kind, s, objectId);
        });
    }

    /** Deletes an object: it answers "not found" and leaves lists and counters from now on. */
    public void delete(MmsKind kind, long sourceId, long id) {
        write(() -> {
            SimSource s = source(sourceId);
            long now = time.now();
            switch (kind) {
                case DATA_SOURCE -> s.deleted = true;
                case SCAN -> scan(s, id).deleted = true;
                case JOB -> {
                    Job job = job(s, id);
                    job.timeline.stop(now);
                    job.deleted = true;
                }
                case TABLE -> s.deleteTable(table(s, id));
                case TASK -> {
                    TaskRef ref = task(s, id);
                    ref.job.deleteTask(ref.k);
                }
                case ASYNC_TASK -> {
                    AsyncTask a = s.asyncTasks.get(id);
                    if (a != null && !a.deleted) {
                        a.deleted = true;
                    } else {
                        scan(s, id).deleted = true;
                    }
                }
                default -> throw new IllegalStateException("unknown kind " + kind);
            }
            return null;
        });
    }

    /** The current view of any object, as the matching Get operation would serve it. */
    public Object view(MmsKind kind, long sourceId, long id) {
        return read(() -> viewOf(kind, source(sourceId), id));
    }

    // ================================================================ internals (lock held)

    private Object viewOf(MmsKind kind, SimSource s, long id) {
        long now = time.now();
        return switch (kind) {
            case DATA_SOURCE -> reader.sourceView(s, now, false, false);
            case SCAN -> reader.scanView(s, scan(s, id), now);
            case JOB -> reader.jobView(job(s, id), now, new FleetReader.Scratch());
            case TABLE -> reader.tableView(s, table(s, id), now, new FleetReader.Scratch());
            case TASK -> {
                TaskRef ref = task(s, id);
                yield reader.taskView(ref.job, ref.k, now, new FleetReader.Scratch());
            }
            case ASYNC_TASK -> {
                AsyncTask a = s.asyncTasks.get(id);
                yield a != null && !a.deleted ? reader.asyncView(s, a, now) : reader.scanAsAsync(s, scan(s, id), now);
            }
        };
    }

    private SimSource addSource(String name, SourceType type, String region, int tables, int jobs, boolean atStart) {
        int index = sources.size();
        long id = SOURCE_ID_BASE + index;
        SourceType t = type != null ? type : SourceType.values()[index % SourceType.values().length];
        String r = region != null ? region : pick(hash(seed, SALT_REGION, index), REGIONS);
        String n = name != null ? name
            : t.name().toLowerCase() + "_" + pick(hash(seed, SALT_SOURCE_NAME, index), SOURCE_WORDS) + "_"
                + (index + 1);
        long now = time.now();
        long createTime = atStart
            ? seconds(time.epoch() - between(hash(seed, SALT_CREATED, index), 2 * TableFacts.DAY,
                30 * TableFacts.DAY))
            : seconds(now);
        String vpc = "vpc-" + String.format("%016x", hash(seed, SALT_VPC, index)).substring(0, 16) + ":" + r;
        String dst = "mms_target_" + (index + 1);
        int tableBase = nextTableBase;
        nextTableBase += tables;
        long partitions = 0;
        for (int i = 0; i < tables; i++) {
            partitions += TableFacts.partitions(seed, tableBase + i);
        }
        long dbIdBase = nextDbId;
        nextDbId += Math.max(1, jobs);
        SimSource s = new SimSource(index, id, n, t, r, createTime, vpc, dst, List.of(dst, dst + "_staging"),
            tableBase, tables, dbIdBase, jobs, partitions);
        long base = atStart ? time.epoch() : now;
        for (int j = 0; j < jobs; j++) {
            s.fleetJobs[j] = fleetJob(s, j, base, atStart);
        }
        Scan first = newScan(s, atStart ? createTime + 10L * MINUTE : now, tables, partitions, s.dbCount);
        s.scans.add(first);
        sources.add(s);
        return s;
    }

    private Job fleetJob(SimSource s, int j, long base, boolean atStart) {
        int from = s.dbFrom(j);
        int to = s.dbFrom(j + 1);
        int n = to - from;
        long start = atStart
            ? base + between(hash(seed, SALT_JOB_START, s.index, j), -90L * MINUTE, 150L * MINUTE)
            : base + between(hash(seed, SALT_JOB_START, s.index, j), 2L * MINUTE, 30L * MINUTE);
        start = seconds(start);
        // a job added at run time is created after its source, so that it appears later
        long createTime = atStart
            ? seconds(start - between(hash(seed, SALT_JOB_CREATED, s.index, j), MINUTE, 60L * MINUTE))
            : seconds(base + between(hash(seed, SALT_JOB_CREATED, s.index, j), MINUTE, start - base));
        long span = jobSpan(n, 0.5 + unit(hash(seed, SALT_JOB_SPAN, s.index, j)));
        boolean verification = unit(hash(seed, SALT_JOB_VERIFY, s.index, j)) < 0.8;
        String db = reader.dbName(s, j);
        boolean listsTables = n > 0 && n <= 20 && unit(hash(seed, SALT_JOB_TYPE, s.index, j)) < 0.5;
        List<String> names = new ArrayList<>();
        if (listsTables) {
            for (int t = from; t < to; t++) {
                names.add(reader.tableName(s, t));
            }
        }
        JobConfigView config = new JobConfigView(List.of(), names, s.type.taskType(), List.of(), List.of(),
            Map.of(), false, Map.of(), false, verification, "", Map.of(), JsonNodeFactory.instance.objectNode());
        long id = nextJobId++;
        return new Job(id, s, "migrate_" + db, j, listsTables ? "Tables" : "Database", from, to, null,
            FLEET_TASK_ID_BASE + s.tableBase + from, createTime, start, n > 1 ? span / n : 0,
            TaskPlan.of(false, verification), "default", s.dstProject, "default", "", config, failShare(id),
            doomedTask(id, n));
    }

    /**
     * The failure share is a share of jobs: a job fated to fail loses 5..30 % of its tasks' first attempts, and
     * at least one; other jobs succeed.
     */
    private double failShare(long jobId) {
        if (unit(hash(seed, SALT_JOB_FATE, jobId)) >= spec.failureRate()) {
            return 0;
        }
        return 0.05 + 0.25 * unit(hash(seed, SALT_JOB_FAIL_SHARE, jobId));
    }

    private int doomedTask(long jobId, int tasks) {
        if (tasks == 0 || failShare(jobId) == 0) {
            return -1;
        }
        return (int) between(hash(seed, SALT_JOB_DOOMED, jobId), 0, tasks);
    }

    /** How long a job's task starts are spread: half a minute per task, within 20 minutes .. 2 hours. */
    private static long jobSpan(int tasks, double factor) {
        long span = Math.max(20L * MINUTE, Math.min(120L * MINUTE, tasks * 30_000L));
        return (long) (span * factor);
    }

    private Scan newScan(SimSource s, long start, int tables, long partitions, int dbs) {
        long id = nextAsyncId++;
        long duration = Math.max(30_000L, Math.min(30L * MINUTE, 30_000L + tables * 20L));
        boolean fails = unit(hash(seed, SALT_SCAN_FATE, id)) < spec.failureRate();
        double failsAt = fails ? 0.1 + 0.8 * unit(hash(seed, SALT_SCAN_WHERE, id)) : 2.0;
        String error = switch (s.type) {
            case HIVE -> "Failed to connect to Hive metastore thrift://emr-header-1:9083: connect timed out";
            case BIGQUERY -> "BigQuery API error 403: Access Denied: permission bigquery.tables.list denied";
            case MAXCOMPUTE -> "ODPS-0420095: Access Denied - Authorization Failed [4019]";
        };
        String result = "{\"databases\":" + dbs + ",\"tables\":" + tables + ",\"partitions\":" + partitions + "}";
        return new Scan(id, seconds(start), duration, failsAt, error, result);
    }

    private SimSource findSource(long sourceId) {
        long index = sourceId - SOURCE_ID_BASE;
        if (index < 0 || index >= sources.size()) {
            return null;
        }
        SimSource s = sources.get((int) index);
        return s.deleted ? null : s;
    }

    private SimSource source(long sourceId) {
        SimSource s = findSource(sourceId);
        if (s == null) {
            throw ApiError.notFound(MmsKind.DATA_SOURCE, sourceId).toException();
        }
        return s;
    }

    private static Scan scan(SimSource s, long scanId) {
        Scan scan = s.scan(scanId);
        if (scan == null) {
            throw ApiError.notFound(MmsKind.SCAN, scanId).toException();
        }
        return scan;
    }

    /** An async task or a scan (whose id doubles as an async task id) must exist. */
    private static void requireAsyncTask(SimSource s, long id) {
        AsyncTask a = s.asyncTasks.get(id);
        if ((a == null || a.deleted) && s.scan(id) == null) {
            throw ApiError.notFound(MmsKind.ASYNC_TASK, id).toException();
        }
    }

    private Job job(SimSource s, long jobId) {
        long now = time.now();
        if (s.fleetJobs.length > 0) {
            long k = jobId - s.fleetJobs[0].id;
            if (k >= 0 && k < s.fleetJobs.length) {
                Job j = s.fleetJobs[(int) k];
                if (j.isVisible(now)) {
                    return j;
                }
                throw ApiError.notFound(MmsKind.JOB, jobId).toException();
            }
        }
        for (Job j : s.createdJobs) {
            if (j.id == jobId && j.isVisible(now)) {
                return j;
            }
        }
        throw ApiError.notFound(MmsKind.JOB, jobId).toException();
    }

    private static int table(SimSource s, long tableId) {
        long t = tableId - TABLE_ID_BASE - s.tableBase;
        if (t < 0 || t >= s.tableCount || s.isTableDeleted((int) t)) {
            throw ApiError.notFound(MmsKind.TABLE, tableId).toException();
        }
        return (int) t;
    }

    private record TaskRef(Job job, int k) {
    }

    private TaskRef task(SimSource s, long taskId) {
        long now = time.now();
        long g = taskId - FLEET_TASK_ID_BASE;
        long t = g - s.tableBase;
        if (taskId < CREATED_TASK_ID_BASE && t >= 0 && t < s.tableCount && s.fleetJobs.length > 0) {
            Job job = s.fleetJobs[s.dbOf((int) t)];
            int k = job.positionOf((int) t);
            if (job.isVisible(now) && k >= 0 && !job.isTaskDeleted(k)) {
                return new TaskRef(job, k);
            }
        }
        for (Job job : s.createdJobs) {
            long k = taskId - job.taskIdBase;
            if (job.isVisible(now) && k >= 0 && k < job.taskCount() && !job.isTaskDeleted((int) k)) {
                return new TaskRef(job, (int) k);
            }
        }
        throw ApiError.notFound(MmsKind.TASK, taskId).toException();
    }

    private int dbIndex(SimSource s, String dbName) {
        for (int d = 0; d < s.dbCount; d++) {
            if (reader.dbName(s, d).equals(dbName)) {
                return d;
            }
        }
        throw ApiError.invalidParameter("database '" + shorten(dbName) + "' does not exist in data source " + s.id)
            .toException();
    }

    /** Source-local indices of named tables of database d; every name must exist. */
    private Set<Integer> tablesByName(SimSource s, int d, List<String> names) {
        Map<String, Integer> byName = new HashMap<>();
        for (int t = s.dbFrom(d); t < s.dbFrom(d + 1); t++) {
            if (!s.isTableDeleted(t)) {
                byName.put(reader.tableName(s, t), t);
            }
        }
        Set<Integer> found = new LinkedHashSet<>();
        for (String name : names) {
            Integer t = byName.get(name);
            if (t == null) {
                throw ApiError.invalidParameter("table '" + shorten(name) + "' does not exist in database "
                    + reader.dbName(s, d)).toException();
            }
            found.add(t);
        }
        return found;
    }

    /** The tables a CreateMmsJob request migrates: named tables or the whole database, then white/black lists. */
    private int[] selectTables(SimSource s, int d, CreateJobRequest r) {
        Set<Integer> chosen;
        if (r.tables() != null && !r.tables().isEmpty()) {
            chosen = tablesByName(s, d, r.tables());
        } else {
            chosen = new LinkedHashSet<>();
            for (int t = s.dbFrom(d); t < s.dbFrom(d + 1); t++) {
                if (!s.isTableDeleted(t)) {
                    chosen.add(t);
                }
            }
        }
        // MMA: when both lists are given only the black list applies
        if (r.tableBlackList() != null && !r.tableBlackList().isEmpty()) {
            Set<String> black = new HashSet<>(r.tableBlackList());
            chosen.removeIf(t -> black.contains(reader.tableName(s, t)));
        } else if (r.tableWhiteList() != null && !r.tableWhiteList().isEmpty()) {
            Set<String> white = new HashSet<>(r.tableWhiteList());
            chosen.removeIf(t -> !white.contains(reader.tableName(s, t)));
        }
        List<Integer> sorted = new ArrayList<>(chosen);
        Collections.sort(sorted);
        return sorted.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long seconds(long millis) {
        return millis - Math.floorMod(millis, 1000L);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
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

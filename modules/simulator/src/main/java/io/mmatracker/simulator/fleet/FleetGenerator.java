package io.mmatracker.simulator.fleet;

import static io.mmatracker.simulator.fleet.FleetState.seconds;
import static io.mmatracker.simulator.fleet.SeededHash.between;
import static io.mmatracker.simulator.fleet.SeededHash.hash;
import static io.mmatracker.simulator.fleet.SeededHash.pick;
import static io.mmatracker.simulator.fleet.SeededHash.unit;
import static io.mmatracker.simulator.fleet.TableFacts.MINUTE;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mmatracker.openapi.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the fleet's objects from the seed: data sources with their databases, tables and first scan, their
 * generated jobs (when they start, how their tasks are spread, which fail), new scans, and the id sequences
 * that CreateMmsJob and the admin API draw from. Every draw is a hash of the seed and the object, so the same
 * seed gives the same fleet. Guarded by the fleet's lock.
 */
final class FleetGenerator {

    static final long JOB_ID_BASE = 10_001L;
    static final long DB_ID_BASE = 3_000_001L;
    static final long ASYNC_ID_BASE = 1_000_001L;

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
    private static final String[] REGIONS = {"cn-shanghai", "cn-hangzhou", "cn-beijing", "cn-shenzhen",
        "ap-southeast-1"};
    private static final String[] SOURCE_WORDS = {"prod", "analytics", "legacy", "warehouse", "lake", "reporting"};

    private final FleetState state;
    private final long seed;
    private long nextJobId = JOB_ID_BASE;
    private int nextTableBase;
    private long nextDbId = DB_ID_BASE;
    private long nextAsyncId = ASYNC_ID_BASE;
    private long nextCreatedTaskId = FleetState.CREATED_TASK_ID_BASE;

    FleetGenerator(FleetState state) {
        this.state = state;
        this.seed = state.seed;
    }

    /** How many tables the whole fleet has (deleted ones included). */
    long totalTables() {
        return nextTableBase;
    }

    long nextAsyncId() {
        return nextAsyncId++;
    }

    long nextJobId() {
        return nextJobId++;
    }

    /** The first of {@code count} fresh task ids for a created job. */
    long nextCreatedTaskIds(int count) {
        long first = nextCreatedTaskId;
        nextCreatedTaskId += count;
        return first;
    }

    /** The generated fleet of the spec, as it is at the simulator's start. */
    void generate() {
        FleetSpec spec = state.spec;
        for (int i = 0; i < spec.sources(); i++) {
            addSource(null, null, null, spec.tablesPerSource(), spec.jobsPerSource(), true);
        }
    }

    /** A data source added at run time; null members take generated values or the spec's sizes. */
    SimSource addSource(String name, SourceType type, String region, Integer tables, Integer jobs) {
        int t = tables == null ? state.spec.tablesPerSource() : tables;
        int j = jobs == null ? state.spec.jobsPerSource() : jobs;
        if (t < 0 || j < 0 || (long) nextTableBase + t > Integer.MAX_VALUE / 2) {
            throw ApiError.invalidParameter("tables and jobs must be non-negative and the fleet bounded")
                .toException();
        }
        return addSource(name, type, region, t, j, false);
    }

    private SimSource addSource(String name, SourceType type, String region, int tables, int jobs, boolean atStart) {
        SimulatedTime time = state.time;
        FleetReader reader = state.reader;
        int index = state.sources.size();
        long id = FleetState.SOURCE_ID_BASE + index;
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
            s.fleetJobs[j] = fleetJob(s, j, base, atStart, reader);
        }
        Scan first = newScan(s, atStart ? createTime + 10L * MINUTE : now, tables, partitions, s.dbCount);
        s.scans.add(first);
        state.sources.add(s);
        return s;
    }

    private Job fleetJob(SimSource s, int j, long base, boolean atStart, FleetReader reader) {
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
            FleetState.FLEET_TASK_ID_BASE + s.tableBase + from, createTime, start, n > 1 ? span / n : 0,
            TaskPlan.of(false, verification), "default", s.dstProject, "default", "", config, failShare(id),
            doomedTask(id, n));
    }

    /**
     * The failure share is a share of jobs: a job fated to fail loses 5..30 % of its tasks' first attempts, and
     * at least one; other jobs succeed.
     */
    double failShare(long jobId) {
        if (unit(hash(seed, SALT_JOB_FATE, jobId)) >= state.spec.failureRate()) {
            return 0;
        }
        return 0.05 + 0.25 * unit(hash(seed, SALT_JOB_FAIL_SHARE, jobId));
    }

    int doomedTask(long jobId, int tasks) {
        if (tasks == 0 || failShare(jobId) == 0) {
            return -1;
        }
        return (int) between(hash(seed, SALT_JOB_DOOMED, jobId), 0, tasks);
    }

    /** How long a job's task starts are spread: half a minute per task, within 20 minutes .. 2 hours. */
    static long jobSpan(int tasks, double factor) {
        long span = Math.max(20L * MINUTE, Math.min(120L * MINUTE, tasks * 30_000L));
        return (long) (span * factor);
    }

    /** A scan of {@code tables} tables starting at {@code start}; a {@code failureRate} share fails part-way. */
    Scan newScan(SimSource s, long start, int tables, long partitions, int dbs) {
        long id = nextAsyncId++;
        long duration = Math.max(30_000L, Math.min(30L * MINUTE, 30_000L + tables * 20L));
        boolean fails = unit(hash(seed, SALT_SCAN_FATE, id)) < state.spec.failureRate();
        double failsAt = fails ? 0.1 + 0.8 * unit(hash(seed, SALT_SCAN_WHERE, id)) : 2.0;
        String error = switch (s.type) {
            case HIVE -> "Failed to connect to Hive metastore thrift://emr-header-1:9083: connect timed out";
            case BIGQUERY -> "BigQuery API error 403: Access Denied: permission bigquery.tables.list denied";
            case MAXCOMPUTE -> "ODPS-0420095: Access Denied - Authorization Failed [4019]";
        };
        String result = "{\"databases\":" + dbs + ",\"tables\":" + tables + ",\"partitions\":" + partitions + "}";
        return new Scan(id, seconds(start), duration, failsAt, error, result);
    }
}

package io.mmatracker.simulator.fleet;

import static io.mmatracker.simulator.fleet.SeededHash.between;
import static io.mmatracker.simulator.fleet.SeededHash.hash;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mmatracker.openapi.ApiError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MMA's write operations on the fleet: CreateMmsFetchMetadataJob, CreateMmsJob, StartMmsJob, StopMmsJob,
 * RetryMmsJob and DeleteMmsJob, with MMA's validation and answers. Called under the fleet's write lock.
 */
final class MmaWrites {

    private static final long SALT_ASYNC_DURATION = 42;

    private final FleetState state;
    private final FleetGenerator generator;
    private final long seed;

    MmaWrites(FleetState state, FleetGenerator generator) {
        this.state = state;
        this.generator = generator;
        this.seed = state.seed;
    }

    /** CreateMmsFetchMetadataJob: a new scan of the source (or of one database / some tables), running from now. */
    long createScan(long sourceId, String dbName, List<String> tableNames) {
        SimSource s = state.source(sourceId);
        long now = state.time.now();
        int tables;
        long partitions = 0;
        int dbs;
        if (dbName != null) {
            int d = state.dbIndex(s, dbName);
            int from = s.dbFrom(d);
            int to = s.dbFrom(d + 1);
            if (tableNames != null && !tableNames.isEmpty()) {
                Set<Integer> found = state.tablesByName(s, d, tableNames);
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
        Scan scan = generator.newScan(s, now, tables, partitions, dbs);
        s.scans.add(scan);
        return scan.id;
    }

    /** CreateMmsJob: validates the request and answers the TASK_CREATE async task's id; the job runs once it ends. */
    long createJob(long sourceId, CreateJobRequest r) {
        SimSource s = state.source(sourceId);
        long now = state.time.now();
        if (r.name() == null || r.name().isBlank()) {
            throw ApiError.missingParameter("name").toException();
        }
        if (r.srcDbName() == null || r.srcDbName().isBlank()) {
            throw ApiError.missingParameter("srcDbName").toException();
        }
        int d = state.dbIndex(s, r.srcDbName());
        int[] tables = selectTables(s, d, r);
        if (tables.length == 0) {
            throw ApiError.invalidParameter("the job would migrate no table of " + r.srcDbName()).toException();
        }
        long asyncId = generator.nextAsyncId();
        long jobId = generator.nextJobId();
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
        long span = FleetGenerator.jobSpan(tables.length, 1.0);
        Job job = new Job(jobId, s, r.name(), d, type, 0, 0, tables, generator.nextCreatedTaskIds(tables.length),
            now, asyncStart + asyncDuration, tables.length > 1 ? span / tables.length : 0,
            TaskPlan.of(schemaOnly, verification), orDefault(r.srcSchemaName(), "default"),
            orDefault(r.dstDbName(), s.dstProject), orDefault(r.dstSchemaName(), "default"),
            orDefault(r.eta(), ""), config, generator.failShare(jobId), generator.doomedTask(jobId, tables.length));
        s.createdJobs.add(job);
        for (int t : tables) {
            s.takeOver(t, job);
        }
        s.asyncTasks.put(asyncId, new AsyncTask(asyncId, AsyncTask.TASK_CREATE, jobId, now, asyncStart,
            asyncDuration, null, "{\"jobId\":" + jobId + "}"));
        return asyncId;
    }

    /** StartMmsJob: resumes a stopped job, or starts a job that is waiting for its start. */
    long startJob(long sourceId, long jobId) {
        long now = state.time.now();
        Job job = state.job(state.source(sourceId), jobId, now);
        job.timeline.resume(now);
        job.timeline.startNow(now);
        return job.id;
    }

    /** StopMmsJob: freezes the job's tasks where they are (a finished job has nothing to stop). */
    Fleet.StopOutcome stopJob(long sourceId, long jobId) {
        SimSource s = state.source(sourceId);
        long now = state.time.now();
        Job job = state.job(s, jobId, now);
        String status = state.reader.jobView(job, now, new FleetReader.Scratch()).status();
        if (!status.equals(JobStatus.DONE.name()) && !status.equals(JobStatus.FAILED.name())) {
            job.timeline.stop(now);
        }
        long asyncId = generator.nextAsyncId();
        long duration = between(hash(seed, SALT_ASYNC_DURATION, asyncId), 1_000, 5_000);
        s.asyncTasks.put(asyncId, new AsyncTask(asyncId, AsyncTask.STOP_JOB, job.id, now, now, duration, null,
            "{\"jobId\":" + job.id + "}"));
        return new Fleet.StopOutcome(job.id, asyncId);
    }

    /** RetryMmsJob: tasks failed by now start a new attempt (they run once the job is not stopped). */
    long retryJob(long sourceId, long jobId) {
        long now = state.time.now();
        Job job = state.job(state.source(sourceId), jobId, now);
        job.timeline.retry(now);
        return job.id;
    }

    /** DeleteMmsJob: the job and its tasks disappear; its tables keep the state they reached. */
    long deleteJob(long sourceId, long jobId) {
        long now = state.time.now();
        Job job = state.job(state.source(sourceId), jobId, now);
        job.timeline.stop(now);
        job.deleted = true;
        return job.id;
    }

    /** The tables a CreateMmsJob request migrates: named tables or the whole database, then white/black lists. */
    private int[] selectTables(SimSource s, int d, CreateJobRequest r) {
        Set<Integer> chosen;
        if (r.tables() != null && !r.tables().isEmpty()) {
            chosen = state.tablesByName(s, d, r.tables());
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
            chosen.removeIf(t -> black.contains(state.reader.tableName(s, t)));
        } else if (r.tableWhiteList() != null && !r.tableWhiteList().isEmpty()) {
            Set<String> white = new HashSet<>(r.tableWhiteList());
            chosen.removeIf(t -> !white.contains(state.reader.tableName(s, t)));
        }
        List<Integer> sorted = new ArrayList<>(chosen);
        Collections.sort(sorted);
        return sorted.stream().mapToInt(Integer::intValue).toArray();
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
}

package io.mmatracker.simulator.fleet;

import io.mmatracker.openapi.ApiError;
import io.mmatracker.simulator.protocol.MmsKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the fleet holds (its data sources, pins, the seed, simulated time) and how MMA's ids find objects in it:
 * every lookup answers the object or throws MMA's "not found" for it. Shared by the fleet's reads, MMA writes,
 * admin changes and generation; guarded by the fleet's lock.
 */
final class FleetState {

    static final long SOURCE_ID_BASE = 2_000_001L;
    static final long TABLE_ID_BASE = 100_000_001L;
    static final long FLEET_TASK_ID_BASE = 5_000_000_001L;
    static final long CREATED_TASK_ID_BASE = 9_000_000_001L;

    final FleetSpec spec;
    final long seed;
    final SimulatedTime time;
    final PinStore pins = new PinStore();
    final FleetReader reader;
    final List<SimSource> sources = new ArrayList<>();

    FleetState(FleetSpec spec, SimulatedTime time) {
        this.spec = spec;
        this.seed = spec.seed();
        this.time = time;
        this.reader = new FleetReader(seed, time.epoch(), new Evolution(seed), pins);
    }

    /** The data source, or null when there is none (or it was deleted). */
    SimSource findSource(long sourceId) {
        long index = sourceId - SOURCE_ID_BASE;
        if (index < 0 || index >= sources.size()) {
            return null;
        }
        SimSource s = sources.get((int) index);
        return s.deleted ? null : s;
    }

    SimSource source(long sourceId) {
        SimSource s = findSource(sourceId);
        if (s == null) {
            throw MmsKind.DATA_SOURCE.notFound(sourceId).toException();
        }
        return s;
    }

    static Scan scan(SimSource s, long scanId) {
        Scan scan = s.scan(scanId);
        if (scan == null) {
            throw MmsKind.SCAN.notFound(scanId).toException();
        }
        return scan;
    }

    /** An async task or a scan (whose id doubles as an async task id) must exist. */
    static void requireAsyncTask(SimSource s, long id) {
        AsyncTask a = s.asyncTasks.get(id);
        if ((a == null || a.deleted) && s.scan(id) == null) {
            throw MmsKind.ASYNC_TASK.notFound(id).toException();
        }
    }

    /** A job MMA lists at simulated instant {@code now}: created and not deleted. */
    Job job(SimSource s, long jobId, long now) {
        if (s.fleetJobs.length > 0) {
            long k = jobId - s.fleetJobs[0].id;
            if (k >= 0 && k < s.fleetJobs.length) {
                Job j = s.fleetJobs[(int) k];
                if (j.isVisible(now)) {
                    return j;
                }
                throw MmsKind.JOB.notFound(jobId).toException();
            }
        }
        for (Job j : s.createdJobs) {
            if (j.id == jobId && j.isVisible(now)) {
                return j;
            }
        }
        throw MmsKind.JOB.notFound(jobId).toException();
    }

    /** The source-local index of a table. */
    static int table(SimSource s, long tableId) {
        long t = tableId - TABLE_ID_BASE - s.tableBase;
        if (t < 0 || t >= s.tableCount || s.isTableDeleted((int) t)) {
            throw MmsKind.TABLE.notFound(tableId).toException();
        }
        return (int) t;
    }

    /** Task {@code k} of a job. */
    record TaskRef(Job job, int k) {
    }

    /** A task of a visible job: the generated fleet's tasks by arithmetic, created jobs' by their id ranges. */
    TaskRef task(SimSource s, long taskId, long now) {
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
        throw MmsKind.TASK.notFound(taskId).toException();
    }

    /** The index of a database of the source by name (a bad name is a bad parameter, as in MMA's writes). */
    int dbIndex(SimSource s, String dbName) {
        for (int d = 0; d < s.dbCount; d++) {
            if (reader.dbName(s, d).equals(dbName)) {
                return d;
            }
        }
        throw ApiError.invalidParameter("database '" + shorten(dbName) + "' does not exist in data source " + s.id)
            .toException();
    }

    /** Source-local indices of named tables of database d; every name must exist. */
    Set<Integer> tablesByName(SimSource s, int d, List<String> names) {
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

    /** The view of any object at simulated instant {@code now}, as the matching Get operation would serve it. */
    Object viewOf(MmsKind kind, SimSource s, long id, long now) {
        return switch (kind) {
            case DATA_SOURCE -> reader.sourceView(s, now, false, false);
            case SCAN -> reader.scanView(s, scan(s, id), now);
            case JOB -> reader.jobView(job(s, id, now), now, new FleetReader.Scratch());
            case TABLE -> reader.tableView(s, table(s, id), now, new FleetReader.Scratch());
            case TASK -> {
                TaskRef ref = task(s, id, now);
                yield reader.taskView(ref.job, ref.k, now, new FleetReader.Scratch());
            }
            case ASYNC_TASK -> {
                AsyncTask a = s.asyncTasks.get(id);
                yield a != null && !a.deleted ? reader.asyncView(s, a, now) : reader.scanAsAsync(s, scan(s, id), now);
            }
        };
    }

    /** Cuts a milliseconds instant to whole seconds (MMA's times have no milliseconds). */
    static long seconds(long millis) {
        return millis - Math.floorMod(millis, 1000L);
    }

    static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}

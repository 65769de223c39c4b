package io.mmatracker.simulator.fleet;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data source and everything under it. Its tables are indices {@code 0..tableCount-1} (global index
 * {@code tableBase + t}); their facts and progress are computed, so per table only bits are kept: deleted,
 * pinned, and which created job (if any) took the table over from its fleet job. Guarded by the fleet's lock.
 */
final class SimSource {

    final int index;
    final long id;
    final String name;
    final SourceType type;
    final String region;
    final long createTime;
    final String networklink;
    final String dstProject;
    final List<String> dstProjects;
    final int tableBase;
    final int tableCount;
    final long dbIdBase;
    final int dbCount;
    final Job[] fleetJobs;
    final List<Job> createdJobs = new ArrayList<>();
    final List<Scan> scans = new ArrayList<>();
    final Map<Long, AsyncTask> asyncTasks = new LinkedHashMap<>();
    final long totalPartitions;

    boolean deleted;
    private BitSet deletedTables;
    private BitSet pinnedTables;
    /** 0: the table's fleet job owns it; i + 1: createdJobs.get(i) does. Allocated on first takeover. */
    private int[] takenOverBy;

    SimSource(int index, long id, String name, SourceType type, String region, long createTime, String networklink,
              String dstProject, List<String> dstProjects, int tableBase, int tableCount, long dbIdBase,
              int jobCount, long totalPartitions) {
        this.index = index;
        this.id = id;
        this.name = name;
        this.type = type;
        this.region = region;
        this.createTime = createTime;
        this.networklink = networklink;
        this.dstProject = dstProject;
        this.dstProjects = List.copyOf(dstProjects);
        this.tableBase = tableBase;
        this.tableCount = tableCount;
        this.dbIdBase = dbIdBase;
        this.dbCount = Math.max(1, jobCount);
        this.fleetJobs = new Job[jobCount];
        this.totalPartitions = totalPartitions;
    }

    /** First table of database d; databases (and fleet jobs) split the tables into contiguous ranges. */
    int dbFrom(int d) {
        return (int) ((long) d * tableCount / dbCount);
    }

    int dbOf(int table) {
        int d = (int) ((long) table * dbCount / Math.max(1, tableCount));
        while (d > 0 && dbFrom(d) > table) {
            d--;
        }
        while (d + 1 < dbCount && dbFrom(d + 1) <= table) {
            d++;
        }
        return d;
    }

    /** The job whose task decides the table's status, or null when no job migrates it. */
    Job ownerOf(int table) {
        if (takenOverBy != null && takenOverBy[table] != 0) {
            return createdJobs.get(takenOverBy[table] - 1);
        }
        if (fleetJobs.length == 0) {
            return null;
        }
        return fleetJobs[dbOf(table)];
    }

    void takeOver(int table, Job createdJob) {
        if (takenOverBy == null) {
            takenOverBy = new int[tableCount];
        }
        takenOverBy[table] = createdJobs.indexOf(createdJob) + 1;
    }

    boolean isTakenOver(int table) {
        return takenOverBy != null && takenOverBy[table] != 0;
    }

    boolean isTableDeleted(int table) {
        return deletedTables != null && deletedTables.get(table);
    }

    void deleteTable(int table) {
        if (deletedTables == null) {
            deletedTables = new BitSet(tableCount);
        }
        deletedTables.set(table);
    }

    int deletedTableCount() {
        return deletedTables == null ? 0 : deletedTables.cardinality();
    }

    boolean isTablePinned(int table) {
        return pinnedTables != null && pinnedTables.get(table);
    }

    void setTablePinned(int table, boolean pinned) {
        if (pinnedTables == null) {
            if (!pinned) {
                return;
            }
            pinnedTables = new BitSet(tableCount);
        }
        pinnedTables.set(table, pinned);
    }

    Scan latestScan() {
        for (int i = scans.size() - 1; i >= 0; i--) {
            if (!scans.get(i).deleted) {
                return scans.get(i);
            }
        }
        return null;
    }

    Scan scan(long scanId) {
        for (Scan s : scans) {
            if (s.id == scanId && !s.deleted) {
                return s;
            }
        }
        return null;
    }

    Job job(long jobId) {
        for (Job j : fleetJobs) {
            if (j.id == jobId) {
                return j.deleted ? null : j;
            }
        }
        for (Job j : createdJobs) {
            if (j.id == jobId) {
                return j.deleted ? null : j;
            }
        }
        return null;
    }

    /** All jobs, fleet jobs first, in id order (deleted ones included: they may still own tables). */
    List<Job> allJobs() {
        List<Job> all = new ArrayList<>(fleetJobs.length + createdJobs.size());
        all.addAll(List.of(fleetJobs));
        all.addAll(createdJobs);
        return all;
    }
}

package io.mmatracker.simulator.fleet;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A migration job: the tables it migrates (a contiguous range of its source's tables for the generated fleet,
 * an explicit list for jobs made by CreateMmsJob), when it starts, how its tasks are spaced on the job's clock,
 * and what was done to it (stop, start, retry, delete). Task k migrates {@link #tableAt(int)}; its id is
 * {@code taskIdBase + k}. Guarded by the fleet's lock.
 */
final class Job {

    final long id;
    final SimSource source;
    final String name;
    final int dbIndex;
    final String type;
    final long taskIdBase;
    final long createTime;
    final JobTimeline timeline;
    final long stagger;
    final TaskPlan plan;
    final String srcSchemaName;
    final String dstDbName;
    final String dstSchemaName;
    final String eta;
    final JobConfigView config;
    /** Chance that a task's first attempt fails; 0 for a job fated to succeed. */
    final double failShare;
    /** The task whose first attempt fails for sure in a job fated to fail (so that it does fail), or -1. */
    final int doomedTask;
    private final int tableFrom;
    private final int tableTo;
    private final int[] tables;

    boolean deleted;
    int pinnedTasks;
    private BitSet deletedTasks;

    Job(long id, SimSource source, String name, int dbIndex, String type, int tableFrom, int tableTo, int[] tables,
        long taskIdBase, long createTime, long start, long stagger, TaskPlan plan, String srcSchemaName,
        String dstDbName, String dstSchemaName, String eta, JobConfigView config, double failShare, int doomedTask) {
        this.id = id;
        this.source = source;
        this.name = name;
        this.dbIndex = dbIndex;
        this.type = type;
        this.tableFrom = tableFrom;
        this.tableTo = tableTo;
        this.tables = tables == null ? null : tables.clone();
        this.taskIdBase = taskIdBase;
        this.createTime = createTime;
        this.timeline = new JobTimeline(start);
        this.stagger = stagger;
        this.plan = plan;
        this.srcSchemaName = srcSchemaName;
        this.dstDbName = dstDbName;
        this.dstSchemaName = dstSchemaName;
        this.eta = eta;
        this.config = config;
        this.failShare = failShare;
        this.doomedTask = doomedTask;
    }

    int taskCount() {
        return tables != null ? tables.length : tableTo - tableFrom;
    }

    /** The source-local index of the table task k migrates. */
    int tableAt(int k) {
        return tables != null ? tables[k] : tableFrom + k;
    }

    /** The task position of a source-local table index, or -1 when this job does not migrate it. */
    int positionOf(int table) {
        if (tables != null) {
            int k = Arrays.binarySearch(tables, table);
            return k >= 0 ? k : -1;
        }
        return table >= tableFrom && table < tableTo ? table - tableFrom : -1;
    }

    /** Whether MMA lists the job at simulated instant t: from its creation until it is deleted. */
    boolean isVisible(long t) {
        return !deleted && t >= createTime;
    }

    boolean isTaskDeleted(int k) {
        return deletedTasks != null && deletedTasks.get(k);
    }

    void deleteTask(int k) {
        if (deletedTasks == null) {
            deletedTasks = new BitSet();
        }
        deletedTasks.set(k);
    }

    int deletedTaskCount() {
        return deletedTasks == null ? 0 : deletedTasks.cardinality();
    }
}

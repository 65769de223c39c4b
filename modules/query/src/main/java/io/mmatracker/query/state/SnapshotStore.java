package io.mmatracker.query.state;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.SourceSummary;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.state.ObjectHistory;

/**
 * The state stores the query API reads, with what each holds: its value type, the MMA object inside a
 * snapshot, when that snapshot was read from MMA, and the topic whose partitions the store follows.
 */
public enum SnapshotStore {
    DATA_SOURCES(StoreNames.DATA_SOURCES, "MmsDataSource", DataSourceSnapshot.class),
    SCANS(StoreNames.SCANS, "MmsFetchMetadataJob", ScanSnapshot.class),
    JOBS(StoreNames.JOBS, "MmsJob", JobSnapshot.class),
    TABLES(StoreNames.TABLES, "MmsTable", TableSnapshot.class),
    ASYNC_TASKS(StoreNames.ASYNC_TASKS, "MmsAsyncTask", AsyncTaskSnapshot.class),
    SOURCE_SUMMARIES(StoreNames.SOURCE_SUMMARIES, "SourceSummary", SourceSummary.class),
    /** The topology's history of each object (newest first, bounded), one store per kind. */
    SCAN_HISTORY(StoreNames.history(ObjectKind.SCAN), "history of MmsFetchMetadataJob", ObjectHistory.class),
    JOB_HISTORY(StoreNames.history(ObjectKind.JOB), "history of MmsJob", ObjectHistory.class),
    TABLE_HISTORY(StoreNames.history(ObjectKind.TABLE), "history of MmsTable", ObjectHistory.class),
    ASYNC_TASK_HISTORY(StoreNames.history(ObjectKind.ASYNC_TASK), "history of MmsAsyncTask", ObjectHistory.class);

    private final String storeName;
    private final String objectName;
    private final Class<? extends SpecificRecord> valueType;

    SnapshotStore(String storeName, String objectName, Class<? extends SpecificRecord> valueType) {
        this.storeName = storeName;
        this.objectName = objectName;
        this.valueType = valueType;
    }

    public String storeName() {
        return storeName;
    }

    /** The name of the object in MMA's API (used in error messages). */
    public String objectName() {
        return objectName;
    }

    public Class<? extends SpecificRecord> valueType() {
        return valueType;
    }

    /** The object served as {@code data}: the MMA object inside a snapshot, or the value itself. */
    public SpecificRecord servedObject(SpecificRecord value) {
        if (value instanceof DataSourceSnapshot s) {
            return s.getDataSource();
        } else if (value instanceof ScanSnapshot s) {
            return s.getScan();
        } else if (value instanceof JobSnapshot s) {
            return s.getJob();
        } else if (value instanceof TableSnapshot s) {
            return s.getTable();
        } else if (value instanceof AsyncTaskSnapshot s) {
            return s.getAsyncTask();
        }
        return value;
    }

    /** When MMA was read for this value (a summary: the newest snapshot it counts; a history: its newest entry). */
    public Instant observedAt(SpecificRecord value) {
        if (value instanceof DataSourceSnapshot s) {
            return s.getMeta().getObservedAt();
        } else if (value instanceof ScanSnapshot s) {
            return s.getMeta().getObservedAt();
        } else if (value instanceof JobSnapshot s) {
            return s.getMeta().getObservedAt();
        } else if (value instanceof TableSnapshot s) {
            return s.getMeta().getObservedAt();
        } else if (value instanceof AsyncTaskSnapshot s) {
            return s.getMeta().getObservedAt();
        } else if (value instanceof SourceSummary s) {
            return s.getUpdatedAt();
        } else if (value instanceof ObjectHistory h) {
            return h.getEntries().isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(h.getEntries().get(0).getObservedAt());
        }
        throw new IllegalArgumentException("not a value of a snapshot store: " + value.getClass().getName());
    }

    /** The object's MMA status, for list filters; null when MMA sent none. */
    public String status(SpecificRecord value) {
        if (value instanceof JobSnapshot s) {
            return s.getJob().getStatus();
        } else if (value instanceof TableSnapshot s) {
            return s.getTable().getStatus();
        } else if (value instanceof ScanSnapshot s) {
            return s.getScan().getStatus();
        } else if (value instanceof AsyncTaskSnapshot s) {
            return s.getAsyncTask().getStatus();
        } else if (value instanceof DataSourceSnapshot s) {
            return s.getDataSource().getStatus();
        }
        return null;
    }

    /** The list index the topology keeps of this store's objects (see {@code ListIndex}); null when it keeps none. */
    public String listIndexName() {
        return switch (this) {
            case JOBS -> StoreNames.listIndex(ObjectKind.JOB);
            case TABLES -> StoreNames.listIndex(ObjectKind.TABLE);
            default -> null;
        };
    }

    /** The object id of a {@code sourceId/objectId} key, the order of lists; {@link Long#MAX_VALUE} when not a number. */
    public static long objectIdOf(String key) {
        int slash = key.indexOf('/');
        try {
            return Long.parseLong(slash < 0 ? key : key.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The snapshot topic this store is built from (same partitioning and key; a history follows its object's
     * topic); null for the summaries, which are repartitioned by source.
     */
    public String sourceTopic(Topics topics) {
        return switch (this) {
            case DATA_SOURCES -> topics.dataSources();
            case SCANS, SCAN_HISTORY -> topics.scans();
            case JOBS, JOB_HISTORY -> topics.jobs();
            case TABLES, TABLE_HISTORY -> topics.tables();
            case ASYNC_TASKS, ASYNC_TASK_HISTORY -> topics.asyncTasks();
            case SOURCE_SUMMARIES -> null;
        };
    }
}

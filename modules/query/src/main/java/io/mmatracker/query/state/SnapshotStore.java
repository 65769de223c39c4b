package io.mmatracker.query.state;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.SourceSummary;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.state.ObjectHistory;

/**
 * The state stores the query API reads: the latest snapshots and the history of each kind (what each holds comes
 * from the kind catalog), and the per-source summaries.
 */
public enum SnapshotStore {
    DATA_SOURCES(KindCatalog.DATA_SOURCE, false),
    SCANS(KindCatalog.SCAN, false),
    JOBS(KindCatalog.JOB, false),
    TABLES(KindCatalog.TABLE, false),
    ASYNC_TASKS(KindCatalog.ASYNC_TASK, false),
    TASKS(KindCatalog.TASK, false),
    SOURCE_SUMMARIES(null, false),
    /** The topology's history of each object (newest first, bounded), one store per kind. */
    SCAN_HISTORY(KindCatalog.SCAN, true),
    JOB_HISTORY(KindCatalog.JOB, true),
    TABLE_HISTORY(KindCatalog.TABLE, true),
    ASYNC_TASK_HISTORY(KindCatalog.ASYNC_TASK, true),
    TASK_HISTORY(KindCatalog.TASK, true);

    /** Null for the summaries. */
    private final Kind<?, ?> kind;
    private final boolean isHistory;

    SnapshotStore(Kind<?, ?> kind, boolean isHistory) {
        this.kind = kind;
        this.isHistory = isHistory;
    }

    public String storeName() {
        if (kind == null) {
            return StoreNames.SOURCE_SUMMARIES;
        }
        return isHistory ? kind.historyStoreName() : kind.storeName();
    }

    /** The name of the object in MMA's API (used in error messages). */
    public String objectName() {
        if (kind == null) {
            return "SourceSummary";
        }
        return isHistory ? "history of " + kind.mmaName() : kind.mmaName();
    }

    public Class<? extends SpecificRecord> valueType() {
        if (kind == null) {
            return SourceSummary.class;
        }
        return isHistory ? ObjectHistory.class : kind.snapshotType();
    }

    /** The object served as {@code data}: the MMA object inside a snapshot, or the value itself. */
    public SpecificRecord servedObject(SpecificRecord value) {
        Kind<?, ?> of = snapshotKindOf(value);
        return of == null ? value : of.unwrapSnapshot(value);
    }

    /** When MMA was read for this value (a summary: the newest snapshot it counts; a history: its newest entry). */
    public Instant observedAt(SpecificRecord value) {
        Kind<?, ?> of = snapshotKindOf(value);
        if (of != null) {
            return of.observedAtOfSnapshot(value);
        } else if (value instanceof SourceSummary s) {
            return s.getUpdatedAt();
        } else if (value instanceof ObjectHistory h) {
            return h.getEntries().isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(h.getEntries().get(0).getObservedAt());
        }
        throw new IllegalArgumentException("not a value of a snapshot store: " + value.getClass().getName());
    }

    /** The object's MMA status, for list filters; null when MMA sent none or the value is not a snapshot. */
    public String status(SpecificRecord value) {
        Kind<?, ?> of = snapshotKindOf(value);
        return of == null ? null : of.statusOfSnapshot(value);
    }

    /** The list index the topology keeps of this store's objects (see {@code ListIndex}); null when it keeps none. */
    public String listIndexName() {
        return kind == null || isHistory ? null : kind.listIndexStoreName();
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

    /** The store of the latest snapshots of a kind. */
    public static SnapshotStore of(Kind<?, ?> kind) {
        return find(kind, false);
    }

    /** The store of the histories of a kind's objects. @throws IllegalArgumentException if the kind keeps none */
    public static SnapshotStore historyOf(Kind<?, ?> kind) {
        return find(kind, true);
    }

    private static SnapshotStore find(Kind<?, ?> kind, boolean history) {
        for (SnapshotStore store : values()) {
            if (store.kind == kind && store.isHistory == history) {
                return store;
            }
        }
        throw new IllegalArgumentException("no " + (history ? "history " : "") + "store of kind " + kind);
    }

    /**
     * The snapshot topic this store is built from (same partitioning and key; a history follows its object's
     * topic); null for the summaries, which are repartitioned by source.
     */
    public String sourceTopic(Topics topics) {
        return kind == null ? null : kind.topic(topics);
    }

    /** The path segment of MMA's API for this store's objects ({@code jobs}); null for the summaries. */
    public String pathSegment() {
        return kind == null ? null : kind.pathSegment();
    }

    /** The kind whose snapshot this value is, or null (a summary, a history). */
    private static Kind<?, ?> snapshotKindOf(SpecificRecord value) {
        return KindCatalog.ofRecord(value).filter(k -> k.snapshotType().isInstance(value)).orElse(null);
    }
}

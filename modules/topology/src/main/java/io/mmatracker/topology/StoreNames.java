package io.mmatracker.topology;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.kind.KindCatalog;

/**
 * Names of the state stores the topology materializes beside the kind catalog's own; the query module reads them by
 * these names. The latest snapshot of each kind per object key (see {@code io.mmatracker.schema.topic.Keys}) is in
 * the store the catalog names ({@code Kind.storeName}).
 */
public final class StoreNames {

    private StoreNames() {
    }

    /**
     * Internal but read by the query: the tasks of each job by status in id order with counts, {@code String -> String};
     * see {@code io.mmatracker.topology.list.JobTaskIndex}. In the task tracker's task, beside the tasks' list index.
     */
    public static final String JOB_TASK_INDEX = "task-job-index-store";
    /** {@code String -> SourceSummary}, key sourceId. */
    public static final String SOURCE_SUMMARIES = "source-summaries-store";

    /**
     * Internal: {@code String -> io.mmatracker.topology.state.ObjectTracking}, key = object key; what the alert rules
     * remember about each object of this kind (open alerts, when it last moved).
     */
    public static String tracking(ObjectKind kind) {
        return slug(kind) + "-tracking-store";
    }

    /**
     * Internal: {@code String -> String}, key {@code <lastMovedAt, 19 digits>|<object key>}, value the object key;
     * the active objects of this kind ordered by when they last moved, so a stall check reads only the overdue ones.
     */
    public static String stallIndex(ObjectKind kind) {
        return slug(kind) + "-stall-index-store";
    }

    /**
     * Internal but read by the query: the list index of a listed kind (jobs, tables, tasks), {@code String -> String},
     * keys per data source and status in id order with counts; see {@code io.mmatracker.topology.list.ListIndex}.
     * The name is the catalog's ({@code Kind.listIndexStoreName}); null for a kind that is not listed.
     */
    public static String listIndex(ObjectKind kind) {
        return KindCatalog.of(kind).listIndexStoreName();
    }

    /**
     * {@code String -> io.mmatracker.topology.state.ObjectHistory}, key = object key; the object's recent status
     * changes and alerts, newest first (every kind with {@code Kind.hasHistory}; deleted with the object). The name
     * is the catalog's ({@code Kind.historyStoreName}); null for a kind that keeps no history.
     */
    public static String history(ObjectKind kind) {
        return KindCatalog.of(kind).historyStoreName();
    }

    private static String slug(ObjectKind kind) {
        return KindCatalog.of(kind).slug();
    }
}

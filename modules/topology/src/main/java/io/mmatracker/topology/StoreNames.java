package io.mmatracker.topology;

import java.util.Locale;

import io.mmatracker.schema.ObjectKind;

/**
 * Names of the state stores the topology materializes; the query module reads them by these names.
 * Each snapshot store maps the object's key (see {@code io.mmatracker.schema.topic.Keys}) to its latest snapshot.
 */
public final class StoreNames {

    private StoreNames() {
    }

    /** {@code String -> DataSourceSnapshot}, key sourceId. */
    public static final String DATA_SOURCES = "datasources-store";
    /** {@code String -> ScanSnapshot}, key sourceId/scanId. */
    public static final String SCANS = "scans-store";
    /** {@code String -> JobSnapshot}, key sourceId/jobId. */
    public static final String JOBS = "jobs-store";
    /** {@code String -> TableSnapshot}, key sourceId/tableId. */
    public static final String TABLES = "tables-store";
    /** {@code String -> AsyncTaskSnapshot}, key sourceId/asyncTaskId. */
    public static final String ASYNC_TASKS = "async-tasks-store";
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
     * Internal but read by the query: the list index of a listed kind (jobs, tables), {@code String -> String},
     * keys per data source and status in id order with counts; see {@code io.mmatracker.topology.list.ListIndex}.
     */
    public static String listIndex(ObjectKind kind) {
        return slug(kind) + "-list-index-store";
    }

    /**
     * {@code String -> io.mmatracker.topology.state.ObjectHistory}, key = object key; the object's recent status
     * changes and alerts, newest first (scans, jobs, tables and async tasks; deleted with the object).
     */
    public static String history(ObjectKind kind) {
        return slug(kind) + "-history-store";
    }

    private static String slug(ObjectKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

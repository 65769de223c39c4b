package io.mmatracker.topology;

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
}

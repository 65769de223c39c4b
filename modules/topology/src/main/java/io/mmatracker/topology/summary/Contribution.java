package io.mmatracker.topology.summary;

import java.util.Map;

/**
 * What one object adds to its data source's {@code SourceSummary}. The summary is kept incrementally: when an
 * object changes, the old snapshot's contribution is subtracted and the new one's added.
 *
 * @param sourceName   a name for the data source, when the object carries one
 * @param isDataSource the object is the data source itself (its name wins over names carried by jobs and tables)
 */
public record Contribution(String sourceName, boolean isDataSource, Map<String, Long> jobsByStatus,
                           Map<String, Long> tablesByStatus, Map<String, Long> tasksByStatus, long partitionsTotal,
                           long partitionsDoing, long partitionsDone, long partitionsFailed) {

    /** Status key used when MMA sent no status. */
    public static final String NO_STATUS = "UNKNOWN";

    public static final Contribution NONE = new Contribution(null, false, Map.of(), Map.of(), Map.of(), 0, 0, 0, 0);

    public Contribution {
        jobsByStatus = Map.copyOf(jobsByStatus);
        tablesByStatus = Map.copyOf(tablesByStatus);
        tasksByStatus = Map.copyOf(tasksByStatus);
    }

    public static Contribution dataSource(String name) {
        return new Contribution(name, true, Map.of(), Map.of(), Map.of(), 0, 0, 0, 0);
    }

    public static Contribution job(String sourceName, String status) {
        return new Contribution(sourceName, false, Map.of(statusKey(status), 1L), Map.of(), Map.of(), 0, 0, 0, 0);
    }

    public static Contribution table(String sourceName, String status, long partitions, long doing, long done, long failed) {
        return new Contribution(sourceName, false, Map.of(), Map.of(statusKey(status), 1L), Map.of(), partitions, doing,
                done, failed);
    }

    public static Contribution task(String sourceName, String status) {
        return new Contribution(sourceName, false, Map.of(), Map.of(), Map.of(statusKey(status), 1L), 0, 0, 0, 0);
    }

    private static String statusKey(String status) {
        return status == null || status.isBlank() ? NO_STATUS : status;
    }
}

package io.mmatracker.simulator.fleet;

import java.util.List;
import java.util.Set;

/**
 * The filters of the list operations. A null member does not filter. Text filters match when the value
 * contains the given text; status filters match exactly.
 */
public final class Filters {

    private Filters() {
    }

    /** ListMmsDataSources: name, type, region. */
    public record SourceFilter(String name, String type, String region) {
        public static final SourceFilter NONE = new SourceFilter(null, null, null);
    }

    /** ListMmsTables (REFERENCE §3.3). {@code statuses} is a set of table statuses; the ddl bounds are epoch ms. */
    public record TableFilter(Long dbId, String dbName, String name, String type, Boolean hasPartitions,
                              Set<String> statuses, Long lastDdlTimeStart, Long lastDdlTimeEnd,
                              String dstProjectName, String dstSchemaName, String dstName) {
        public static final TableFilter NONE =
            new TableFilter(null, null, null, null, null, null, null, null, null, null, null);

        /** Whether matching needs the table's evolving state, not just its static facts. */
        boolean needsState() {
            return statuses != null;
        }
    }

    /** ListMmsJobs (REFERENCE §3.5). */
    public record JobFilter(String name, String srcDbName, String srcTableName, String dstDbName,
                            String dstTableName, String status, Boolean stopped) {
        public static final JobFilter NONE = new JobFilter(null, null, null, null, null, null, null);
    }

    /** One {@code sorter.<field>=asc|desc} of a list. */
    public record Sorter(String field, boolean descending) {
    }

    /**
     * ListMmsTasks (REFERENCE §3.6). {@code sorters} ({@code status}, {@code startTime}) order the list in the
     * order given, ties by id; empty: by id.
     */
    public record TaskFilter(Long jobId, String jobName, String srcDbName, String srcTableName, String dstDbName,
                             String dstTableName, String status, List<Sorter> sorters) {
        public static final TaskFilter NONE = new TaskFilter(null, null, null, null, null, null, null, List.of());

        public TaskFilter {
            sorters = sorters == null ? List.of() : List.copyOf(sorters);
        }
    }

    static boolean contains(String value, String wanted) {
        return wanted == null || (value != null && value.contains(wanted));
    }
}

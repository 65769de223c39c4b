package io.mmatracker.topology.summary;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

import io.mmatracker.schema.SourceSummary;
import io.mmatracker.topology.state.SummaryDelta;

/** Builds the change of a data source's summary caused by one object, and applies such changes. */
public final class SummaryDeltas {

    private SummaryDeltas() {
    }

    /**
     * The difference between an object's old and new contribution plus a change in its number of open alerts;
     * empty when nothing in the summary would change.
     */
    public static Optional<SummaryDelta> between(long sourceId, Contribution before, Contribution after,
                                                 long openAlertsDelta, boolean dataSourceDeleted, long observedAt) {
        String name = after.sourceName() != null && !after.sourceName().equals(before.sourceName())
                ? after.sourceName() : null;
        var delta = SummaryDelta.newBuilder()
                .setSourceId(sourceId)
                .setSourceName(name)
                .setNameFromDataSource(name != null && after.isDataSource())
                .setDataSourceDeleted(dataSourceDeleted)
                .setJobsByStatus(difference(before.jobsByStatus(), after.jobsByStatus()))
                .setTablesByStatus(difference(before.tablesByStatus(), after.tablesByStatus()))
                .setTasksByStatus(difference(before.tasksByStatus(), after.tasksByStatus()))
                .setPartitionsTotal(after.partitionsTotal() - before.partitionsTotal())
                .setPartitionsDoing(after.partitionsDoing() - before.partitionsDoing())
                .setPartitionsDone(after.partitionsDone() - before.partitionsDone())
                .setPartitionsFailed(after.partitionsFailed() - before.partitionsFailed())
                .setOpenAlerts(openAlertsDelta)
                .setObservedAt(observedAt)
                .build();
        return isEmpty(delta) ? Optional.empty() : Optional.of(delta);
    }

    /** Whether applying the delta would change no summary. */
    static boolean isEmpty(SummaryDelta delta) {
        return delta.getSourceName() == null && !delta.getDataSourceDeleted()
                && delta.getJobsByStatus().isEmpty() && delta.getTablesByStatus().isEmpty() && delta.getTasksByStatus().isEmpty()
                && delta.getPartitionsTotal() == 0 && delta.getPartitionsDoing() == 0
                && delta.getPartitionsDone() == 0 && delta.getPartitionsFailed() == 0
                && delta.getOpenAlerts() == 0;
    }

    private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        if (before.isEmpty() && after.isEmpty()) {
            // the other kinds' counters of an object: most of every delta
            return Map.of();
        }
        var keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        var result = new HashMap<String, Long>();
        for (String key : keys) {
            long change = after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
            if (change != 0) {
                result.put(key, change);
            }
        }
        return result;
    }

    static Map<String, Long> add(Map<String, Long> counts, Map<String, Long> changes) {
        if (changes.isEmpty()) {
            // values are never modified once built, so the counts can be shared as they are
            return counts;
        }
        var result = new HashMap<>(counts);
        changes.forEach((key, change) -> {
            long value = result.getOrDefault(key, 0L) + change;
            if (value == 0) {
                result.remove(key);
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    static boolean isBlank(SourceSummary summary) {
        return summary.getSourceName() == null && summary.getJobsByStatus().isEmpty()
                && summary.getTablesByStatus().isEmpty() && summary.getTasksByStatus().isEmpty()
                && summary.getPartitionsTotal() == 0
                && summary.getPartitionsDoing() == 0 && summary.getPartitionsDone() == 0
                && summary.getPartitionsFailed() == 0 && summary.getOpenAlerts() == 0;
    }
}

package io.mmatracker.topology.summary;

import java.time.Instant;
import java.util.Map;

import io.mmatracker.schema.SourceSummary;
import io.mmatracker.topology.state.SummaryDelta;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one {@link SourceSummary} per data source by adding up the changes its objects report. The deltas
 * arrive through a repartition topic keyed by sourceId, so every change of a source lands on the task that owns
 * its summary, and exactly-once processing applies each change exactly once.
 */
public final class SourceSummaryProcessor implements Processor<String, SummaryDelta, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, SourceSummary> summaries;

    public SourceSummaryProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        summaries = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SummaryDelta> record) {
        SummaryDelta delta = record.value();
        if (delta == null) {
            return;
        }
        SourceSummary current = summaries.get(record.key());
        SourceSummary next = apply(current, delta);
        if (SummaryDeltas.isBlank(next)) {
            summaries.delete(record.key());
        } else {
            summaries.put(record.key(), next);
        }
    }

    static SourceSummary apply(SourceSummary current, SummaryDelta delta) {
        var summary = current != null ? SourceSummary.newBuilder(current) : SourceSummary.newBuilder()
                .setSourceId(delta.getSourceId())
                .setJobsByStatus(Map.of())
                .setTablesByStatus(Map.of())
                .setUpdatedAt(Instant.ofEpochMilli(delta.getObservedAt()));
        if (delta.getDataSourceDeleted()) {
            summary.setSourceName(null);
        } else if (delta.getSourceName() != null && (delta.getNameFromDataSource() || summary.getSourceName() == null)) {
            summary.setSourceName(delta.getSourceName());
        }
        Instant observedAt = Instant.ofEpochMilli(delta.getObservedAt());
        return summary
                .setJobsByStatus(SummaryDeltas.add(summary.getJobsByStatus(), delta.getJobsByStatus()))
                .setTablesByStatus(SummaryDeltas.add(summary.getTablesByStatus(), delta.getTablesByStatus()))
                .setPartitionsTotal(summary.getPartitionsTotal() + delta.getPartitionsTotal())
                .setPartitionsDoing(summary.getPartitionsDoing() + delta.getPartitionsDoing())
                .setPartitionsDone(summary.getPartitionsDone() + delta.getPartitionsDone())
                .setPartitionsFailed(summary.getPartitionsFailed() + delta.getPartitionsFailed())
                .setOpenAlerts(summary.getOpenAlerts() + delta.getOpenAlerts())
                .setUpdatedAt(observedAt.isAfter(summary.getUpdatedAt()) ? observedAt : summary.getUpdatedAt())
                .build();
    }
}

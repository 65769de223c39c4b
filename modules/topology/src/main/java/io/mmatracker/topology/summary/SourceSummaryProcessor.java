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
        Instant observedAt = Instant.ofEpochMilli(delta.getObservedAt());
        if (current == null) {
            current = new SourceSummary(delta.getSourceId(), null, Map.of(), Map.of(), Map.of(), 0L, 0L, 0L, 0L, 0L, observedAt);
        }
        String name = current.getSourceName();
        if (delta.getDataSourceDeleted()) {
            name = null;
        } else if (delta.getSourceName() != null && (delta.getNameFromDataSource() || name == null)) {
            name = delta.getSourceName();
        }
        // a new record rather than a copy builder: Avro's copy builders load classes by name (see TrackerModel)
        return SourceSummary.newBuilder()
                .setSourceId(current.getSourceId())
                .setSourceName(name)
                .setJobsByStatus(SummaryDeltas.add(current.getJobsByStatus(), delta.getJobsByStatus()))
                .setTablesByStatus(SummaryDeltas.add(current.getTablesByStatus(), delta.getTablesByStatus()))
                .setTasksByStatus(SummaryDeltas.add(current.getTasksByStatus(), delta.getTasksByStatus()))
                .setPartitionsTotal(current.getPartitionsTotal() + delta.getPartitionsTotal())
                .setPartitionsDoing(current.getPartitionsDoing() + delta.getPartitionsDoing())
                .setPartitionsDone(current.getPartitionsDone() + delta.getPartitionsDone())
                .setPartitionsFailed(current.getPartitionsFailed() + delta.getPartitionsFailed())
                .setOpenAlerts(current.getOpenAlerts() + delta.getOpenAlerts())
                .setUpdatedAt(observedAt.isAfter(current.getUpdatedAt()) ? observedAt : current.getUpdatedAt())
                .build();
    }
}

package io.mmatracker.topology.summary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Consumer;

import io.mmatracker.topology.state.SummaryDelta;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The summary deltas of one task not sent to the summaries yet, one merged delta per data source (store
 * {@link #STORE}, key = the source's key, cached). The trackers add every delta here instead of sending it, and a
 * wall-clock punctuation sends each source's merged delta every {@link #FLUSH_INTERVAL}: a thousand new tables of
 * a source cost one repartition record (and one summary update) per interval instead of a thousand. The store
 * commits with the task's input offsets, so under exactly-once a delta is counted once: it is either still pending
 * in the committed store (sent after a restart) or sent in the transaction that removed it.
 */
public final class PendingDeltas {

    /** The store's name (internal, changelogged, behind the record cache). */
    public static final String STORE = "source-summary-pending-store";

    /** How often pending deltas are sent on to the summaries. */
    public static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);

    private final KeyValueStore<String, SummaryDelta> store;

    public PendingDeltas(KeyValueStore<String, SummaryDelta> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Adds a delta of the source {@code sourceKey} to what is pending for it. */
    public void add(String sourceKey, SummaryDelta delta) {
        SummaryDelta pending = store.get(sourceKey);
        store.put(sourceKey, pending == null ? delta : merge(pending, delta));
    }

    /** Whether nothing is pending (the store may have been restored with deltas a former owner had not sent). */
    public boolean isEmpty() {
        try (var it = store.all()) {
            return !it.hasNext();
        }
    }

    /** Hands every pending delta that changes something to {@code send} and removes them all. */
    public void flush(Consumer<KeyValue<String, SummaryDelta>> send) {
        var all = new ArrayList<KeyValue<String, SummaryDelta>>();
        try (var it = store.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, SummaryDelta> pending : all) {
            if (!SummaryDeltas.isEmpty(pending.value)) {
                send.accept(pending);
            }
            store.delete(pending.key);
        }
    }

    /**
     * One delta with the effect of {@code first} then {@code second} on any summary: counters add up, the latest
     * observedAt wins, and the name is the one {@link SourceSummaryProcessor#apply} would end with. A data
     * source's deletion clears the name; a name that follows it is set whatever the summary had (marked as the
     * data source's own, which always wins).
     */
    static SummaryDelta merge(SummaryDelta first, SummaryDelta second) {
        String name = first.getSourceName();
        boolean fromDataSource = first.getNameFromDataSource();
        boolean deleted = first.getDataSourceDeleted();
        if (second.getDataSourceDeleted()) {
            name = null;
            fromDataSource = false;
            deleted = true;
        } else if (second.getSourceName() != null && (second.getNameFromDataSource() || deleted)) {
            name = second.getSourceName();
            fromDataSource = true;
            deleted = false;
        } else if (second.getSourceName() != null && name == null) {
            name = second.getSourceName();
            fromDataSource = false;
        }
        return SummaryDelta.newBuilder()
                .setSourceId(second.getSourceId())
                .setSourceName(name)
                .setNameFromDataSource(fromDataSource)
                .setDataSourceDeleted(deleted)
                .setJobsByStatus(SummaryDeltas.add(first.getJobsByStatus(), second.getJobsByStatus()))
                .setTablesByStatus(SummaryDeltas.add(first.getTablesByStatus(), second.getTablesByStatus()))
                .setTasksByStatus(SummaryDeltas.add(first.getTasksByStatus(), second.getTasksByStatus()))
                .setPartitionsTotal(first.getPartitionsTotal() + second.getPartitionsTotal())
                .setPartitionsDoing(first.getPartitionsDoing() + second.getPartitionsDoing())
                .setPartitionsDone(first.getPartitionsDone() + second.getPartitionsDone())
                .setPartitionsFailed(first.getPartitionsFailed() + second.getPartitionsFailed())
                .setOpenAlerts(first.getOpenAlerts() + second.getOpenAlerts())
                .setObservedAt(Math.max(first.getObservedAt(), second.getObservedAt()))
                .build();
    }
}

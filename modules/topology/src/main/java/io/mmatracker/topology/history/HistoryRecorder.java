package io.mmatracker.topology.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.topology.state.HistoryEntry;
import io.mmatracker.topology.state.ObjectHistory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the history of every object of one kind: its status changes ({@code CREATED}, {@code STATUS}) and its
 * alerts, newest first, at most {@code maxEntries} per object. Progress-only changes are left out, so a table
 * whose partitions tick along does not push its status changes out of the bound. When the object is deleted its
 * history is deleted with it (a tombstone in the store's changelog): the history answers for the objects the
 * tracker holds, like every other GET.
 *
 * <p>It reads what its kind's {@code SnapshotTracker} forwards, in the same task and the same transaction, so the
 * history commits together with the snapshot and the events it records.
 */
public final class HistoryRecorder implements Processor<String, SpecificRecord, Void, Void> {

    /** Entries kept per object. */
    public static final int MAX_ENTRIES = 200;

    /** The value of {@link HistoryEntry#getEvent()} for a status change, as the event stream names it. */
    public static final String STATUS_CHANGE = "status-change";
    /** The value of {@link HistoryEntry#getEvent()} for an alert. */
    public static final String ALERT = "alert";

    private final String historyStore;
    private final String snapshotStore;
    private final int maxEntries;
    private KeyValueStore<String, ObjectHistory> histories;
    private KeyValueStore<String, ?> snapshots;

    /**
     * @param snapshotStore the kind's latest-state store: an alert resolved by the object's deletion finds the
     *                      object gone there and is not recorded
     */
    public HistoryRecorder(String historyStore, String snapshotStore, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.historyStore = Objects.requireNonNull(historyStore, "historyStore");
        this.snapshotStore = Objects.requireNonNull(snapshotStore, "snapshotStore");
        this.maxEntries = maxEntries;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        histories = context.getStateStore(historyStore);
        snapshots = context.getStateStore(snapshotStore);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String key = record.key();
        if (record.value() instanceof StatusChange change) {
            if (change.getChangeType() == ChangeType.DELETED) {
                histories.delete(key);
            } else if (change.getChangeType() == ChangeType.CREATED) {
                // a new object (or one created again after its deletion, which deleted its history) has none yet
                histories.put(key, prepend(null, entry(change), maxEntries));
            } else if (change.getChangeType() == ChangeType.STATUS) {
                histories.put(key, prepend(histories.get(key), entry(change), maxEntries));
            }
        } else if (record.value() instanceof Alert alert) {
            if (alert.getState() == AlertState.RESOLVED && snapshots.get(key) == null) {
                return;
            }
            histories.put(key, prepend(histories.get(key), entry(alert), maxEntries));
        }
    }

    static ObjectHistory prepend(ObjectHistory history, HistoryEntry entry, int maxEntries) {
        List<HistoryEntry> older = history == null ? List.of() : history.getEntries();
        List<HistoryEntry> entries = new ArrayList<>(Math.min(maxEntries, older.size() + 1));
        entries.add(entry);
        for (int i = 0; i < older.size() && entries.size() < maxEntries; i++) {
            entries.add(older.get(i));
        }
        return ObjectHistory.newBuilder().setEntries(entries).build();
    }

    static HistoryEntry entry(StatusChange change) {
        return HistoryEntry.newBuilder()
                .setEvent(STATUS_CHANGE)
                .setObservedAt(change.getObservedAt().toEpochMilli())
                .setChangeType(change.getChangeType().name())
                .setFromStatus(change.getFromStatus())
                .setToStatus(change.getToStatus())
                .setToProgress(change.getToProgress())
                // the alert's fields set to their defaults too: a field left unset costs build() a deep copy of its
                // default value from the schema
                .setAlertId(null)
                .setType(null)
                .setState(null)
                .setStatus(null)
                .setErrorMessage(null)
                .build();
    }

    static HistoryEntry entry(Alert alert) {
        return HistoryEntry.newBuilder()
                .setEvent(ALERT)
                .setObservedAt(alert.getObservedAt().toEpochMilli())
                .setAlertId(alert.getAlertId())
                .setType(alert.getType().name())
                .setState(alert.getState().name())
                .setStatus(alert.getStatus())
                .setErrorMessage(alert.getErrorMessage())
                .setChangeType(null)
                .setFromStatus(null)
                .setToStatus(null)
                .setToProgress(Map.of())
                .build();
    }
}

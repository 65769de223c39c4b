package io.mmatracker.topology.track;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.kind.ObjectRef;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.list.JobTaskIndex;
import io.mmatracker.topology.list.ListIndex;
import io.mmatracker.topology.rules.ObjectRules;
import io.mmatracker.topology.rules.ObjectView;
import io.mmatracker.topology.state.ObjectTracking;
import io.mmatracker.topology.state.ReceivedBytes;
import io.mmatracker.topology.state.ReceivedBytes.Received;
import io.mmatracker.topology.summary.Contribution;
import io.mmatracker.topology.summary.PendingDeltas;
import io.mmatracker.topology.summary.SummaryDeltas;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks the objects of one kind: keeps the latest snapshot per key, and derives status-change events, alerts
 * and summary deltas from the difference between the stored snapshot and the new one, in the same place where
 * the store is updated. Under exactly-once processing the store writes, the events, the alerts and the pending
 * summary delta commit together, so a crash never loses or repeats a change. The pending deltas are sent on in a
 * later transaction (up to {@link PendingDeltas#FLUSH_INTERVAL} plus a commit later), by whichever instance owns the
 * task then: deltas pending at a rebalance or crash are restored with the task and sent by its new owner.
 *
 * <p>Everything the rules remember lives in state stores: the snapshots, the per-object tracking (open alerts,
 * when it last moved) and a stall index that a wall-clock punctuation scans for overdue active objects.
 *
 * <p>Output values are {@code StatusChange} and {@code Alert} (key = object key) and {@code SummaryDelta}
 * (key = sourceId; merged per source in the task's {@link PendingDeltas} and sent every
 * {@link PendingDeltas#FLUSH_INTERVAL}).
 */
public final class SnapshotTracker<S extends SpecificRecord> implements Processor<String, Received<S>, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTracker.class);

    private final ObjectRules<S> rules;
    /** The input's and the snapshot store's serde: a snapshot is stored in the bytes it was read from. */
    private final ReceivedBytes<S> snapshotBytes;
    private final Duration stallTimeout;
    private final Duration stallCheckInterval;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, S> snapshots;
    private KeyValueStore<String, ObjectTracking> trackings;
    private KeyValueStore<String, String> stallIndex;
    /** Null for a kind that is not listed. */
    private ListIndex listIndex;
    private PendingDeltas pendingDeltas;
    /** This tracker's flush punctuation while the task may have pending deltas, else null. */
    private Cancellable flushSchedule;
    /** The tasks of each job; null for the other kinds. */
    private JobTaskIndex jobTaskIndex;

    public SnapshotTracker(ObjectRules<S> rules, ReceivedBytes<S> snapshotBytes, Duration stallTimeout, Duration stallCheckInterval) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.snapshotBytes = Objects.requireNonNull(snapshotBytes, "snapshotBytes");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.stallCheckInterval = Objects.requireNonNull(stallCheckInterval, "stallCheckInterval");
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.snapshots = context.getStateStore(rules.kind().storeName());
        this.trackings = context.getStateStore(StoreNames.tracking(rules.kind().objectKind()));
        this.stallIndex = context.getStateStore(StoreNames.stallIndex(rules.kind().objectKind()));
        if (rules.kind().isListed()) {
            String index = rules.kind().listIndexStoreName();
            this.listIndex = new ListIndex(context.getStateStore(index), context.getStateStore(ListIndex.entriesStore(index)));
            if (!listIndex.isComplete()) {
                rebuildListIndex(context);
                commitSoon(context);
            }
        }
        this.pendingDeltas = new PendingDeltas(context.getStateStore(PendingDeltas.STORE));
        if (rules.kind().objectKind() == ObjectKind.TASK) {
            this.jobTaskIndex = new JobTaskIndex(context.getStateStore(StoreNames.JOB_TASK_INDEX),
                    context.getStateStore(ListIndex.entriesStore(StoreNames.JOB_TASK_INDEX)));
            if (!jobTaskIndex.isComplete()) {
                rebuildJobTaskIndex(context);
                commitSoon(context);
            }
        }
        context.schedule(stallCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::checkStalls);
        if (!pendingDeltas.isEmpty()) {
            // Restored deltas that the last owner of the task had not sent yet (a crash, a rebalance).
            scheduleFlush();
        }
    }

    /**
     * Schedules the flush punctuation unless it is already scheduled. It runs only while deltas are pending: a
     * wall-clock punctuation that runs makes its task commit ({@code StreamTask.maybePunctuateSystemTime} sets
     * {@code commitNeeded}), so a flush scheduled for good would commit every task every commit interval, an
     * exactly-once transaction per stream thread per second on an idle cluster.
     */
    private void scheduleFlush() {
        if (flushSchedule == null) {
            flushSchedule = context.schedule(PendingDeltas.FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::flushPendingDeltas);
        }
    }

    /**
     * Sends the task's pending summary deltas on (any tracker of the task may, they share the store) and, as the
     * store is then empty, cancels this tracker's flush until a delta comes again. The forwards and the deletes
     * commit in one transaction.
     */
    private void flushPendingDeltas(long now) {
        pendingDeltas.flush(pending -> context.forward(new Record<>(pending.key, pending.value, now)));
        flushSchedule.cancel();
        flushSchedule = null;
    }

    /**
     * Indexes every stored object. The stores are restored before a processor is initialised, and store writes in
     * {@code init} carry a record context (KAFKA-19638, in the Kafka Streams we pin), so they go to the changelog in
     * the transaction the task commits next ({@link #commitSoon}).
     */
    private void rebuildListIndex(ProcessorContext<String, SpecificRecord> context) {
        long start = System.nanoTime();
        ListIndex.Rebuild rebuild = listIndex.rebuild();
        try (var all = snapshots.all()) {
            all.forEachRemaining(kv -> {
                ObjectRef ref = ObjectRef.of(rules.kind().objectKind(), kv.key);
                rebuild.add(ref.key(), ref.sourceId(), ref.objectId(), rules.describe(kv.value).status());
            });
        }
        long objects = rebuild.finish();
        if (objects > 0) {
            LOG.info("Rebuilt the list index of {} in task {} from its {} stored objects in {} ms", rules.kind().objectKind(), context.taskId(),
                    objects, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /**
     * Makes the task commit soon although no record may come: the index store is cached, and a cached write reaches
     * RocksDB and the changelog only when its task commits, which Kafka Streams does for a task that processed a
     * record or ran a punctuation ({@code StreamTask.maybePunctuateSystemTime} sets {@code commitNeeded}). So one
     * wall-clock punctuation, cancelled when it runs, commits the rebuild with the next commit interval.
     */
    private static void commitSoon(ProcessorContext<?, ?> context) {
        var once = new Cancellable[1];
        once[0] = context.schedule(Duration.ofMillis(1), PunctuationType.WALL_CLOCK_TIME, now -> once[0].cancel());
    }

    /** As {@link #rebuildListIndex}, for the tasks of each job (their job id is in the view's context). */
    private void rebuildJobTaskIndex(ProcessorContext<String, SpecificRecord> context) {
        long start = System.nanoTime();
        JobTaskIndex.Rebuild rebuild = jobTaskIndex.rebuild();
        try (var all = snapshots.all()) {
            all.forEachRemaining(kv -> {
                ObjectRef ref = ObjectRef.of(rules.kind().objectKind(), kv.key);
                ObjectView view = rules.describe(kv.value);
                rebuild.add(ref.key(), ref.sourceId(), jobOf(view), ref.objectId(), view.status());
            });
        }
        long tasks = rebuild.finish();
        if (tasks > 0) {
            LOG.info("Rebuilt the job task index in task {} from its {} stored tasks in {} ms", context.taskId(), tasks,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /** The job of a task (TaskRules puts it in the context); null when MMA sent none. */
    private static Long jobOf(ObjectView view) {
        if (view == null) {
            return null;
        }
        String job = view.context().get("jobId");
        return job == null ? null : Long.valueOf(job);
    }

    @Override
    public void process(Record<String, Received<S>> record) {
        // Everything that can fail (a bad key, an unreadable snapshot) happens before the first store write or
        // forward, so a record sent to the dead-letter topic leaves no partial trace.
        ObjectRef ref = ObjectRef.of(rules.kind().objectKind(), record.key());
        // of() refuses a key that is not the canonical one, so this is key, without building it again
        String key = record.key();
        S stored = snapshots.get(key);
        Received<S> received = record.value();
        S snapshot = received == null ? null : received.value();
        if (snapshot == null) {
            if (stored != null) {
                delete(ref, key, stored, record.timestamp());
            }
            return;
        }
        long observedAt = rules.kind().observedAt(snapshot).toEpochMilli();
        if (stored != null && (observedAt < rules.kind().observedAt(stored).toEpochMilli() || snapshot.equals(stored))) {
            return;
        }
        ObjectView before = stored == null ? null : rules.describe(stored);
        ObjectView after = rules.describe(snapshot);
        ObjectTracking written = stored == null ? null : trackings.get(key);
        ObjectTracking tracking = stored == null ? null : orImplicit(written, stored);
        Step step = Transitions.onSnapshot(ref, before, tracking, after, observedAt);

        snapshotBytes.writeNext(received);
        snapshots.put(key, snapshot);
        writeTracking(key, written, step.tracking(), observedAt);
        moveStallEntry(key, before, tracking, after, step.tracking());
        if (listIndex != null) {
            listIndex.move(key, ref.sourceId(), ref.objectId(), before != null, before == null ? null : before.status(), true, after.status());
        }
        if (jobTaskIndex != null) {
            jobTaskIndex.move(key, ref.sourceId(), ref.objectId(), jobOf(before), before == null ? null : before.status(),
                    jobOf(after), after.status());
        }
        emit(ref, key, step, record.timestamp(), before == null ? Contribution.NONE : before.contribution(),
                after.contribution(), false, observedAt);
    }

    /**
     * The tracking of an object is stored only when it says more than its snapshot: an object without open alerts
     * that last moved in its stored snapshot (a new object, one whose status or progress just changed) has none,
     * and {@link #orImplicit} derives it. That spares a store write and a changelog record for most snapshots (every
     * new object, every move), the common case when a large source is first polled or progresses.
     */
    private static boolean isImplicit(ObjectTracking tracking, long snapshotObservedAt) {
        return tracking.getOpenAlerts().isEmpty() && tracking.getLastMovedAt() == snapshotObservedAt;
    }

    /** The stored tracking, or the one a stored snapshot without a stored tracking implies. */
    private ObjectTracking orImplicit(ObjectTracking written, S stored) {
        return written != null ? written : new ObjectTracking(rules.kind().observedAt(stored).toEpochMilli(), Map.of());
    }

    private void writeTracking(String key, ObjectTracking written, ObjectTracking next, long snapshotObservedAt) {
        if (!isImplicit(next, snapshotObservedAt)) {
            trackings.put(key, next);
        } else if (written != null) {
            trackings.delete(key);
        }
    }

    private void delete(ObjectRef ref, String key, S stored, long timestamp) {
        ObjectView before = rules.describe(stored);
        ObjectTracking written = trackings.get(key);
        ObjectTracking tracking = orImplicit(written, stored);
        Step step = Transitions.onDelete(ref, before, tracking, timestamp);

        snapshots.delete(key);
        if (written != null) {
            trackings.delete(key);
        }
        moveStallEntry(key, before, tracking, null, null);
        if (listIndex != null) {
            listIndex.move(key, ref.sourceId(), ref.objectId(), true, before.status(), false, null);
        }
        if (jobTaskIndex != null) {
            jobTaskIndex.move(key, ref.sourceId(), ref.objectId(), jobOf(before), before.status(), null, null);
        }
        emit(ref, key, step, timestamp, before.contribution(), Contribution.NONE,
                rules.kind().objectKind() == ObjectKind.DATA_SOURCE, timestamp);
    }

    private void checkStalls(long now) {
        var due = new ArrayList<KeyValue<String, String>>();
        try (var overdue = stallIndex.range(null, StallIndex.upperBound(now - stallTimeout.toMillis()))) {
            overdue.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            String key = entry.value;
            S snapshot = snapshots.get(key);
            ObjectTracking tracking = snapshot == null ? null : orImplicit(trackings.get(key), snapshot);
            ObjectView view = snapshot == null ? null : rules.describe(snapshot);
            String current = stallEntry(key, view, tracking);
            if (current == null) {
                // deleted, no longer active, or already stalled: the entry was left for this check to remove
                stallIndex.delete(entry.key);
                continue;
            }
            if (!entry.key.equals(current)) {
                // kept back while the object moved (see moveStallEntry): now to where it last moved
                stallIndex.delete(entry.key);
                stallIndex.put(current, key);
            }
            // Entries are rounded down to the check interval: an object of the last interval may not be due yet,
            // and keeps its entry until it is. Once stalled, it leaves the index until it moves again.
            ObjectRef ref = ObjectRef.of(rules.kind().objectKind(), key);
            Transitions.onStallCheck(ref, view, tracking, now, stallTimeout).ifPresent(step -> {
                stallIndex.delete(current);
                trackings.put(key, step.tracking());
                emit(ref, key, step, now, view.contribution(), view.contribution(), false, now);
            });
        }
    }

    /**
     * Keeps the stall index good enough for the check: every object that is active and not already stalled has an
     * entry at or before (rounded) its last move. So only an object that enters that state writes an entry (a new
     * active object, one that becomes active again, a stalled one that moves); one that moves on keeps its entry
     * where it is, and one that leaves (finished, stalled, deleted) leaves its entry behind. The check meets each
     * such entry when it comes due and moves it to where its object last moved, or removes it ({@link #checkStalls}).
     * Moving the entry with the object cost two changelog records whenever the object's rounded last move changed
     * (0.44 records per progress step in the benchmark); now an active object's entry moves once per stall
     * timeout, and the index also holds the entries of objects that left it in the last stall timeout.
     */
    private void moveStallEntry(String key, ObjectView before, ObjectTracking trackingBefore,
                                ObjectView after, ObjectTracking trackingAfter) {
        if (!isWatched(before, trackingBefore) && isWatched(after, trackingAfter)) {
            stallIndex.put(stallEntry(key, after, trackingAfter), key);
        }
    }

    /** Whether the object is active and not stalled, so the stall index must have an entry for it. */
    private static boolean isWatched(ObjectView view, ObjectTracking tracking) {
        return view != null && tracking != null && view.isActive() && !tracking.getOpenAlerts().containsKey(Transitions.STALLED);
    }

    private String stallEntry(String key, ObjectView view, ObjectTracking tracking) {
        if (!isWatched(view, tracking)) {
            return null;
        }
        return StallIndex.entry(tracking.getLastMovedAt(), stallCheckInterval.toMillis(), key);
    }

    private void emit(ObjectRef ref, String key, Step step, long timestamp, Contribution before, Contribution after,
                      boolean isDataSourceDeleted, long observedAt) {
        if (step.change() != null) {
            context.forward(new Record<>(key, step.change(), timestamp));
        }
        for (var alert : step.alerts()) {
            context.forward(new Record<>(key, alert, timestamp));
        }
        if (step.openAlertsDelta() == 0 && !isDataSourceDeleted && before.equals(after)) {
            // a move that leaves the summary as it is (a job's progress, say): no delta to build and find empty
            return;
        }
        SummaryDeltas.between(ref.sourceId(), before, after, step.openAlertsDelta(), isDataSourceDeleted, observedAt)
                .ifPresent(delta -> {
                    pendingDeltas.add(Keys.dataSource(ref.sourceId()), delta);
                    scheduleFlush();
                });
    }
}

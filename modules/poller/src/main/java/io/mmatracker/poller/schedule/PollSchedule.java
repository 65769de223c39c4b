package io.mmatracker.poller.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * When each data source is due. One poll cycle of a source covers all of its moving objects at once (status
 * filtered list calls), so the schedule is per source, not per object:
 * <ul>
 *   <li>an active cycle every {@code activeInterval}, counted from the start of the previous one;</li>
 *   <li>a full reconciliation every {@code reconcileInterval} (new objects, deletions, retried finished ones),
 *       and at once for a source that is new to this instance;</li>
 *   <li>after a failed cycle, a retry after capped exponential backoff of that source alone, keeping a pending
 *       reconciliation pending.</li>
 * </ul>
 * A source is handed out to one worker at a time. Thread-safe.
 */
public final class PollSchedule {

    /** A cycle to run now. */
    public record Due(long sourceId, boolean reconcile, int attempt) {
    }

    private static final class Entry {
        final long sourceId;
        Instant nextAt;
        Instant reconcileAt;
        int failures;
        boolean inFlight;
        Instant startedAt;
        Instant lastReconcileAt;

        Entry(long sourceId, Instant now) {
            this.sourceId = sourceId;
            this.nextAt = now;
            this.reconcileAt = now;
        }
    }

    private final Duration activeInterval;
    private final Duration reconcileInterval;
    private final Backoff retry;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<Long, Entry> entries = new HashMap<>();

    public PollSchedule(Duration activeInterval, Duration reconcileInterval, Backoff retry, Clock clock,
                        RandomGenerator random) {
        this.activeInterval = Objects.requireNonNull(activeInterval, "activeInterval");
        this.reconcileInterval = Objects.requireNonNull(reconcileInterval, "reconcileInterval");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Starts scheduling a source: its first cycle, a reconciliation, is due now. No-op if already scheduled. */
    public synchronized boolean add(long sourceId) {
        if (entries.containsKey(sourceId)) {
            return false;
        }
        entries.put(sourceId, new Entry(sourceId, clock.instant()));
        return true;
    }

    /** Stops scheduling a source; a cycle already running finishes but is not rescheduled. */
    public synchronized void remove(long sourceId) {
        entries.remove(sourceId);
    }

    public synchronized Set<Long> sources() {
        return new TreeSet<>(entries.keySet());
    }

    public synchronized boolean isInFlight(long sourceId) {
        Entry entry = entries.get(sourceId);
        return entry != null && entry.inFlight;
    }

    /** When the next reconciliation of a source is due, if it is scheduled. */
    public synchronized Optional<Instant> reconcileDueAt(long sourceId) {
        Entry entry = entries.get(sourceId);
        return entry == null ? Optional.empty() : Optional.of(entry.reconcileAt);
    }

    /** Hands out the most overdue source whose cycle is due, marking it in flight. */
    public synchronized Optional<Due> take() {
        Instant now = clock.instant();
        Optional<Entry> next = entries.values().stream()
                .filter(e -> !e.inFlight && !e.nextAt.isAfter(now))
                .min(Comparator.comparing((Entry e) -> e.nextAt).thenComparingLong(e -> e.sourceId));
        next.ifPresent(e -> {
            e.inFlight = true;
            e.startedAt = now;
        });
        return next.map(e -> new Due(e.sourceId, !e.reconcileAt.isAfter(now), e.failures + 1));
    }

    /** When the next cycle is due, if any source is scheduled and idle. */
    public synchronized Optional<Instant> nextDueAt() {
        return entries.values().stream().filter(e -> !e.inFlight).map(e -> e.nextAt).min(Comparator.naturalOrder());
    }

    /** The cycle handed out by {@link #take()} finished: the next one is due an active interval after it began. */
    public synchronized void succeeded(Due due) {
        Entry entry = entries.get(due.sourceId());
        if (entry == null) {
            return;
        }
        Instant now = clock.instant();
        entry.inFlight = false;
        entry.failures = 0;
        Instant next = entry.startedAt.plus(activeInterval);
        entry.nextAt = next.isBefore(now) ? now : next;
        if (due.reconcile()) {
            entry.lastReconcileAt = entry.startedAt;
            entry.reconcileAt = entry.startedAt.plus(reconcileInterval);
        }
    }

    /** The cycle failed: retry this source after backoff; a reconciliation that was due stays due. */
    public synchronized Duration failed(Due due) {
        Entry entry = entries.get(due.sourceId());
        if (entry == null) {
            return Duration.ZERO;
        }
        entry.inFlight = false;
        entry.failures++;
        Duration delay = retry.delay(entry.failures, random);
        entry.nextAt = clock.instant().plus(delay);
        return delay;
    }

    /**
     * Brings the next reconciliation of a source forward (e.g. MMA's counters show changes the active lists
     * missed), but not to less than {@code minGap} after the start of the previous one.
     */
    public synchronized void requestReconcile(long sourceId, Duration minGap) {
        Entry entry = entries.get(sourceId);
        if (entry == null) {
            return;
        }
        Instant earliest = entry.lastReconcileAt == null ? clock.instant() : entry.lastReconcileAt.plus(minGap);
        if (earliest.isBefore(entry.reconcileAt)) {
            entry.reconcileAt = earliest;
        }
    }

    /** Sources whose cycle is overdue by more than the given slack and still waiting for a worker. */
    public synchronized List<Long> overdue(Duration slack) {
        Instant limit = clock.instant().minus(slack);
        List<Long> late = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.inFlight && e.nextAt.isBefore(limit)) {
                late.add(e.sourceId);
            }
        }
        return late;
    }

    public synchronized int consecutiveFailures(long sourceId) {
        Entry entry = entries.get(sourceId);
        return entry == null ? 0 : entry.failures;
    }
}

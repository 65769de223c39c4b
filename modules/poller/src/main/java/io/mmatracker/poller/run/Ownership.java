package io.mmatracker.poller.run;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.LongPredicate;

import io.mmatracker.poller.coordinate.CoordinationGroup;
import io.mmatracker.poller.coordinate.SourcePartitioner;
import io.mmatracker.poller.cycle.SourceCycle;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.publish.SnapshotSink;
import io.mmatracker.poller.schedule.PollSchedule;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.kind.ObjectRef;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sources this instance polls, as the coordination group moves partitions (called on the Kafka thread).
 * Acquired: what was published for their sources is read back first (so unchanged objects are not published
 * again), then they are scheduled. Released: their cycles finish, everything sent is flushed (the next owner
 * restores from the topics), and what this instance knew of them is dropped.
 * <p>
 * Discovery schedules the sources it finds only in partitions whose read-back is done ({@link #isRestored}): the
 * coordination group counts a partition as owned before the read-back starts, and a cycle running beside it
 * would compare MMA's objects with a half-restored detector, whose restored values then overwrite what the cycle
 * saw.
 */
public final class Ownership implements CoordinationGroup.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);
    /**
     * How long the read-back may take: it runs inside the group's assignment callback, so it stays below the
     * consumer's {@code max.poll.interval.ms} (5 min by default). 810,650 records took 86 s at load ~20; a million
     * tables and their tasks are about 2.5 times as many.
     */
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(4);

    /**
     * Reads back what was published for the wanted sources ({@code SnapshotRestorer}): every snapshot record in order,
     * a tombstone as {@code null}; returns the number of records.
     */
    @FunctionalInterface
    public interface Restorer {
        int restore(LongPredicate wantedSource, BiConsumer<ObjectRef, SpecificRecord> visitor, Duration timeout);
    }

    private final Restorer restorer;
    private final ChangeDetector detector;
    private final SourceCycle cycle;
    private final PollSchedule schedule;
    private final Dispatcher dispatcher;
    private final Discovery discovery;
    private final SnapshotSink sink;
    private final PollerMetrics metrics;
    private final Watermarks watermarks;
    private volatile int partitionCount;
    private volatile Set<Integer> restoredPartitions = Set.of();

    public Ownership(Restorer restorer, ChangeDetector detector, SourceCycle cycle, PollSchedule schedule,
                     Dispatcher dispatcher, Discovery discovery, SnapshotSink sink, PollerMetrics metrics,
                     Watermarks watermarks) {
        this.restorer = Objects.requireNonNull(restorer, "restorer");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
    }

    /** True once what was published for the source's partition has been read back (and until it is released). */
    public boolean isRestored(long sourceId) {
        int count = partitionCount;
        return count > 0 && restoredPartitions.contains(SourcePartitioner.partitionOf(sourceId, count));
    }

    @Override
    public void acquired(Set<Integer> partitions, int count) {
        partitionCount = count;
        LongPredicate mine = sourceId -> discovery.isWanted(sourceId)
                && partitions.contains(SourcePartitioner.partitionOf(sourceId, count));
        try {
            int records = restorer.restore(mine, cycle::restored, RESTORE_TIMEOUT);
            long objects = detector.sources().stream().filter(mine::test)
                    .mapToLong(sourceId -> Arrays.stream(ObjectKind.values()).filter(k -> k != ObjectKind.UNKNOWN)
                            .mapToLong(kind -> detector.count(kind, sourceId)).sum())
                    .sum();
            LOG.info("restored {} objects of the sources in partitions {} from {} snapshot records",
                    objects, partitions, records);
        } catch (RuntimeException e) {
            LOG.warn("could not restore what was published for partitions {} ({}); their unchanged objects may "
                    + "be published again", partitions, e.toString());
        }
        Set<Integer> restored = new HashSet<>(restoredPartitions);
        restored.addAll(partitions);
        restoredPartitions = Set.copyOf(restored);
        Set<Long> candidates = new TreeSet<>(discovery.discovered());
        candidates.addAll(detector.sources());
        candidates.stream().filter(mine::test).forEach(dispatcher::addSource);
        dispatcher.wake();
    }

    @Override
    public void released(Set<Integer> partitions) {
        Set<Integer> restored = new HashSet<>(restoredPartitions);
        restored.removeAll(partitions);
        restoredPartitions = Set.copyOf(restored);
        int count = partitionCount;
        List<Long> leaving = schedule.sources().stream()
                .filter(id -> partitions.contains(SourcePartitioner.partitionOf(id, count))).toList();
        leaving.forEach(schedule::remove);
        dispatcher.awaitIdle(leaving);
        // the next owner restores from the topics: everything this instance sent must be there first
        sink.flush();
        for (long sourceId : leaving) {
            detector.dropSource(sourceId);
            cycle.tasks().forgetSource(sourceId);
            metrics.sourceRemoved(sourceId);
            watermarks.forget(sourceId);
        }
        LOG.info("handed over {} data sources of partitions {}", leaving.size(), partitions);
    }
}

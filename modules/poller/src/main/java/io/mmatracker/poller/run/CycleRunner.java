package io.mmatracker.poller.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.mmatracker.client.MmaException;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.cycle.SourceCycle;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.publish.SnapshotSink;
import io.mmatracker.poller.schedule.PollSchedule;
import io.mmatracker.poller.schedule.PollSchedule.Due;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the poll cycle of one due source and settles its outcome: the schedule (next due, backoff, a reconciliation
 * brought forward), the counters, and the source's watermark; a source MMA no longer has is dropped.
 */
public final class CycleRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CycleRunner.class);

    private final PollerConfig config;
    private final SourceCycle cycle;
    private final PollSchedule schedule;
    private final SnapshotSink sink;
    private final PollerMetrics metrics;
    private final Watermarks watermarks;
    private final Discovery discovery;
    private final Clock clock;

    public CycleRunner(PollerConfig config, SourceCycle cycle, PollSchedule schedule, SnapshotSink sink,
                       PollerMetrics metrics, Watermarks watermarks, Discovery discovery, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Polls the due source once; never throws. */
    public void run(Due due) {
        long sourceId = due.sourceId();
        boolean polled = false;
        boolean gone = false;
        Exception failure = null;
        try {
            SourceCycle.Outcome outcome = cycle.run(sourceId, due.reconcile());
            gone = outcome == SourceCycle.Outcome.SOURCE_GONE;
            if (outcome == SourceCycle.Outcome.BEHIND) {
                schedule.requestReconcile(sourceId, config.catchUpInterval());
            }
            polled = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (MmaException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = e;
        }
        if (Thread.currentThread().isInterrupted()) {
            // the poller is stopping (Dispatcher.stop interrupts its workers): not a failure of the source, and
            // whatever the interrupt broke (a budget wait, an MMA call, a send) is polled again by the next run
            LOG.debug("the poll cycle of data source {} stopped", sourceId);
            return;
        }
        if (failure instanceof RuntimeException && !(failure instanceof MmaException)) {
            LOG.error("the poll cycle of data source {} failed unexpectedly", sourceId, failure);
        }
        finish(due, polled, gone, failure);
    }

    private void finish(Due due, boolean polled, boolean gone, Exception failure) {
        long sourceId = due.sourceId();
        Instant now = clock.instant();
        metrics.cycle(due.reconcile(), polled);
        if (gone) {
            sink.clearWatermark(sourceId);
            watermarks.gone(sourceId);
            if (discovery.isWanted(sourceId) && !config.sourceIds().isEmpty()) {
                // a configured source that does not exist yet: keep asking
                schedule.succeeded(due);
            } else {
                schedule.remove(sourceId);
                discovery.forget(sourceId);
                metrics.sourceRemoved(sourceId);
            }
            return;
        }
        if (polled) {
            watermarks.succeeded(sourceId, now);
            metrics.sourceFresh(sourceId);
            schedule.succeeded(due);
        } else {
            Duration retryIn = schedule.failed(due);
            watermarks.failed(sourceId, failure, retryIn);
        }
        sink.watermark(watermarks.watermark(sourceId, now, failure));
    }
}

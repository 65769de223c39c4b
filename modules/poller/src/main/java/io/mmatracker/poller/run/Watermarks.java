package io.mmatracker.poller.run;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.mmatracker.client.MmaException;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.cycle.MmaCalls;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.poller.schedule.PollSchedule;
import io.mmatracker.schema.PollWatermark;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll watermark of each source ({@code mma.poll-watermarks}): when it was last polled successfully, the last
 * attempt and its failure, how many objects are tracked. Also says in the log when a source starts failing,
 * fails differently or recovers, not on every retry.
 */
public final class Watermarks {

    private static final Logger LOG = LoggerFactory.getLogger(Watermarks.class);
    private static final int MAX_ERROR_MESSAGE = 500;

    private final PollerConfig config;
    private final ChangeDetector detector;
    private final PollSchedule schedule;
    private final Map<Long, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final Map<Long, String> lastErrorKind = new ConcurrentHashMap<>();

    public Watermarks(PollerConfig config, ChangeDetector detector, PollSchedule schedule) {
        this.config = Objects.requireNonNull(config, "config");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** A cycle of the source succeeded at {@code now}. */
    public void succeeded(long sourceId, Instant now) {
        lastSuccess.put(sourceId, now);
        if (lastErrorKind.remove(sourceId) != null) {
            LOG.info("data source {} is polled again", sourceId);
        }
    }

    /** A cycle of the source failed; it is retried in {@code retryIn}. */
    public void failed(long sourceId, Exception failure, Duration retryIn) {
        String kind = errorKind(failure);
        // say it when a source starts failing or fails differently, not on every retry
        if (!kind.equals(lastErrorKind.put(sourceId, kind))) {
            LOG.warn("polling data source {} failed ({}); retrying in {} ms", sourceId, failure.getMessage(),
                    retryIn.toMillis());
        }
    }

    /** The source does not exist at MMA (any more): it has no last success. */
    public void gone(long sourceId) {
        lastSuccess.remove(sourceId);
    }

    /** This instance no longer polls the source. */
    public void forget(long sourceId) {
        lastSuccess.remove(sourceId);
        lastErrorKind.remove(sourceId);
    }

    /** The watermark of a source after an attempt at {@code now} that ended in {@code failure} (null: success). */
    public PollWatermark watermark(long sourceId, Instant now, Exception failure) {
        Map<String, Long> tracked = new HashMap<>();
        for (Kind<?, ?> kind : KindCatalog.all()) {
            tracked.put(kind.objectKind().name(), (long) detector.count(kind.objectKind(), sourceId));
        }
        String message = failure == null ? null : String.valueOf(failure.getMessage());
        if (message != null && message.length() > MAX_ERROR_MESSAGE) {
            message = message.substring(0, MAX_ERROR_MESSAGE);
        }
        return PollWatermark.newBuilder()
                .setSourceId(sourceId)
                .setPollerId(config.pollerId())
                .setEndpoint(config.endpoint())
                .setLastSuccessAt(lastSuccess.get(sourceId))
                .setLastAttemptAt(now)
                .setErrorKind(failure == null ? null : errorKind(failure))
                .setErrorMessage(message)
                .setConsecutiveFailures(schedule.consecutiveFailures(sourceId))
                .setTrackedObjects(tracked)
                .build();
    }

    static String errorKind(Exception failure) {
        if (failure instanceof MmaException e) {
            return MmaCalls.kind(e);
        }
        return failure instanceof InterruptedException ? "Interrupted" : "Internal";
    }
}

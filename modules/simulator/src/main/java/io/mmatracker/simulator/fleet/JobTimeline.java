package io.mmatracker.simulator.fleet;

import java.util.Arrays;

/**
 * A job's own clock: simulated milliseconds the job has actually run, i.e. time since its start minus the time
 * it spent stopped. Task progress is a pure function of this clock, so stopping a job freezes its tasks and
 * starting it again resumes them where they were. Retries are moments on this clock at which failed tasks
 * begin a new attempt. Not thread-safe: the fleet's lock guards it.
 */
final class JobTimeline {

    private long start;
    private long[] stopFrom = new long[0];
    private long[] stopUntil = new long[0];
    private long[] retries = new long[0];

    JobTimeline(long start) {
        this.start = start;
    }

    long start() {
        return start;
    }

    /** Starts a job that has not started yet right now (StartMmsJob on an INIT job). */
    void startNow(long now) {
        if (now < start) {
            start = now;
        }
    }

    boolean isStopped() {
        return stopUntil.length > 0 && stopUntil[stopUntil.length - 1] == Long.MAX_VALUE;
    }

    void stop(long now) {
        if (isStopped()) {
            return;
        }
        stopFrom = Arrays.copyOf(stopFrom, stopFrom.length + 1);
        stopUntil = Arrays.copyOf(stopUntil, stopUntil.length + 1);
        stopFrom[stopFrom.length - 1] = now;
        stopUntil[stopUntil.length - 1] = Long.MAX_VALUE;
    }

    void resume(long now) {
        if (isStopped()) {
            stopUntil[stopUntil.length - 1] = Math.max(now, stopFrom[stopFrom.length - 1]);
        }
    }

    /** Failed tasks begin a new attempt at this moment of the job's clock. */
    void retry(long now) {
        long at = clock(now);
        if (at < 0) {
            return;
        }
        if (retries.length > 0 && retries[retries.length - 1] >= at) {
            return;
        }
        retries = Arrays.copyOf(retries, retries.length + 1);
        retries[retries.length - 1] = at;
    }

    /** The job's clock at simulated instant {@code t}; -1 before the job started. */
    long clock(long t) {
        if (t < start) {
            return -1;
        }
        long run = t - start;
        for (int i = 0; i < stopFrom.length; i++) {
            long a = Math.max(stopFrom[i], start);
            long b = Math.min(stopUntil[i], t);
            if (b > a) {
                run -= b - a;
            }
        }
        return run;
    }

    /** The first simulated instant at which the job's clock reads {@code tau}; Long.MAX_VALUE if never. */
    long instantAt(long tau) {
        long t = start + tau;
        for (int i = 0; i < stopFrom.length; i++) {
            long a = Math.max(stopFrom[i], start);
            long b = Math.max(stopUntil[i], start);
            if (a < t) {
                if (b == Long.MAX_VALUE) {
                    return Long.MAX_VALUE;
                }
                t += b - a;
            }
        }
        return t;
    }

    /** The first retry at or after job-clock moment {@code from} and not after {@code upTo}; -1 if none. */
    long retryBetween(long from, long upTo) {
        for (long r : retries) {
            if (r >= from && r <= upTo) {
                return r;
            }
        }
        return -1;
    }
}

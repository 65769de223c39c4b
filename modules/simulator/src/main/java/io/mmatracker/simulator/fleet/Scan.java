package io.mmatracker.simulator.fleet;

/**
 * A metadata scan (CreateMmsFetchMetadataJob): SCAN_DOING with progress 0..10000, then SCAN_DONE or, for a
 * fated share, SCAN_FAILED part-way. Its id is also usable as an async task id. Guarded by the fleet's lock.
 */
final class Scan {

    static final String DOING = "SCAN_DOING";
    static final String DONE = "SCAN_DONE";
    static final String FAILED = "SCAN_FAILED";

    final long id;
    final long start;
    final long duration;
    /** Share of the duration at which the scan fails, or a value above 1 when it succeeds. */
    final double failsAt;
    final String errorMessage;
    final String result;
    boolean deleted;

    Scan(long id, long start, long duration, double failsAt, String errorMessage, String result) {
        this.id = id;
        this.start = start;
        this.duration = duration;
        this.failsAt = failsAt;
        this.errorMessage = errorMessage;
        this.result = result;
    }

    /** Progress share in [0, 1] at simulated instant t, frozen where a failing scan fails. */
    double progress(long t) {
        double p = duration <= 0 ? 1.0 : Math.max(0.0, (t - start) / (double) duration);
        return Math.min(Math.min(p, failsAt), 1.0);
    }

    String status(long t) {
        double p = duration <= 0 ? 1.0 : (t - start) / (double) duration;
        if (failsAt <= 1.0 && p >= failsAt) {
            return FAILED;
        }
        return p >= 1.0 ? DONE : DOING;
    }

    /** When the scan ended (done or failed), or -1 while it runs. */
    long end(long t) {
        String s = status(t);
        if (s.equals(DOING)) {
            return -1;
        }
        return start + (long) (duration * Math.min(failsAt, 1.0));
    }
}

package io.mmatracker.app.watch;

/** What {@code watch} follows: a whole data source, or one migration job of it. */
public sealed interface WatchTarget {

    long sourceId();

    /** A data source: its summary, its jobs and every change and alert of it. */
    record Source(long sourceId) implements WatchTarget {
    }

    /** One job: its progress and its own changes and alerts. */
    record Job(long sourceId, long jobId) implements WatchTarget {
    }

    /** {@code SOURCE/JOB}, as keys are written ({@code 2/10}). */
    static Job parseJob(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not SOURCE/JOB, e.g. 2/10");
        }
        return new Job(parseId(text.substring(0, slash), "source id"), parseId(text.substring(slash + 1), "job id"));
    }

    static long parseId(String text, String what) {
        try {
            long id = Long.parseLong(text.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " '" + text + "' is not a non-negative whole number");
    }
}

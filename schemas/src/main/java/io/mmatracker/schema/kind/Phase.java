package io.mmatracker.schema.kind;

/**
 * Where an object stands in its lifecycle, the one reading of MMA's statuses that the poller (how closely to
 * follow it) and the topology (whether standing still is a stall, whether it failed) share.
 */
public enum Phase {
    /** Not started, stopped on purpose or in a state MMA does not move on by itself (a job in INIT). */
    PENDING,
    /** Running: MMA moves it on by itself, so standing still for long is a stall. */
    MOVING,
    /** Finished (including partly: a table in PART_DONE); nothing more to follow. */
    SETTLED,
    /** Finished in failure. */
    FAILED;

    /** Finished, well or not: the poller stops following it closely and the topology stops expecting movement. */
    public boolean isSettled() {
        return this == SETTLED || this == FAILED;
    }
}

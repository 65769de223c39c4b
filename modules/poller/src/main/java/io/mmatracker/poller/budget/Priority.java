package io.mmatracker.poller.budget;

/**
 * Who is asking for a request, most urgent first: a request waits while one of a more urgent priority waits, so when
 * the budget is short the first listings of new sources go first, then polls of moving objects, then the rest.
 */
public enum Priority {
    /**
     * A source's first full listing of a kind: none of its objects can be served before it, and at scale it is
     * most of the work (1,000 pages of 1,000 tables at a million tables).
     */
    FIRST_LISTING,
    /** Polls of objects in a non-terminal state, whose changes users wait for. */
    ACTIVE,
    /** Discovery and later full reconciliations: needed, but they can wait a little. */
    BACKGROUND;

    /** True if a waiting request of this priority holds a request of {@code other} back. */
    boolean isBefore(Priority other) {
        return ordinal() < other.ordinal();
    }
}

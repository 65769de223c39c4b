package io.mmatracker.poller.budget;

/** Who is asking for a request: polls of moving objects go before discovery and reconciliation. */
public enum Priority {
    /** Polls of objects in a non-terminal state, whose changes users wait for. */
    ACTIVE,
    /** Discovery and full reconciliation: needed, but they can wait a little. */
    BACKGROUND
}

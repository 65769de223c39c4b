package io.mmatracker.simulator.fault;

/** What happens to one request instead of (or on top of) a normal answer. */
public sealed interface Fault {

    /** Answer normally. */
    record None() implements Fault {
    }

    /** Reset the connection without answering. */
    record Reset() implements Fault {
    }

    /** Run the operation, then send only the first half of its JSON body. */
    record Malformed() implements Fault {
    }

    /** Answer {@code Throttling.User} with this HTTP status. */
    record Throttle(int httpStatus) implements Fault {
    }

    /** Answer InternalError (500) or ServiceUnavailable (503). */
    record ServerError(int httpStatus) implements Fault {
    }
}

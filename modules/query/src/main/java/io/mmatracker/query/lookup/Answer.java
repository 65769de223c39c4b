package io.mmatracker.query.lookup;

import java.util.Map;

import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.LocalRead;

/** How a request for one object was answered, whichever instance's state answered it. */
public sealed interface Answer {

    /** A copy of the state had the object; the hit says whether that copy was a standby (stale). */
    record Found(LocalRead.Hit hit, Endpoint servedBy) implements Answer {
    }

    /** The active copy of the key's partition does not have the object. */
    record Missing(Endpoint servedBy) implements Answer {
    }

    /** Another instance answered; its status, freshness headers and body are passed on unchanged. */
    record Relayed(int status, Map<String, String> headers, byte[] body) implements Answer {
    }

    /** No copy could answer now. */
    record Unavailable(String reason) implements Answer {
    }
}

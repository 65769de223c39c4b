package io.mmatracker.query.lookup;

import java.util.Map;

import io.mmatracker.query.encode.EncodedDataCache;
import io.mmatracker.query.state.Endpoint;

/** How a request for one object was answered, whichever instance's state answered it. */
public sealed interface Answer {

    /**
     * A copy of the state had the object, already encoded (so the copy cannot go away before it is sent);
     * {@code stale} when that copy was a standby or still restoring.
     */
    record Found(EncodedDataCache.Encoded encoded, boolean stale, Endpoint servedBy) implements Answer {
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

package io.mmatracker.query.auth;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code x-acs-signature-nonce} values seen within the timestamp window, per AccessKey: a nonce seen twice is a
 * replay. An entry is kept until its request's date leaves the window (a replayed request outside it fails the
 * timestamp check anyway). Bounded: past {@code maxEntries} live nonces new requests are refused rather than memory
 * grown without end.
 */
final class NonceCache {

    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final int maxEntries;

    NonceCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** What happened to a nonce. */
    enum Use { FIRST, REPLAYED, FULL }

    /**
     * @param forgetAfter when the entry may be dropped (the request's date plus the window)
     */
    Use use(String accessKeyId, String nonce, Instant forgetAfter, Instant now) {
        if (seen.size() >= maxEntries) {
            seen.values().removeIf(expiry -> expiry.isBefore(now));
            if (seen.size() >= maxEntries) {
                return Use.FULL;
            }
        }
        return seen.putIfAbsent(accessKeyId + '\n' + nonce, forgetAfter) == null ? Use.FIRST : Use.REPLAYED;
    }
}

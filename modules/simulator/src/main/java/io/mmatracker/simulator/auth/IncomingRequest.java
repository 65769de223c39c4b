package io.mmatracker.simulator.auth;

import java.util.List;
import java.util.Map;

/**
 * What a signature check needs of a request, exactly as it arrived: method, raw (still percent-encoded) path
 * and query, headers by lower-case name, and the body bytes.
 */
public record IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                              byte[] body) {

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

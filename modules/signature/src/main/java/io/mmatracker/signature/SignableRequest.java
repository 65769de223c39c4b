package io.mmatracker.signature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of an HTTP request that ACS3-HMAC-SHA256 covers, in the form both sides can rebuild: the client
 * before sending, a server (the simulator) after receiving.
 *
 * @param method        HTTP method, upper case ({@code GET}, {@code POST}, ...)
 * @param canonicalUri  the path exactly as sent on the wire, ids already percent-encoded; {@code /} when empty
 * @param query         DECODED query keys and values; repeated keys keep all their values
 * @param headers       header names (lower-cased here) to values; may hold more than the signed ones
 * @param hashedPayload lower-case hex SHA-256 of the body ({@link Acs3Signer#EMPTY_PAYLOAD_SHA256} for none)
 */
public record SignableRequest(String method, String canonicalUri, Map<String, List<String>> query,
                              Map<String, String> headers, String hashedPayload) {

    public SignableRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(hashedPayload, "hashedPayload");
        method = method.toUpperCase(Locale.ROOT);
        canonicalUri = canonicalUri == null || canonicalUri.isEmpty() ? "/" : canonicalUri;
        query = copyQuery(query);
        headers = copyHeaders(headers);
    }

    /**
     * The request as a server received it: raw (still encoded) path and query string, headers in any case, and
     * the body bytes, whose hash is computed here rather than taken from {@code x-acs-content-sha256}, so a
     * tampered body fails verification.
     */
    public static SignableRequest received(String method, String rawPath, String rawQuery,
                                           Map<String, String> headers, byte[] body) {
        return new SignableRequest(method, rawPath, Rfc3986.parseQuery(rawQuery), headers,
                Acs3Signer.sha256Hex(body == null ? new byte[0] : body));
    }

    /** A copy with one more header (name lower-cased), replacing any header of that name. */
    public SignableRequest withHeader(String name, String value) {
        Map<String, String> copy = new TreeMap<>(headers);
        copy.put(name.toLowerCase(Locale.ROOT), value);
        return new SignableRequest(method, canonicalUri, query, copy, hashedPayload);
    }

    /** The value of a header, looked up case-insensitively; {@code null} when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The record's usual form with the STS token masked: the simulator and tests print received requests, and a
     * token in a log line is a usable credential until it expires.
     */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(headers);
        shown.computeIfPresent(Acs3Signer.HEADER_SECURITY_TOKEN, (name, token) -> "<redacted>");
        return "SignableRequest[method=" + method + ", canonicalUri=" + canonicalUri + ", query=" + query
                + ", headers=" + shown + ", hashedPayload=" + hashedPayload + "]";
    }

    private static Map<String, List<String>> copyQuery(Map<String, List<String>> query) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((key, values) -> {
                Objects.requireNonNull(key, "query key");
                List<String> list = new ArrayList<>();
                for (String v : values) {
                    list.add(Objects.requireNonNull(v, () -> "null value for query key " + key));
                }
                copy.put(key, List.copyOf(list));
            });
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, String> copyHeaders(Map<String, String> headers) {
        Map<String, String> copy = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> copy.put(name.toLowerCase(Locale.ROOT),
                    Objects.requireNonNull(value, () -> "null value for header " + name)));
        }
        return Collections.unmodifiableMap(copy);
    }
}

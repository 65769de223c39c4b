package io.mmatracker.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's V3 request signature, {@code ACS3-HMAC-SHA256}: canonical request, string to sign, signature and
 * the {@code Authorization} header. The static functions are pure so a server can rebuild and verify what a client
 * signed; an instance adds the time and nonce from an injected clock and nonce supplier.
 */
public final class Acs3Signer {

    public static final String ALGORITHM = "ACS3-HMAC-SHA256";
    /** SHA-256 of the empty body, sent as {@code x-acs-content-sha256} for GETs. */
    public static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static final String HEADER_ACTION = "x-acs-action";
    public static final String HEADER_VERSION = "x-acs-version";
    public static final String HEADER_DATE = "x-acs-date";
    public static final String HEADER_NONCE = "x-acs-signature-nonce";
    public static final String HEADER_CONTENT_SHA256 = "x-acs-content-sha256";
    public static final String HEADER_SECURITY_TOKEN = "x-acs-security-token";
    public static final String HEADER_AUTHORIZATION = "authorization";

    private static final DateTimeFormatter ACS_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final Supplier<String> nonces;

    /**
     * @param clock  source of {@code x-acs-date}
     * @param nonces source of {@code x-acs-signature-nonce}; each call must return a fresh value
     */
    public Acs3Signer(Clock clock, Supplier<String> nonces) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /** A signer on the system UTC clock with 128-bit random hex nonces. */
    public static Acs3Signer withSystemClock() {
        SecureRandom random = new SecureRandom();
        return new Acs3Signer(Clock.systemUTC(), () -> {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            return HEX.formatHex(nonce);
        });
    }

    /** Signs with the current time and a fresh nonce; see {@link #sign(SignableRequest, Credentials, String, String, Instant, String)}. */
    public SignableRequest sign(SignableRequest request, Credentials credentials, String action, String version) {
        return sign(request, credentials, action, version, clock.instant(), nonces.get());
    }

    /**
     * Adds {@code x-acs-action}, {@code x-acs-version}, {@code x-acs-date}, {@code x-acs-signature-nonce},
     * {@code x-acs-content-sha256} (the request's hashed payload), {@code x-acs-security-token} when the
     * credentials carry one, and then {@code authorization} over host, content-type and every x-acs-* header.
     *
     * @param request     must already hold {@code host} (exactly as the HTTP client will send it, with a
     *                    non-default port) and {@code content-type} when there is a body
     * @param credentials {@code null} for an anonymous request: the x-acs-* headers are added, no authorization
     */
    public static SignableRequest sign(SignableRequest request, Credentials credentials, String action, String version,
                                       Instant date, String nonce) {
        if (request.header("host") == null) {
            throw new IllegalArgumentException("the request to sign has no host header");
        }
        SignableRequest withAcs = request
                .withHeader(HEADER_ACTION, Objects.requireNonNull(action, "action"))
                .withHeader(HEADER_VERSION, Objects.requireNonNull(version, "version"))
                .withHeader(HEADER_DATE, formatDate(date))
                .withHeader(HEADER_NONCE, Objects.requireNonNull(nonce, "nonce"))
                .withHeader(HEADER_CONTENT_SHA256, request.hashedPayload());
        if (credentials == null) {
            return withAcs;
        }
        if (credentials.securityToken() != null) {
            withAcs = withAcs.withHeader(HEADER_SECURITY_TOKEN, credentials.securityToken());
        }
        List<String> signedHeaders = headersToSign(withAcs.headers());
        String signature = signature(credentials.accessKeySecret(),
                stringToSign(canonicalRequest(withAcs, signedHeaders)));
        AcsAuthorization authorization =
                new AcsAuthorization(ALGORITHM, credentials.accessKeyId(), signedHeaders, signature);
        return withAcs.withHeader(HEADER_AUTHORIZATION, authorization.toHeaderValue());
    }

    /**
     * The header names a signer covers: {@code host}, {@code content-type} and every {@code x-acs-*} header
     * present, lower case, sorted.
     */
    public static List<String> headersToSign(Map<String, String> headers) {
        List<String> names = new ArrayList<>();
        for (String name : headers.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("host") || lower.equals("content-type") || lower.startsWith("x-acs-")) {
                names.add(lower);
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /**
     * {@code METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload}.
     * The canonical headers are {@code name:trimmed-value\n} for each signed header in the order given.
     *
     * @param signedHeaders for verification, exactly the list from the received {@code SignedHeaders}
     * @throws IllegalArgumentException when a signed header is absent from the request
     */
    public static String canonicalRequest(SignableRequest request, List<String> signedHeaders) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            String value = request.header(name);
            if (value == null) {
                throw new IllegalArgumentException("signed header " + name + " is not in the request");
            }
            headers.append(name.toLowerCase(Locale.ROOT)).append(':').append(value.trim()).append('\n');
        }
        return request.method() + '\n'
                + canonicalUri(request.canonicalUri()) + '\n'
                + canonicalQueryString(request.query()) + '\n'
                + headers + '\n'
                + String.join(";", signedHeaders).toLowerCase(Locale.ROOT) + '\n'
                + request.hashedPayload();
    }

    /**
     * Query keys sorted by character code, values of a repeated key sorted likewise; key and value each
     * RFC 3986-encoded and joined as {@code k=v} with {@code &}. An empty value gives {@code k=}.
     */
    public static String canonicalQueryString(Map<String, List<String>> query) {
        List<String[]> pairs = new ArrayList<>();
        query.forEach((key, values) -> values.forEach(v -> pairs.add(new String[] {key, v})));
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(Rfc3986.encode(pair[0])).append('=').append(Rfc3986.encode(pair[1]));
        }
        return out.toString();
    }

    /** {@code ACS3-HMAC-SHA256\n} + lower-case hex SHA-256 of the canonical request. */
    public static String stringToSign(String canonicalRequest) {
        return ALGORITHM + '\n' + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex HMAC-SHA256 of the string to sign, keyed by the raw AccessKey secret. */
    public static String signature(String accessKeySecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * Whether the request, as received, carries a valid signature for this secret: same algorithm, and the
     * signature recomputed over the received {@code SignedHeaders} equals the one sent (compared in constant time).
     * False, not an exception, when a signed header is missing. Freshness of {@code x-acs-date} and nonce reuse are
     * the verifier's own policy.
     */
    public static boolean matches(SignableRequest received, AcsAuthorization authorization, String accessKeySecret) {
        if (!ALGORITHM.equals(authorization.algorithm())) {
            return false;
        }
        String expected;
        try {
            expected = signature(accessKeySecret, stringToSign(canonicalRequest(received, authorization.signedHeaders())));
        } catch (IllegalArgumentException missingHeader) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Lower-case hex SHA-256. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} in UTC, the {@code x-acs-date} format. */
    public static String formatDate(Instant instant) {
        return ACS_DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    // The SDKs normalise the already-encoded path the same way (tea-openapi getAuthorization), so a '*' or '+'
    // left raw by some client still canonicalises like its encoded form.
    private static String canonicalUri(String uri) {
        return uri.replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}

package io.mmatracker.query.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmatracker.openapi.ApiException;
import io.mmatracker.openapi.ErrorCode;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.signature.Acs3Signer;
import io.mmatracker.signature.SignatureCheck;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;

/**
 * Who is calling, decided once per request from the auth file: an ACS3-HMAC-SHA256 signature by one of its
 * AccessKeys (within a timestamp window, each nonce once), a bearer token, or another instance of the tracker
 * (an instance credential: the shared {@code instanceSecret}, or a client certificate the TLS listener verified)
 * acting for the caller it names. The auth file is reloaded when it or a file it names changes; a file that no longer
 * reads keeps the previous one in force.
 */
public final class AccessControl {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

    /** Alibaba's gateways accept an {@code x-acs-date} up to 15 minutes off. */
    public static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(15);
    private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
    private static final int MAX_NONCES = 1_000_000;
    private static final String BEARER = "bearer ";

    /** Headers only another instance may send: they steer what the receiver does, or whom it acts for. */
    static final List<HttpString> INSTANCE_HEADERS = List.of(MmaHeaders.FORWARDED_BY, MmaHeaders.PARTITIONS, MmaHeaders.ALLOW_STALE,
            MmaHeaders.LIST_ROUND, MmaHeaders.REQUEST_ID, MmaHeaders.CALLER, MmaHeaders.INSTANCE_AUTH);

    private final Path file;
    private final Clock clock;
    private final AtomicReference<AuthFile> current;
    private final AtomicReference<List<String>> fingerprint;
    private final NonceCache nonces = new NonceCache(MAX_NONCES);
    /** Callers of requests in flight here, by request id, so a forward can say whom it acts for. */
    private final Map<String, Caller> inFlight = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException when the file is malformed, naming the entry
     */
    public AccessControl(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = clock;
        AuthFile loaded = AuthFile.load(file);
        this.current = new AtomicReference<>(loaded);
        this.fingerprint = new AtomicReference<>(fingerprint(loaded.files()));
    }

    public AuthFile current() {
        return current.get();
    }

    /** Reads the auth file again if it or a file it names changed; a bad new file is logged and ignored. */
    public void reloadIfChanged() {
        List<String> now = fingerprint(current.get().files());
        if (now.equals(fingerprint.get())) {
            return;
        }
        fingerprint.set(now);
        try {
            AuthFile loaded = AuthFile.load(file);
            current.set(loaded);
            fingerprint.set(fingerprint(loaded.files()));
            LOG.info("auth file {} reloaded: {} AccessKeys, {} tokens", file, loaded.accessKeys().size(), loaded.tokens().size());
        } catch (IllegalArgumentException e) {
            LOG.error("auth file not reloaded, the previous one stays in force: {}", e.getMessage());
        }
    }

    /**
     * The caller of a request, or the error to answer.
     *
     * @param requestId the id this instance answers with; for an instance request, the forwarding instance's id
     * @throws ApiException {@code MissingAuthorization}, {@code InvalidToken}, a signature error, or {@code Forbidden}
     *                  for instance headers without an instance credential
     */
    public Caller authenticate(HttpServerExchange exchange, String requestId) {
        AuthFile auth = current.get();
        if (hasInstanceHeaders(exchange)) {
            if (!isFromInstance(exchange, auth, requestId)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "X-MMA-Forwarded-By, X-MMA-Partitions, X-MMA-Allow-Stale, X-MMA-List-Round, X-MMA-Request-Id and "
                        + "X-MMA-Caller are accepted from other instances of the tracker only");
            }
            String name = exchange.getRequestHeaders().getFirst(MmaHeaders.CALLER);
            return auth.caller(name == null ? "" : name).orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN_RAM,
                    "the forwarded caller is not in this instance's auth file"));
        }
        String authorization = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_AUTHORIZATION,
                    "sign the request (ACS3-HMAC-SHA256) or send Authorization: Bearer <token>");
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return bearer(auth, authorization.substring(BEARER.length()).strip());
        }
        return signed(exchange, auth);
    }

    /** Remembers the caller while the request is served here, so that its forwards act for it. */
    public void register(HttpServerExchange exchange, String requestId, Caller caller) {
        exchange.putAttachment(Caller.KEY, caller);
        inFlight.put(requestId, caller);
        exchange.addExchangeCompleteListener((ex, next) -> {
            inFlight.remove(requestId, caller);
            next.proceed();
        });
    }

    /**
     * The headers a forward to another instance adds: the caller it acts for ({@code X-MMA-Caller}) and, with an
     * {@code instanceSecret}, the instance credential over this request.
     */
    public Map<String, String> forwardHeaders(Map<String, String> headers, String pathAndQuery) {
        String requestId = headers.get(MmaHeaders.REQUEST_ID.toString());
        Caller caller = requestId == null ? null : inFlight.get(requestId);
        if (caller == null) {
            return headers;
        }
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put(MmaHeaders.CALLER.toString(), caller.name());
        current.get().instanceSecret().ifPresent(secret -> out.put(MmaHeaders.INSTANCE_AUTH.toString(),
                InstanceCredential.sign(secret, clock.instant(), caller.name(), "GET", pathAndQuery, requestId)));
        return out;
    }

    private static boolean hasInstanceHeaders(HttpServerExchange exchange) {
        for (HttpString name : INSTANCE_HEADERS) {
            if (exchange.getRequestHeaders().contains(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean isFromInstance(HttpServerExchange exchange, AuthFile auth, String requestId) {
        if (hasVerifiedClientCertificate(exchange)) {
            return true;
        }
        if (auth.instanceSecret().isEmpty()) {
            return false;
        }
        String caller = exchange.getRequestHeaders().getFirst(MmaHeaders.CALLER);
        String query = exchange.getQueryString();
        String pathAndQuery = rawPath(exchange) + (query == null || query.isEmpty() ? "" : "?" + query);
        return InstanceCredential.verify(auth.instanceSecret().get(), exchange.getRequestHeaders().getFirst(MmaHeaders.INSTANCE_AUTH),
                clock.instant(), caller == null ? "" : caller, exchange.getRequestMethod().toString(), pathAndQuery, requestId);
    }

    /** Whether the TLS listener verified a client certificate: it trusts only the configured client CA. */
    private static boolean hasVerifiedClientCertificate(HttpServerExchange exchange) {
        SSLSessionInfo ssl = exchange.getConnection().getSslSessionInfo();
        if (ssl == null) {
            return false;
        }
        try {
            SSLSession session = ssl.getSSLSession();
            return session != null && session.getPeerCertificates().length > 0;
        } catch (Exception notVerified) {
            return false;
        }
    }

    private static Caller bearer(AuthFile auth, String presented) {
        byte[] digest = AuthFile.digest(presented);
        AuthFile.Token found = null;
        for (AuthFile.Token token : auth.tokens()) {
            // compare against every token, digest to digest, so timing tells nothing about which matched
            if (MessageDigest.isEqual(token.digest(), digest)) {
                found = token;
            }
        }
        if (found == null) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "the bearer token is not valid");
        }
        return new Caller(found.name(), found.policy());
    }

    private Caller signed(HttpServerExchange exchange, AuthFile auth) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            if (!values.isEmpty()) {
                headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), values.getFirst());
            }
        }
        SignatureCheck.Outcome outcome = SignatureCheck.verify(exchange.getRequestMethod().toString(), rawPath(exchange),
                exchange.getQueryString(), headers, new byte[0],
                id -> Optional.ofNullable(auth.accessKeys().get(id)).map(AuthFile.AccessKey::secret));
        if (outcome instanceof SignatureCheck.Outcome.Incomplete incomplete) {
            throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE, incomplete.message());
        } else if (outcome instanceof SignatureCheck.Outcome.UnknownKey) {
            throw new ApiException(ErrorCode.UNKNOWN_ACCESS_KEY, "Specified access key is not found.");
        } else if (outcome instanceof SignatureCheck.Outcome.Mismatch) {
            throw new ApiException(ErrorCode.SIGNATURE_MISMATCH, "Specified signature is not matched with our calculation.");
        }
        String accessKeyId = ((SignatureCheck.Outcome.Verified) outcome).accessKeyId();
        Instant date = date(headers.get(Acs3Signer.HEADER_DATE));
        Instant now = clock.instant();
        if (Duration.between(date, now).abs().compareTo(TIMESTAMP_WINDOW) > 0) {
            throw new ApiException(ErrorCode.TIMESTAMP_EXPIRED, "x-acs-date " + Acs3Signer.formatDate(date) + " is more than "
                    + TIMESTAMP_WINDOW.toMinutes() + " minutes away from this server's time " + Acs3Signer.formatDate(now));
        }
        String nonce = headers.get(Acs3Signer.HEADER_NONCE);
        if (nonce == null || nonce.isEmpty()) {
            throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE, "x-acs-signature-nonce is required");
        }
        switch (nonces.use(accessKeyId, nonce, date.plus(TIMESTAMP_WINDOW), now)) {
            case REPLAYED -> throw new ApiException(ErrorCode.NONCE_USED, "Specified signature nonce was used already.");
            case FULL -> throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "too many signed requests within the timestamp window");
            default -> {
            }
        }
        return new Caller(accessKeyId, auth.accessKeys().get(accessKeyId).policy());
    }

    private static Instant date(String value) {
        if (value == null) {
            throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE, "x-acs-date is required");
        }
        try {
            return LocalDateTime.parse(value, ACS_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_TIMESTAMP_FORMAT, "x-acs-date must be yyyy-MM-ddTHH:mm:ssZ (UTC)");
        }
    }

    /** The path exactly as sent (still percent-encoded), as the signer saw it. */
    private static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }

    private static List<String> fingerprint(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path path : files) {
            try {
                out.add(path + "@" + Files.getLastModifiedTime(path).toMillis() + "/" + Files.size(path));
            } catch (IOException e) {
                out.add(path + "@missing");
            }
        }
        return out;
    }
}

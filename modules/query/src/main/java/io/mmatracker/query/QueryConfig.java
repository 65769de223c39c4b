package io.mmatracker.query;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.mmatracker.query.auth.SecurityConfig;
import io.mmatracker.query.state.Endpoint;

/**
 * Configuration of the query API. {@link #fromMap} reads it from flat keys (file, environment or flags,
 * merged by the caller) and names the bad key and what it accepts when a value is wrong.
 *
 * @param bindHost            address to listen on ({@code query.bind-host}, default 0.0.0.0)
 * @param port                port to listen on; 0 picks a free one ({@code query.port}, default 8080)
 * @param advertised          this instance's address as the others reach it; must equal Kafka Streams'
 *                            {@code application.server} ({@code query.advertised}, default localhost:port)
 * @param ioThreads           non-blocking I/O threads ({@code query.io-threads}, default: one per core)
 * @param workerThreads       threads for blocking work: scans, producer sends ({@code query.worker-threads}, default 8)
 * @param cacheMaxBytes       budget of the encoded-JSON cache ({@code query.cache-max-bytes}, default 64 MiB)
 * @param forwardTimeout      how long to wait for another instance ({@code query.forward-timeout-ms}, default 2000)
 * @param retryAfter          what a 503 tells the client to wait ({@code query.retry-after-seconds}, default 1)
 * @param storeAttempts       attempts of one local store read while stores migrate ({@code query.store-attempts}, default 3)
 * @param unavailableRetry    how long a GET no copy can answer is retried, 100 ms apart, before its 503
 *                            ({@code query.unavailable-retry-ms}, default 1000; 0 answers at once)
 * @param eventBuffer         recent events kept for resuming streams ({@code query.event-buffer}, default 10000)
 * @param eventBackfill       past records per partition read at start ({@code query.event-backfill}, default 1000)
 * @param sseMaxPending       unsent events after which a slow stream is closed ({@code query.sse-max-pending}, default 1000)
 * @param sseKeepAlive        interval of keep-alive comments on idle streams ({@code query.sse-keep-alive-ms}, default 15000)
 * @param security            access control and TLS ({@code query.auth-file}, {@code query.auth}, {@code query.tls.*})
 */
public record QueryConfig(String bindHost, int port, Endpoint advertised, int ioThreads, int workerThreads, long cacheMaxBytes,
                          Duration forwardTimeout, Duration retryAfter, int storeAttempts, Duration unavailableRetry, int eventBuffer,
                          long eventBackfill,
                          int sseMaxPending, Duration sseKeepAlive, SecurityConfig security) {

    public QueryConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(advertised, "advertised");
        Objects.requireNonNull(security, "security");
        check("query.port", port >= 0 && port <= 65535, port, "0..65535");
        check("query.io-threads", ioThreads >= 1 && ioThreads <= 256, ioThreads, "1..256");
        check("query.worker-threads", workerThreads >= 1 && workerThreads <= 1024, workerThreads, "1..1024");
        check("query.cache-max-bytes", cacheMaxBytes >= 0, cacheMaxBytes, "0 or more (0 disables the cache)");
        check("query.forward-timeout-ms", !forwardTimeout.isNegative() && !forwardTimeout.isZero(), forwardTimeout.toMillis(), "more than 0");
        check("query.retry-after-seconds", retryAfter.toSeconds() >= 1, retryAfter.toSeconds(), "1 or more");
        check("query.store-attempts", storeAttempts >= 1 && storeAttempts <= 100, storeAttempts, "1..100");
        check("query.unavailable-retry-ms", !unavailableRetry.isNegative() && unavailableRetry.toMillis() <= 60_000,
                unavailableRetry.toMillis(), "0..60000");
        check("query.event-buffer", eventBuffer >= 1, eventBuffer, "1 or more");
        check("query.event-backfill", eventBackfill >= 0, eventBackfill, "0 or more");
        check("query.sse-max-pending", sseMaxPending >= 1, sseMaxPending, "1 or more");
        check("query.sse-keep-alive-ms", sseKeepAlive.toMillis() >= 100, sseKeepAlive.toMillis(), "100 or more");
    }

    /** Defaults for an instance listening on {@code port} and reachable at localhost. */
    public static QueryConfig defaults(int port) {
        return fromMap(Map.of("query.port", Integer.toString(port)));
    }

    /** Reads the {@code query.*} keys of {@code values}; absent keys take their defaults. */
    public static QueryConfig fromMap(Map<String, String> values) {
        Function<String, Optional<String>> get = key -> Optional.ofNullable(values.get(key)).map(String::strip).filter(s -> !s.isEmpty());
        int port = integer(get, "query.port", 8080);
        Endpoint advertised;
        try {
            advertised = get.apply("query.advertised").map(Endpoint::parse).orElse(new Endpoint("localhost", port == 0 ? 8080 : port));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("query.advertised must be host:port (Kafka Streams' application.server): " + e.getMessage(), e);
        }
        return new QueryConfig(
                get.apply("query.bind-host").orElse("0.0.0.0"),
                port,
                advertised,
                integer(get, "query.io-threads", Math.max(1, Runtime.getRuntime().availableProcessors())),
                integer(get, "query.worker-threads", 8),
                longValue(get, "query.cache-max-bytes", 64L << 20),
                Duration.ofMillis(longValue(get, "query.forward-timeout-ms", 2000)),
                Duration.ofSeconds(longValue(get, "query.retry-after-seconds", 1)),
                integer(get, "query.store-attempts", 3),
                Duration.ofMillis(longValue(get, "query.unavailable-retry-ms", 1000)),
                integer(get, "query.event-buffer", 10_000),
                longValue(get, "query.event-backfill", 1000),
                integer(get, "query.sse-max-pending", 1000),
                Duration.ofMillis(longValue(get, "query.sse-keep-alive-ms", 15_000)),
                SecurityConfig.from(get));
    }

    /** This configuration listening on another port and advertising it (tests pick free ports). */
    public QueryConfig withPort(String host, int newPort) {
        return new QueryConfig(bindHost, newPort, new Endpoint(host, newPort), ioThreads, workerThreads, cacheMaxBytes, forwardTimeout,
                retryAfter, storeAttempts, unavailableRetry, eventBuffer, eventBackfill, sseMaxPending, sseKeepAlive, security);
    }

    private static int integer(Function<String, Optional<String>> get, String key, int fallback) {
        long value = longValue(get, key, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
        return (int) value;
    }

    private static long longValue(Function<String, Optional<String>> get, String key, long fallback) {
        Optional<String> raw = get.apply(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + raw.get() + "'", e);
        }
    }

    private static void check(String key, boolean ok, long value, String accepted) {
        if (!ok) {
            throw new IllegalArgumentException(key + " must be " + accepted + ", got " + value);
        }
    }
}

package io.mmatracker.client;

import io.mmatracker.signature.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach MMA: the endpoint (regional, or any base URL such as a simulator on http), credentials (empty for
 * anonymous calls), timeouts, the page size of lazy lists, and the User-Agent. Printing it never shows secrets.
 *
 * @param endpoint        scheme {@code http} or {@code https}, a host, an optional port and base path; no query
 * @param credentials     AccessKey (and STS token); empty: requests go unsigned
 * @param connectTimeout  TCP/TLS connect timeout
 * @param requestTimeout  deadline for one call, from sending to the last byte of the response
 * @param defaultPageSize {@code pageSize} of the lazy list calls, 1..1000
 * @param userAgent       {@code User-Agent} header
 */
public record MmaClientConfig(URI endpoint, Optional<Credentials> credentials, Duration connectTimeout,
                              Duration requestTimeout, int defaultPageSize, String userAgent) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final String DEFAULT_USER_AGENT = "mma-tracker-mma-client/0.1 (java.net.http)";

    private static final Pattern REGION_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public MmaClientConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        // Checked first so that no message below echoes a URL holding a password.
        if (endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("endpoint must not carry user info; use credentials instead");
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL, got " + endpoint);
        }
        if (endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
            throw new IllegalArgumentException("endpoint has no host: " + endpoint);
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint must not have a query or fragment: " + endpoint);
        }
        credentials = credentials == null ? Optional.empty() : credentials;
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (defaultPageSize < 1 || defaultPageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("defaultPageSize must be between 1 and " + MAX_PAGE_SIZE
                    + ", got " + defaultPageSize);
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
    }

    /** Anonymous calls to an explicit base URL (e.g. {@code http://127.0.0.1:8080} for the simulator). */
    public static MmaClientConfig forEndpoint(URI endpoint) {
        return new MmaClientConfig(endpoint, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_PAGE_SIZE, DEFAULT_USER_AGENT);
    }

    /** As {@link #forEndpoint(URI)}, from a string. */
    public static MmaClientConfig forEndpoint(String endpoint) {
        return forEndpoint(URI.create(Objects.requireNonNull(endpoint, "endpoint").trim()));
    }

    /** Anonymous calls to the public regional endpoint of MaxCompute, e.g. region {@code cn-shanghai}. */
    public static MmaClientConfig forRegion(String regionId) {
        return forEndpoint(regionEndpoint(regionId));
    }

    /**
     * {@code https://maxcompute.<region>.aliyuncs.com}. Always regional: the SDK's built-in endpoint map points
     * every region at the central host, but MMS data is per region (REFERENCE §8.1).
     */
    public static URI regionEndpoint(String regionId) {
        if (regionId == null || !REGION_ID.matcher(regionId.trim()).matches()) {
            throw new IllegalArgumentException("region must look like cn-shanghai, got " + regionId);
        }
        return URI.create("https://maxcompute." + regionId.trim() + ".aliyuncs.com");
    }

    public MmaClientConfig withCredentials(Credentials value) {
        return new MmaClientConfig(endpoint, Optional.of(value), connectTimeout, requestTimeout, defaultPageSize,
                userAgent);
    }

    public MmaClientConfig withCredentials(Optional<Credentials> value) {
        return new MmaClientConfig(endpoint, value, connectTimeout, requestTimeout, defaultPageSize, userAgent);
    }

    public MmaClientConfig withConnectTimeout(Duration value) {
        return new MmaClientConfig(endpoint, credentials, value, requestTimeout, defaultPageSize, userAgent);
    }

    public MmaClientConfig withRequestTimeout(Duration value) {
        return new MmaClientConfig(endpoint, credentials, connectTimeout, value, defaultPageSize, userAgent);
    }

    public MmaClientConfig withDefaultPageSize(int value) {
        return new MmaClientConfig(endpoint, credentials, connectTimeout, requestTimeout, value, userAgent);
    }

    public MmaClientConfig withUserAgent(String value) {
        return new MmaClientConfig(endpoint, credentials, connectTimeout, requestTimeout, defaultPageSize, value);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}

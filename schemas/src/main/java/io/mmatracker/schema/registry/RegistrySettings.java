package io.mmatracker.schema.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach a schema registry that speaks Confluent's REST API, read from the value serde configuration with
 * Confluent's own key names, so a configuration written for Confluent's serializers works here unchanged.
 * {@link #toString()} never shows the credentials or key store passwords.
 *
 * @param urls            {@value #URL}: one or more base URLs, tried in order
 * @param userInfo        {@code user:password} for HTTP basic authentication, if any (never logged)
 * @param autoRegister    {@value #AUTO_REGISTER}: register our schemas (true) or only check they are there
 * @param compatibility   {@value #COMPATIBILITY}: the level a subject is given unless it already has this or a stricter one
 * @param requestTimeout  {@value #REQUEST_TIMEOUT_MS}: deadline of one registry call
 * @param retryTimeout    {@value #RETRY_TIMEOUT_MS}: how long a record waits for an unreachable registry before it fails
 * @param ssl             the TLS context from the {@code schema.registry.ssl.*} keys, when a key store or trust store is given
 */
public record RegistrySettings(List<URI> urls, Optional<String> userInfo, boolean autoRegister, String compatibility,
                               Duration requestTimeout, Duration retryTimeout, Optional<SSLContext> ssl) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    /** The older spelling Confluent's serializers accept too. */
    public static final String USER_INFO_LEGACY = "schema.registry.basic.auth.user.info";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String COMPATIBILITY = "schema.registry.compatibility";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String RETRY_TIMEOUT_MS = "schema.registry.retry.timeout.ms";
    public static final String SSL_PREFIX = "schema.registry.ssl.";

    public static final boolean DEFAULT_AUTO_REGISTER = true;
    public static final String DEFAULT_COMPATIBILITY = "BACKWARD";
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_RETRY_TIMEOUT_MS = 600_000;

    /** Levels that are BACKWARD or stricter: every one lets a new schema read what the older ones wrote. */
    public static final Set<String> BACKWARD_OR_STRICTER = Set.of("BACKWARD", "BACKWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    public RegistrySettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " must name at least one URL");
        }
    }

    /** Whether the configuration asks for a registry at all ({@value #URL} set and not blank). */
    public static boolean isConfigured(Map<String, ?> config) {
        Object url = config.get(URL);
        return url != null && !url.toString().isBlank();
    }

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException naming the key and what it accepts
     */
    public static RegistrySettings from(Map<String, ?> config) {
        List<URI> urls = new ArrayList<>();
        for (String part : text(config, URL, "").split(",")) {
            if (!part.isBlank()) {
                urls.add(url(part.trim()));
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " is not set: expected http(s)://host:port[/path][,...]");
        }
        String source = text(config, CREDENTIALS_SOURCE, "").toUpperCase(Locale.ROOT);
        Optional<String> userInfo = switch (source) {
            case "", "USER_INFO" -> userInfo(config);
            case "URL" -> Optional.ofNullable(urls.get(0).getRawUserInfo());
            default -> throw new IllegalArgumentException(CREDENTIALS_SOURCE + "=" + source
                    + ": expected USER_INFO or URL");
        };
        userInfo.ifPresent(info -> {
            if (!info.contains(":")) {
                throw new IllegalArgumentException(USER_INFO + ": expected user:password");
            }
        });
        boolean autoRegister = switch (text(config, AUTO_REGISTER, Boolean.toString(DEFAULT_AUTO_REGISTER)).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(AUTO_REGISTER + ": expected true or false");
        };
        String compatibility = text(config, COMPATIBILITY, DEFAULT_COMPATIBILITY).toUpperCase(Locale.ROOT);
        if (!BACKWARD_OR_STRICTER.contains(compatibility)) {
            throw new IllegalArgumentException(COMPATIBILITY + "=" + compatibility
                    + ": expected BACKWARD, BACKWARD_TRANSITIVE, FULL or FULL_TRANSITIVE");
        }
        return new RegistrySettings(urls, userInfo, autoRegister, compatibility,
                millis(config, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS),
                millis(config, RETRY_TIMEOUT_MS, DEFAULT_RETRY_TIMEOUT_MS), ssl(config));
    }

    private static Optional<String> userInfo(Map<String, ?> config) {
        String info = text(config, USER_INFO, "");
        if (info.isEmpty()) {
            info = text(config, USER_INFO_LEGACY, "");
        }
        return info.isEmpty() ? Optional.empty() : Optional.of(info);
    }

    private static URI url(String raw) {
        try {
            URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            // the URL may carry credentials: never repeat it
            throw new IllegalArgumentException(URL + ": expected http(s)://host:port[/path], got something else ("
                    + e.getMessage().replace(raw, "...") + ")");
        }
    }

    private static Duration millis(Map<String, ?> config, String key, long defaultMillis) {
        String raw = text(config, key, Long.toString(defaultMillis));
        try {
            long value = Long.parseLong(raw);
            if (value > 0) {
                return Duration.ofMillis(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + "=" + raw + ": expected a number of milliseconds, more than 0");
    }

    private static Optional<SSLContext> ssl(Map<String, ?> config) {
        String trustStore = text(config, SSL_PREFIX + "truststore.location", "");
        String keyStore = text(config, SSL_PREFIX + "keystore.location", "");
        if (trustStore.isEmpty() && keyStore.isEmpty()) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = null;
            if (!trustStore.isEmpty()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(config, "truststore", trustStore));
            }
            KeyManagerFactory keys = null;
            if (!keyStore.isEmpty()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = text(config, SSL_PREFIX + "key.password",
                        text(config, SSL_PREFIX + "keystore.password", ""));
                keys.init(load(config, "keystore", keyStore), keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance(text(config, SSL_PREFIX + "protocol", "TLS"));
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(SSL_PREFIX + "*: cannot set up TLS (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore load(Map<String, ?> config, String which, String location)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(text(config, SSL_PREFIX + which + ".type", "PKCS12"));
        char[] password = text(config, SSL_PREFIX + which + ".password", "").toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.length == 0 ? null : password);
        }
        return store;
    }

    private static String text(Map<String, ?> config, String key, String defaultValue) {
        Object value = config.get(key);
        return value == null || value.toString().isBlank() ? defaultValue : value.toString().trim();
    }

    /** The URLs without any user info, for messages and logs. */
    public String displayUrls() {
        return String.join(",", urls.stream().map(RegistrySettings::display).toList());
    }

    /** A URL without its user info. */
    static String display(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public String toString() {
        return "RegistrySettings[urls=" + displayUrls() + ", basicAuth=" + (userInfo.isPresent() ? "******" : "none")
                + ", autoRegister=" + autoRegister + ", compatibility=" + compatibility + ", requestTimeout="
                + requestTimeout + ", retryTimeout=" + retryTimeout + ", tls=" + ssl.isPresent() + "]";
    }
}

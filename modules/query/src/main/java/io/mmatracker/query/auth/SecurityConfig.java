package io.mmatracker.query.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import io.mmatracker.query.tls.PemTls;

/**
 * Access control and TLS of the query API.
 *
 * @param authFile     the auth file ({@code query.auth-file}); empty: no access control
 * @param isAuthNone   {@code query.auth=none}: serve without access control on purpose, even on a non-loopback address
 * @param tlsCert      PEM certificate chain ({@code query.tls.cert-file}); with it the port speaks only HTTPS
 * @param tlsKey       its PEM private key ({@code query.tls.key-file})
 * @param tlsClientCa  PEM CA of accepted client certificates ({@code query.tls.client-ca-file}): mTLS between instances
 * @param authReload   how often the auth file is checked for changes ({@code query.auth-reload-ms}, default 2000)
 */
public record SecurityConfig(Optional<Path> authFile, boolean isAuthNone, Optional<Path> tlsCert, Optional<Path> tlsKey,
                             Optional<Path> tlsClientCa, Duration authReload) {

    public SecurityConfig {
        if (isAuthNone && authFile.isPresent()) {
            throw new IllegalArgumentException("query.auth=none contradicts query.auth-file: set one of them");
        }
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("query.tls.cert-file and query.tls.key-file must be set together");
        }
        if (tlsClientCa.isPresent() && tlsCert.isEmpty()) {
            throw new IllegalArgumentException("query.tls.client-ca-file needs query.tls.cert-file and query.tls.key-file");
        }
        if (authReload.toMillis() < 100) {
            throw new IllegalArgumentException("query.auth-reload-ms must be 100 or more, got " + authReload.toMillis());
        }
        check("query.auth-file", authFile);
        check("query.tls.cert-file", tlsCert);
        check("query.tls.key-file", tlsKey);
        check("query.tls.client-ca-file", tlsClientCa);
    }

    /** No access control, no TLS. */
    public static SecurityConfig open() {
        return new SecurityConfig(Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(2));
    }

    /** Reads the keys above through {@code get} (stripped, empty values absent). */
    public static SecurityConfig from(Function<String, Optional<String>> get) {
        String auth = get.apply("query.auth").orElse("file");
        if (!auth.equals("none") && !auth.equals("file")) {
            throw new IllegalArgumentException("query.auth must be file (the default: query.auth-file decides) or none, got '" + auth + "'");
        }
        long reload;
        try {
            reload = Long.parseLong(get.apply("query.auth-reload-ms").orElse("2000"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query.auth-reload-ms must be an integer", e);
        }
        return new SecurityConfig(get.apply("query.auth-file").map(Path::of), auth.equals("none"),
                get.apply("query.tls.cert-file").map(Path::of), get.apply("query.tls.key-file").map(Path::of),
                get.apply("query.tls.client-ca-file").map(Path::of), Duration.ofMillis(reload));
    }

    public boolean isTls() {
        return tlsCert.isPresent();
    }

    /**
     * The checks to pass before anything starts: the auth file and the TLS files read and make sense, and an instance
     * listening on {@code bindHost} without an auth file refuses to start when the address is not loopback (unless
     * {@code query.auth=none}), and warns when it is none on purpose.
     *
     * @return a warning to log, if any
     * @throws IllegalArgumentException naming the bad file entry, or saying why the API would be open on a network
     */
    public Optional<String> preflight(String bindHost) {
        authFile.ifPresent(AuthFile::load);
        if (isTls()) {
            PemTls.load(tlsCert.get(), tlsKey.get(), tlsClientCa).serverContext();
        }
        return checkExposure(bindHost);
    }

    private Optional<String> checkExposure(String bindHost) {
        if (authFile.isPresent() || isLoopback(bindHost)) {
            return Optional.empty();
        }
        if (isAuthNone) {
            return Optional.of("query.auth=none: the query API on " + bindHost + " serves every data source, job and event "
                    + "to anyone who reaches it; set query.auth-file to protect it");
        }
        throw new IllegalArgumentException("query.bind-host " + bindHost + " is not a loopback address and query.auth-file is not set: "
                + "anyone reaching the port would read every data source. Set query.auth-file (AccessKeys, tokens, policies), "
                + "or query.auth=none to serve without access control on purpose");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void check(String key, Optional<Path> file) {
        if (file.isPresent() && !Files.isReadable(file.get())) {
            throw new IllegalArgumentException(key + " " + file.get() + " is not a readable file");
        }
    }
}

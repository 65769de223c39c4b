package io.mmatracker.query.state;

import java.util.Objects;

/** The HTTP address of one tracker instance, as advertised in Kafka Streams' {@code application.server}. */
public record Endpoint(String host, int port) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /** Parses {@code host:port} (the form of {@code application.server}). */
    public static Endpoint parse(String hostAndPort) {
        int colon = hostAndPort == null ? -1 : hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + hostAndPort + "'");
        }
        try {
            return new Endpoint(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port with a numeric port, got '" + hostAndPort + "'", e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}

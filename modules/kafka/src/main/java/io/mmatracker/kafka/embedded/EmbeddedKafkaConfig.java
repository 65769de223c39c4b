package io.mmatracker.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to run the embedded single-node KRaft broker: where its data lives (kept across restarts), which
 * address and ports it listens on, and any extra broker properties.
 *
 * @param dataDirectory   the broker's log directory, also holding the KRaft metadata log and {@code meta.properties};
 *                        formatted on first start, reused as-is afterwards
 * @param host            the address both listeners bind to and the broker advertises (default {@code 127.0.0.1})
 * @param brokerPort      the client port; 0 picks a free port at each start
 * @param controllerPort  the KRaft controller port; 0 picks a free port at each start
 * @param extraProperties broker properties that override the defaults (not the listener, role or directory keys)
 * @param startTimeout    how long {@link EmbeddedKafkaBroker#start()} waits for the broker to answer
 */
public record EmbeddedKafkaConfig(
        Path dataDirectory,
        String host,
        int brokerPort,
        int controllerPort,
        Map<String, String> extraProperties,
        Duration startTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Keys the embedded broker derives from the other fields; overriding them would break the single-node
     * layout (roles, quorum, listeners) or the data directory, so they are rejected.
     */
    public static final Set<String> RESERVED_KEYS = Set.of(
            "process.roles", "node.id", "broker.id",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "listeners", "advertised.listeners", "controller.listener.names",
            "inter.broker.listener.name", "listener.security.protocol.map",
            "log.dirs", "log.dir", "metadata.log.dir");

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(extraProperties, "extraProperties");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank; use an address such as 127.0.0.1");
        }
        if (host.equals("0.0.0.0") || host.equals("::")) {
            throw new IllegalArgumentException("host " + host + " is a wildcard address, which a broker cannot "
                    + "advertise to clients; use a concrete address such as 127.0.0.1");
        }
        checkPort("brokerPort", brokerPort);
        checkPort("controllerPort", controllerPort);
        if (brokerPort != 0 && brokerPort == controllerPort) {
            throw new IllegalArgumentException("brokerPort and controllerPort must differ, both are " + brokerPort);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
        for (Map.Entry<String, String> e : extraProperties.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("extraProperties must not hold null keys or values: " + e);
            }
            if (RESERVED_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("extra broker property " + e.getKey()
                        + " is set by the embedded broker itself and cannot be overridden; reserved keys: "
                        + RESERVED_KEYS);
            }
        }
        extraProperties = Map.copyOf(extraProperties);
    }

    /** A broker on 127.0.0.1 with free ports, default properties and a 60 s start timeout. */
    public static EmbeddedKafkaConfig defaults(Path dataDirectory) {
        return new EmbeddedKafkaConfig(dataDirectory, DEFAULT_HOST, 0, 0, Map.of(), DEFAULT_START_TIMEOUT);
    }

    public EmbeddedKafkaConfig withHost(String newHost) {
        return new EmbeddedKafkaConfig(dataDirectory, newHost, brokerPort, controllerPort, extraProperties, startTimeout);
    }

    public EmbeddedKafkaConfig withBrokerPort(int port) {
        return new EmbeddedKafkaConfig(dataDirectory, host, port, controllerPort, extraProperties, startTimeout);
    }

    public EmbeddedKafkaConfig withControllerPort(int port) {
        return new EmbeddedKafkaConfig(dataDirectory, host, brokerPort, port, extraProperties, startTimeout);
    }

    public EmbeddedKafkaConfig withStartTimeout(Duration timeout) {
        return new EmbeddedKafkaConfig(dataDirectory, host, brokerPort, controllerPort, extraProperties, timeout);
    }

    /** This config with {@code key=value} added to (or replacing in) the extra broker properties. */
    public EmbeddedKafkaConfig withProperty(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(extraProperties);
        merged.put(key, value);
        return new EmbeddedKafkaConfig(dataDirectory, host, brokerPort, controllerPort, merged, startTimeout);
    }

    /** This config with all of {@code properties} added to (or replacing in) the extra broker properties. */
    public EmbeddedKafkaConfig withProperties(Map<String, String> properties) {
        Map<String, String> merged = new LinkedHashMap<>(extraProperties);
        merged.putAll(properties);
        return new EmbeddedKafkaConfig(dataDirectory, host, brokerPort, controllerPort, merged, startTimeout);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (a free port) or 1-65535, was " + port);
        }
    }
}

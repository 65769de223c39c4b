package io.mmatracker.app.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.config.SettingsException;

/**
 * How this process takes part in its Kafka groups (Kafka Streams' and the poller's coordination group): how soon a
 * member that stopped heartbeating is declared dead, and whether it joins as a static member. The two pull apart:
 * other instances want a dead member replaced within seconds (short session), while an instance that restarts wants
 * to be recognised as itself at once (a static {@code group.instance.id}), not to wait out its previous run's
 * session. A static member that crashed and does not come back is still only replaced after the session timeout.
 *
 * @param sessionTimeout    {@code group.session-timeout}
 * @param heartbeatInterval {@code group.heartbeat-interval}
 * @param isStatic          {@code group.static-membership}
 */
public record GroupMembership(Duration sessionTimeout, Duration heartbeatInterval, boolean isStatic) {

    /** The file in the state directory that keeps this instance's group.instance.id across restarts. */
    public static final String INSTANCE_ID_FILE = "mma-tracker-group-instance-id";

    public static GroupMembership from(Settings settings) {
        Duration session = settings.duration("group.session-timeout");
        Duration heartbeat = settings.duration("group.heartbeat-interval");
        if (session.compareTo(Duration.ofSeconds(1)) < 0 || session.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new SettingsException("bad setting group.session-timeout = " + session + " (from "
                    + settings.origin("group.session-timeout") + "): expected a duration from 1s to 30m");
        }
        if (heartbeat.isZero() || heartbeat.isNegative() || heartbeat.multipliedBy(3).compareTo(session) > 0) {
            throw new SettingsException("bad setting group.heartbeat-interval = " + heartbeat + " (from "
                    + settings.origin("group.heartbeat-interval") + "): expected a positive duration of at most a third of "
                    + "group.session-timeout (" + session + "), so that a few lost heartbeats do not end the session");
        }
        return new GroupMembership(session, heartbeat,
                settings.bool("group.static-membership"));
    }

    /**
     * This instance's {@code group.instance.id} when membership is static: read from the state directory, or made
     * up and written there on the first start. The state directory is locked by Kafka Streams while it runs, so two
     * live instances never share one; a copied state directory would, and the group then fences one of them.
     */
    public Optional<String> instanceId(Path stateDirectory) {
        if (!isStatic) {
            return Optional.empty();
        }
        Path file = stateDirectory.resolve(INSTANCE_ID_FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (id.matches("[A-Za-z0-9._-]{1,200}")) {
                    return Optional.of(id);
                }
            }
            String id = "mma-tracker-" + UUID.randomUUID();
            Files.createDirectories(stateDirectory);
            Path temporary = Files.createTempFile(stateDirectory, INSTANCE_ID_FILE, ".tmp");
            Files.writeString(temporary, id + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the group instance id in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Settings of Kafka Streams' main consumer (Streams appends the thread number to a static id itself). */
    public Map<String, Object> streamsProperties(Optional<String> instanceId) {
        Map<String, Object> props = new HashMap<>(consumer(instanceId));
        Map<String, Object> prefixed = new HashMap<>();
        props.forEach((k, v) -> prefixed.put(StreamsConfig.mainConsumerPrefix(k), v));
        return prefixed;
    }

    /** Settings of the poller's coordination-group member. */
    public Map<String, Object> pollerMember(Optional<String> instanceId) {
        return consumer(instanceId.map(id -> id + "-poller"));
    }

    private Map<String, Object> consumer(Optional<String> instanceId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) heartbeatInterval.toMillis());
        instanceId.ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return props;
    }
}

package io.mmatracker.query.health;

import java.util.Map;

import org.apache.kafka.streams.KafkaStreams;

/**
 * Ready while Kafka Streams runs or rebalances: during a rebalance the API still answers, from standbys if
 * need be. Not ready before the first assignment completes, after an error or while shutting down.
 */
public final class StreamsReadiness implements ReadinessCheck {

    private final KafkaStreams streams;

    public StreamsReadiness(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health check() {
        KafkaStreams.State state = streams.state();
        Map<String, String> details = Map.of("streams", state.name());
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING && hasRunBefore()
                ? Health.up(details) : Health.down(details);
    }

    /** A first rebalance has no state to serve yet; later ones do. */
    private boolean hasRunBefore() {
        return !streams.metadataForLocalThreads().isEmpty()
                && streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty() || !t.standbyTasks().isEmpty());
    }
}

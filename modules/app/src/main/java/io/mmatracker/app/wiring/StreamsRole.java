package io.mmatracker.app.wiring;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.topology.TopologyConfig;
import io.mmatracker.topology.TrackerTopology;

/**
 * The streams role: the tracker topology in a {@link KafkaStreams} client. An exception Streams cannot handle stops
 * the client and is reported through {@code fatal}, so the process exits with an error instead of running on
 * without its state.
 */
public final class StreamsRole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRole.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final TopologyConfig topology;

    private StreamsRole(KafkaStreams streams, TopologyConfig topology) {
        this.streams = streams;
        this.topology = topology;
    }

    /**
     * The Streams properties: the topology's own (exactly-once, standbys, dead letters), then every {@code kafka.*}
     * client setting, the RocksDB memory bound, then the group membership ({@link GroupMembership#streamsProperties}), then {@code streams.config.*}.
     *
     * @param applicationServer this instance's {@code host:port} for interactive-query routing, or null
     * @param membership        failure detection and static membership of the main consumer
     */
    public static Properties properties(TopologyConfig topology, KafkaSettings kafka, StreamsSettings settings,
                                        String applicationServer, Map<String, Object> membership) {
        Properties props = topology.streamsProperties(settings.applicationId(), kafka.bootstrapServers(),
                settings.stateDirectory(), settings.standbyReplicas(), applicationServer);
        kafka.clientProperties().forEach((k, v) -> {
            if (!k.equals(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                props.put(k, v);
            }
        });
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        if (settings.rocksDbMemoryMb() > 0) {
            props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
            props.put(BoundedRocksDbMemory.BYTES, settings.rocksDbMemoryMb() * 1024L * 1024L);
        }
        // Apply the topology's processing exception handler to global-store processing too: Kafka asks for it with a
        // WARN on every start and makes it the default in 5.0. It is given twice because Streams' partition assignor
        // builds a second StreamsConfig from the main consumer's settings alone (Kafka 4.3), which warns again.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        props.putAll(membership);
        props.putAll(settings.extra());
        return props;
    }

    /** The topology configuration from the settings. */
    public static TopologyConfig topologyConfig(KafkaSettings kafka, StreamsSettings settings, Map<String, ?> serdeConfig) {
        return new TopologyConfig(kafka.topics(), settings.stallTimeout(), settings.stallCheckInterval(), serdeConfig);
    }

    /** Builds the topology and starts Streams; returns at once (Streams joins its group in the background). */
    public static StreamsRole start(TopologyConfig topology, Properties props, Consumer<String> fatal) {
        return start(topology, ValueSerdes.from(topology.serdeConfig()), props, fatal);
    }

    /** Builds the topology with every value serde from {@code serdes} and starts Streams; returns at once. */
    public static StreamsRole start(TopologyConfig topology, ValueSerdes serdes, Properties props, Consumer<String> fatal) {
        KafkaStreams streams = new KafkaStreams(TrackerTopology.build(topology, serdes), props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Kafka Streams failed; stopping it", e);
            fatal.accept("Kafka Streams failed: " + e.getMessage());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        StandbyAssignmentCheck standbys = new StandbyAssignmentCheck(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
                Integer.parseInt(String.valueOf(props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG))), topology.topics().jobs());
        streams.setStateListener((next, previous) -> {
            LOG.info("Kafka Streams {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                standbys.check(streams.metadataForAllStreamsClients());
            }
        });
        streams.start();
        return new StreamsRole(streams, topology);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public TopologyConfig topology() {
        return topology;
    }

    /**
     * Leaves the group on the way out: Streams by default stays a member until its session times out (45 s), which
     * would make the next start on the same state, or the other instances, wait that long before they take over.
     */
    @Override
    public void close() {
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT))) {
            LOG.warn("Kafka Streams did not stop within {}", CLOSE_TIMEOUT);
        }
    }
}

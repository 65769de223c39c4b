package io.mmatracker.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import io.mmatracker.schema.topic.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * What the tracker topology needs to be built: topic names, the stall rule and the value serde configuration.
 *
 * @param topics             names of the snapshot, event, alert and dead-letter topics
 * @param stallTimeout       an active object that shows no status or progress change for this long raises a STALLED alert
 * @param stallCheckInterval how often (wall-clock time) the topology looks for stalled objects
 * @param serdeConfig        passed to the value serdes (e.g. the serde class name, a schema registry URL)
 */
public record TopologyConfig(Topics topics, Duration stallTimeout, Duration stallCheckInterval, Map<String, ?> serdeConfig) {

    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_STALL_CHECK_INTERVAL = Duration.ofMinutes(1);
    /** Kafka Streams' commit interval the topology runs with (exactly-once's own default is 100 ms). */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** batch.size of the stream threads' producers (Kafka's default is 16 KB). */
    public static final int PRODUCER_BATCH_SIZE = 128 * 1024;

    public TopologyConfig {
        Objects.requireNonNull(topics, "topics");
        requirePositive("stallTimeout", stallTimeout);
        requirePositive("stallCheckInterval", stallCheckInterval);
        serdeConfig = Map.copyOf(Objects.requireNonNull(serdeConfig, "serdeConfig"));
    }

    /** The defaults of the demo: prefix {@code mma.}, a 30-minute stall timeout checked every minute, the default serde. */
    public static TopologyConfig defaults() {
        return new TopologyConfig(Topics.defaults(), DEFAULT_STALL_TIMEOUT, DEFAULT_STALL_CHECK_INTERVAL, Map.of());
    }

    public TopologyConfig withStallTimeout(Duration timeout) {
        return new TopologyConfig(topics, timeout, stallCheckInterval, serdeConfig);
    }

    public TopologyConfig withStallCheckInterval(Duration interval) {
        return new TopologyConfig(topics, stallTimeout, interval, serdeConfig);
    }

    /**
     * The Kafka Streams settings this topology is meant to run with: exactly-once (v2), the given number of warm
     * standby copies of every store, and records that cannot be deserialized or processed sent to the dead-letter
     * topic (Kafka's own KIP-1034 handlers: the original key and bytes, the reason in {@code __streams.errors.*}
     * headers) while processing continues.
     *
     * @param applicationServer this instance's {@code host:port} for interactive-query routing, or null
     */
    public Properties streamsProperties(String applicationId, String bootstrapServers, Path stateDir,
                                        int numStandbyReplicas, String applicationServer) {
        requireText("applicationId", applicationId);
        requireText("bootstrapServers", bootstrapServers);
        Objects.requireNonNull(stateDir, "stateDir");
        if (numStandbyReplicas < 0) {
            throw new IllegalArgumentException("numStandbyReplicas must be 0 or more, was " + numStandbyReplicas);
        }
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        if (applicationServer != null && !applicationServer.isBlank()) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        // Never wait for empty input partitions to synchronize stream time across topics: the kinds are independent
        // (no joins), and the wait cost a formatted log line per processed record (12% of the thread, profiled).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // One transaction a second instead of exactly-once's default ten: a commit blocks the stream thread on the
        // broker (flush, offsets, markers on every partition written), which dominated ingestion on a loaded broker
        // (the million-tables benchmark). Interactive queries read the local stores and do not wait for it; events
        // reach read_committed consumers up to a second later.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL.toMillis());
        // A snapshot writes several records (changelogs, the event), each partition's share of a commit interval is
        // far above 16 KB: larger batches mean fewer produce requests for the broker to handle. Kafka Streams already
        // lingers 100 ms; the commit flushes whatever is batched.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_SIZE);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
        return props;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}

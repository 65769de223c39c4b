package io.mmatracker.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.schema.topic.Topics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;

class TopologyConfigTest {

    @Test
    void theDefaultsStallAfterThirtyMinutes() {
        var config = TopologyConfig.defaults();

        assertThat(config.topics()).isEqualTo(Topics.defaults());
        assertThat(config.stallTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.stallCheckInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void streamsRunExactlyOnceWithStandbysAndADeadLetterTopic() {
        var props = TopologyConfig.defaults()
                .streamsProperties("mma-tracker", "localhost:9092", Path.of("/var/lib/mma"), 2, "host-a:8080");

        assertThat(props)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "mma-tracker")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 2)
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, Path.of("/var/lib/mma").toAbsolutePath().toString())
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "host-a:8080")
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "mma.dlq")
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class)
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        // and Kafka accepts them
        new StreamsConfig(props);
    }

    @Test
    void anInstanceWithoutQueryServerLeavesApplicationServerUnset() {
        var props = TopologyConfig.defaults().streamsProperties("a", "b:1", Path.of("state"), 0, null);

        assertThat(props).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> TopologyConfig.defaults().withStallTimeout(Duration.ZERO))
                .hasMessage("stallTimeout must be a positive duration, was PT0S");
        assertThatThrownBy(() -> new TopologyConfig(Topics.defaults(), Duration.ofMinutes(1), Duration.ofSeconds(-1), Map.of()))
                .hasMessageStartingWith("stallCheckInterval must be a positive duration");
        assertThatThrownBy(() -> TopologyConfig.defaults().streamsProperties("a", "b:1", Path.of("s"), -1, null))
                .hasMessage("numStandbyReplicas must be 0 or more, was -1");
        assertThatThrownBy(() -> TopologyConfig.defaults().streamsProperties(" ", "b:1", Path.of("s"), 0, null))
                .hasMessage("applicationId must not be blank");
    }

    @Test
    void theValueSerdeIsChosenByConfiguration() {
        var config = new TopologyConfig(Topics.defaults(), Duration.ofMinutes(30), Duration.ofMinutes(1),
                Map.of(ValueSerdes.VALUE_SERDE_CLASS_CONFIG, "com.example.NoSuchSerde"));

        assertThatThrownBy(() -> TrackerTopology.build(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("value.serde.class=com.example.NoSuchSerde");
    }

    @Test
    void theTopologyNamesItsStoresAndTopics() {
        var description = TrackerTopology.build(TopologyConfig.defaults()).describe().toString();

        assertThat(description).contains(KindCatalog.JOB.storeName(), KindCatalog.TABLE.storeName(), KindCatalog.SCAN.storeName(), KindCatalog.ASYNC_TASK.storeName(),
                KindCatalog.DATA_SOURCE.storeName(), StoreNames.SOURCE_SUMMARIES, "mma.status-changes", "mma.alerts",
                TrackerTopology.SUMMARY_DELTAS + "-repartition");
    }
}

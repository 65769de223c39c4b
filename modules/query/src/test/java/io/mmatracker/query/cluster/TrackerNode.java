package io.mmatracker.query.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.KafkaStreams;

import io.mmatracker.query.KafkaQuery;
import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.QueryService;
import io.mmatracker.query.testing.HttpTestClient;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.testkit.FreePorts;
import io.mmatracker.testkit.KafkaFixture;
import io.mmatracker.topology.TopologyConfig;
import io.mmatracker.topology.TrackerTopology;

/** One tracker instance of a cluster test: Kafka Streams of the real topology and its HTTP API, on a free port. */
record TrackerNode(KafkaStreams streams, QueryService query, HttpTestClient client) {

    /** Creates the tracker's topics, the snapshot and event topics with {@code partitions} partitions. */
    static void createTopics(KafkaFixture kafka, Topics topics, int partitions) {
        for (String topic : topics.snapshotTopics()) {
            kafka.createTopic(topic, partitions, Map.of("cleanup.policy", "compact"));
        }
        kafka.createTopic(topics.statusChanges(), partitions);
        kafka.createTopic(topics.alerts(), partitions);
        kafka.createTopic(topics.deadLetters(), 1);
        kafka.createTopic(topics.watchRequests(), 1, Map.of("cleanup.policy", "compact"));
    }

    /** Starts an instance of {@code applicationId}; {@code streamsOverrides} go over the tracker's Streams settings. */
    static TrackerNode start(KafkaFixture kafka, Topics topics, String applicationId, Map<String, Object> streamsOverrides) {
        int port = FreePorts.next();
        QueryConfig config = QueryConfig.defaults(port).withPort("localhost", port);
        TopologyConfig topology = new TopologyConfig(topics, TopologyConfig.DEFAULT_STALL_TIMEOUT, TopologyConfig.DEFAULT_STALL_CHECK_INTERVAL, Map.of());
        Properties props = new Properties();
        props.putAll(kafka.streamsProperties(applicationId));
        props.putAll(topology.streamsProperties(applicationId, kafka.bootstrapServers(), kafka.newTempDirectory("streams-"), 1,
                config.advertised().toString()));
        props.putAll(KafkaQuery.streamsProperties(config));
        props.putAll(streamsOverrides);
        KafkaStreams streams = new KafkaStreams(TrackerTopology.build(topology), props);
        QueryService query = KafkaQuery.create(config, streams, topics, Map.of("bootstrap.servers", kafka.bootstrapServers()), Clock.systemUTC());
        streams.start();
        query.start();
        return new TrackerNode(streams, query, new HttpTestClient(config.advertised()));
    }

    /** Stops as a crash would look to the others: no leave-group, they learn of it when its session times out. */
    void kill() {
        query.close();
        streams.close(Duration.ZERO);
    }

    /** Stops cleanly. */
    void close() {
        query.close();
        streams.close(Duration.ofSeconds(10));
    }
}

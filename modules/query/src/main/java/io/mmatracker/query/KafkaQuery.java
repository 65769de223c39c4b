package io.mmatracker.query;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import io.mmatracker.query.encode.MmaDataWriter;
import io.mmatracker.query.events.EventFeed;
import io.mmatracker.query.events.EventHub;
import io.mmatracker.query.health.StreamsReadiness;
import io.mmatracker.query.state.KafkaStateReader;
import io.mmatracker.query.state.PartitionCounts;
import io.mmatracker.query.watch.KafkaWatchPublisher;
import io.mmatracker.schema.WatchRequest;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.schema.topic.Topics;

/**
 * Assembles the query role over Kafka: interactive queries on the given {@link KafkaStreams}, a producer
 * for watch requests, a consumer feeding the event streams. The Streams instance is the caller's (it
 * starts and closes it); its {@code application.server} must be {@link QueryConfig#advertised()}, which
 * {@link #streamsProperties} provides.
 */
public final class KafkaQuery {

    private KafkaQuery() {
    }

    /** What Kafka Streams must be configured with for this instance's state to be found by the others. */
    public static Map<String, Object> streamsProperties(QueryConfig config) {
        return Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, config.advertised().toString());
    }

    /**
     * A query service: its event feed follows the event topics at once; call {@link QueryService#start()} to listen.
     *
     * @param clientConfig common Kafka client settings (bootstrap servers, security); serializers are set here
     */
    public static QueryService create(QueryConfig config, KafkaStreams streams, Topics topics, Map<String, Object> clientConfig, Clock clock) {
        return create(config, streams, topics, clientConfig, clock, ValueSerdes.defaults());
    }

    /**
     * A query service whose watch requests and event feed use the value serdes of {@code serdes} (default or
     * registry mode); the stores are read with the serdes the topology was built with.
     */
    public static QueryService create(QueryConfig config, KafkaStreams streams, Topics topics, Map<String, Object> clientConfig,
                                      Clock clock, ValueSerdes serdes) {
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "mma-query-watch-" + config.advertised());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A watch request answers an HTTP client: fail within seconds rather than hold the request for minutes.
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        KafkaWatchPublisher watches = new KafkaWatchPublisher(
                new KafkaProducer<>(producerConfig, new StringSerializer(), serdes.forType(WatchRequest.class).serializer()),
                topics.watchRequests());

        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "mma-query-events-" + config.advertised());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // read_committed: the topology writes events in exactly_once_v2 transactions; aborted ones never happened.
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        EventHub hub = new EventHub(config.eventBuffer());
        EventFeed feed = new EventFeed(new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                topics.statusChanges(), topics.alerts(), hub, config.eventBackfill(), serdes);

        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "mma-query-admin-" + config.advertised());
        PartitionCounts partitionCounts = new PartitionCounts(Admin.create(adminConfig));
        KafkaStateReader state = new KafkaStateReader(streams, config.advertised(), topics, config.storeAttempts(), partitionCounts);
        QueryService service = new QueryService(config, state, MmaDataWriter.standard(), watches, hub, new StreamsReadiness(streams), clock,
                List.of(feed, watches, partitionCounts));
        feed.start();
        return service;
    }
}

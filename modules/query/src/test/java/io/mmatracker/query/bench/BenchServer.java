package io.mmatracker.query.bench;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

import com.fasterxml.jackson.databind.JsonNode;

import io.mmatracker.query.KafkaQuery;
import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.QueryService;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.HttpTestClient;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.json.MmsJson;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.serde.TrackerModel;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.testkit.KafkaFixture;
import io.mmatracker.topology.TopologyConfig;
import io.mmatracker.topology.TrackerTopology;

/**
 * The load-test target of {@code bench/run-bench.sh} (not a test): one instance serving N jobs shaped like
 * MMA's GetMmsJob example, job i of source 1 + i % 100. Mode {@code kafka}: an embedded broker, the jobs
 * produced to the jobs topic, the tracker topology materializing them in RocksDB, the API reading them by
 * interactive queries. Mode {@code memory}: the same API over in-memory state (the HTTP path alone).
 * Runs until killed. Arguments: mode, port, number of jobs, cache budget in bytes.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        int jobs = Integer.parseInt(args[2]);
        long cacheBytes = Long.parseLong(args[3]);
        QueryConfig config = QueryConfig.fromMap(Map.of("query.port", Integer.toString(port), "query.advertised", "localhost:" + port,
                "query.cache-max-bytes", Long.toString(cacheBytes)));
        if (mode.equals("memory")) {
            FakeState state = FakeState.alone(config.advertised());
            for (int i = 1; i <= jobs; i++) {
                state.put(SnapshotStore.JOBS, key(i), job(i));
            }
            TestInstance server = new TestInstance(config.advertised(), state, Writers.mma(), config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        } else {
            var serializer = new AvroSerde<>(JobSnapshot.class).serializer();
            startOverKafka(config, (producer, topics) -> {
                for (int i = 1; i <= jobs; i++) {
                    producer.send(new ProducerRecord<>(topics.jobs(), key(i), serializer.serialize(topics.jobs(), job(i))));
                }
            });
            awaitJobs(new HttpTestClient(config.advertised()), jobs);
        }
        System.out.println("BENCH READY " + mode + " " + jobs + " jobs on port " + port);
        Thread.currentThread().join();
    }

    /** What a benchmark publishes to the snapshot topics before the topology starts. */
    @FunctionalInterface
    interface Publisher {
        void publish(KafkaProducer<String, byte[]> producer, Topics topics);
    }

    /**
     * Starts an embedded broker, publishes the benchmark's snapshots, then the tracker topology and the query API
     * on {@code config}'s port; all of it stops when the JVM exits.
     */
    static KafkaStreams startOverKafka(QueryConfig config, Publisher publisher) {
        return startOverKafka(List.of(config), publisher).get(0);
    }

    /**
     * The same with one tracker instance (Kafka Streams of one application and its query API) per config, in this
     * JVM: the partitions are spread over them and a list is gathered from every instance's share over HTTP.
     */
    static List<KafkaStreams> startOverKafka(List<QueryConfig> configs, Publisher publisher) {
        KafkaFixture kafka = new KafkaFixture();
        kafka.start();
        Topics topics = new Topics("bench.");
        for (String topic : topics.snapshotTopics()) {
            kafka.createTopic(topic, 6, Map.of("cleanup.policy", "compact"));
        }
        kafka.createTopic(topics.statusChanges(), 6);
        kafka.createTopic(topics.alerts(), 6);
        kafka.createTopic(topics.watchRequests(), 1, Map.of("cleanup.policy", "compact"));
        Map<String, Object> producerProps = kafka.producerProperties();
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new ByteArraySerializer())) {
            publisher.publish(producer, topics);
        }
        kafka.createTopic(topics.deadLetters(), 1);
        TopologyConfig topology = new TopologyConfig(topics, TopologyConfig.DEFAULT_STALL_TIMEOUT, TopologyConfig.DEFAULT_STALL_CHECK_INTERVAL,
                Map.of());
        List<KafkaStreams> all = new ArrayList<>();
        List<QueryService> queries = new ArrayList<>();
        for (QueryConfig config : configs) {
            Properties props = new Properties();
            props.putAll(kafka.streamsProperties("mma-bench"));
            props.putAll(topology.streamsProperties("mma-bench", kafka.bootstrapServers(), kafka.newTempDirectory("streams-"), 0,
                    config.advertised().toString()));
            KafkaStreams streams = new KafkaStreams(TrackerTopology.build(topology), props);
            QueryService query = KafkaQuery.create(config, streams, topics, Map.of("bootstrap.servers", kafka.bootstrapServers()), Clock.systemUTC());
            streams.start();
            query.start();
            all.add(streams);
            queries.add(query);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            queries.forEach(QueryService::close);
            all.forEach(streams -> streams.close(Duration.ofSeconds(10)));
            kafka.close();
        }));
        return all;
    }

    static void awaitJobs(HttpTestClient client, int jobs) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        // All jobs are in the store once the last of each partition is (records of a partition arrive in order).
        while (client.get("/api/v1/mms/datasources/" + (1 + jobs % 100) + "/jobs/" + jobs).statusCode() != 200
                || client.get("/api/v1/mms/datasources/" + (1 + (jobs - 1) % 100) + "/jobs/" + (jobs - 1)).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the jobs did not reach the store in time");
            }
            sleep();
        }
        while (client.get("/api/v1/mms/datasources/1/jobs?pageSize=1").statusCode() != 200
                || !countAll(client, jobs)) {
            sleep();
        }
    }

    /** Whether every job is listed (each source has jobs / 100 of them). */
    private static boolean countAll(HttpTestClient client, int jobs) {
        long total = 0;
        for (int source = 1; source <= 100; source++) {
            Object t = ((Map<?, ?>) HttpTestClient.json(client.get("/api/v1/mms/datasources/" + source + "/jobs?pageSize=1")).get("data")).get("total");
            total += ((Number) t).longValue();
        }
        return total == jobs;
    }

    static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    private static String key(int i) {
        return Keys.object(1L + i % 100, i);
    }

    private static MmsJob template;

    static synchronized JobSnapshot job(int i) {
        if (template == null) {
            try (InputStream in = BenchServer.class.getResourceAsStream("/mma-examples/GetMmsJob.json")) {
                JsonNode example = MmsJson.mapper().readTree(in).get("data");
                template = MmsJson.read(example, MmsJob.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        MmsJob job = TrackerModel.copy(template);
        job.setId((long) i);
        job.setSourceId(1L + i % 100);
        job.setName("migrate_db_" + i);
        return JobSnapshot.newBuilder().setMeta(Snapshots.meta(Instant.ofEpochMilli(1_700_000_000_000L + i))).setJob(job).build();
    }
}

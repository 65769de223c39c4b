package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.cli.TestCli;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.watch.SseEvent;
import io.mmatracker.app.watch.TrackerApi;
import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.json.MmsJson;
import io.mmatracker.schema.registry.RegistrySettings;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.testkit.ApicurioFixture;
import io.mmatracker.testkit.ApicurioRegistry;
import io.mmatracker.testkit.TcpProxy;

/**
 * The whole tracker (embedded broker, simulator, poller, topology, query) in registry mode against a real Apicurio
 * Registry: Confluent's bytes on every topic, the same API, Confluent's own Python client reading the FIRING alert
 * and the status change of a job forced to FAILED, a registry outage that loses nothing (with several stream
 * threads), a restart, and a schema the registry refuses.
 */
class RegistryModeEndToEndTest {

    @RegisterExtension
    static final ApicurioFixture REGISTRY = new ApicurioFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int STREAM_THREADS = 3;
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path PYTHON_READER = Path.of("../../docs/consumers/python_avro_consumer.py");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final DemoHttp demoHttp = new DemoHttp();
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final String prefix = "reg" + UUID.randomUUID().toString().substring(0, 6) + ".";

    private Settings settings(String registryUrl, String topicPrefix) {
        return Settings.of(Map.of("demo.data-dir", dir.toString(), "demo.kafka-port", "0", "query.port", "0",
                "simulator.port", "0", "poller.active-interval", "1s", "topics.prefix", topicPrefix,
                "streams.application-id", topicPrefix + "tracker", "serde.schema.registry.url", registryUrl,
                // several threads' tasks write a store's first records at once: its subject registered once, not
                // 409s sending good records to the dead-letter topic (one thread is what every other demo test runs)
                "streams.num-stream-threads", String.valueOf(STREAM_THREADS)));
    }

    @Test
    void theTrackerWritesConfluentsFormatThatConfluentsPythonClientReadsAndSurvivesARegistryOutage() throws Exception {
        String pythonProblem = pythonProblem();
        if (pythonProblem != null && System.getenv("CI") != null) {
            throw new AssertionError("CI must have Confluent's Python client: " + pythonProblem
                    + " (.ci/run installs python3-confluent-kafka python3-avro python3-requests)");
        }
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", REGISTRY.registry().port())) {
            String registryUrl = "http://127.0.0.1:" + proxy.port() + ApicurioRegistry.CCOMPAT_PATH;
            String sourceId;
            String jobId;
            try (Demo demo = Demo.start(settings(registryUrl, prefix), Clock.systemUTC(), fatal::set)) {
                String[] job = SimulatorSettings.exampleJobKey(demo.simulator()).orElseThrow().split("/");
                sourceId = job[0];
                jobId = job[1];
                String key = sourceId + "/" + jobId;
                String api = "http://127.0.0.1:" + demo.httpPort().orElseThrow();
                String jobPath = "/api/v1/mms/datasources/" + sourceId + "/jobs/" + jobId;
                // the simulated job would finish on its own within seconds; keep it running until the test fails it
                pin(demo, sourceId, jobId, "{\"status\":\"DOING\"}");
                await().atMost(PATIENCE).until(() -> get(api + jobPath),
                        j -> j != null && j.at("/data/status").asText().equals("DOING"));
                List<SseEvent> streamed = follow(api, sourceId);

                pin(demo, sourceId, jobId, "{\"status\":\"FAILED\"}");
                await().atMost(PATIENCE).until(() -> streamed.stream().anyMatch(e -> e.event().equals("alert")
                        && e.data().contains("\"key\":\"" + key + "\"") && e.data().contains("FIRING")));

                // the API serves what it serves without a registry: the JSON of the record on the topic
                JsonNode served = await().atMost(PATIENCE).until(() -> get(api + jobPath),
                        j -> j != null && j.at("/data/status").asText().equals("FAILED"));
                assertThat(served.at("/data/id").asText()).isEqualTo(jobId);
                JobSnapshot stored = ValueSerdes.from(Map.of(RegistrySettings.URL, registryUrl)).forType(JobSnapshot.class)
                        .deserializer().deserialize(prefix + "jobs", latestValue(demo.bootstrapServers(), prefix + "jobs", key));
                assertThat(get(api + jobPath).get("data")).isEqualTo(MmsJson.write(stored.getJob()));

                Set<Integer> registeredIds = registeredIds();
                assertEveryAvroValueIsConfluentFormat(demo.bootstrapServers(), registeredIds);

                String bootstrap = demo.bootstrapServers();
                Alert alert = only(read(bootstrap, prefix + "alerts", key, Alert.class, registryUrl),
                        a -> a.getState() == AlertState.FIRING);
                StatusChange change = only(read(bootstrap, prefix + "status-changes", key, StatusChange.class, registryUrl),
                        c -> c.getChangeType() == ChangeType.STATUS && "FAILED".equals(c.getToStatus()));
                if (pythonProblem == null) {
                    Map<String, JsonNode> python = readWithConfluentsPythonClient(bootstrap, registryUrl, key);
                    assertThat(python.get(prefix + "alerts")).isEqualTo(plain(alert));
                    assertThat(python.get(prefix + "status-changes")).isEqualTo(plain(change));
                } else {
                    System.err.println("SKIPPED the Confluent Python client part: " + pythonProblem
                            + " (apt-get install -y python3-confluent-kafka python3-avro python3-requests)");
                }

                registryOutageLosesNothing(demo, proxy, api, streamed, sourceId, jobId);
                assertThat(fatal.get()).isNull();
            }

            try (Demo again = Demo.start(settings(registryUrl, prefix), Clock.systemUTC(), fatal::set)) {
                String api = "http://127.0.0.1:" + again.httpPort().orElseThrow();
                JsonNode kept = await().atMost(PATIENCE).until(
                        () -> get(api + "/api/v1/mms/datasources/" + sourceId + "/jobs/" + jobId), j -> j != null);
                assertThat(kept.at("/data/id").asText()).isEqualTo(jobId);
                assertThat(fatal.get()).isNull();
            }
        }
        assumeThat(pythonProblem).as("Confluent's Python client is installed").isNull();
    }

    @Test
    void aSchemaTheRegistryRefusesStopsTheStartNamingTheSubjectAndTheField() throws Exception {
        String poisoned = "bad" + UUID.randomUUID().toString().substring(0, 6) + ".";
        String subject = poisoned + "alerts-value";
        post("/subjects/" + subject + "/versions", JSON.createObjectNode().put("schema",
                "{\"type\":\"record\",\"name\":\"Alert\",\"namespace\":\"io.mmatracker.schema\",\"fields\":"
                        + "[{\"name\":\"alertId\",\"type\":\"int\"}]}").toString());
        put("/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");

        assertThatThrownBy(() -> Demo.start(settings(REGISTRY.url(), poisoned), Clock.systemUTC(), fatal::set).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subject " + subject)
                .hasMessageContaining("incompatible")
                .hasMessageContaining("/fields/0/type");
    }

    @Test
    void anUnreachableRegistryAtStartEndsTheCommandWithExitCode1AndOneLine() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/apis/ccompat/v7";

        TestCli.Result result = TestCli.execute("demo", "--schema-registry", url, "--http-port", "0", "--kafka-port", "0",
                "--sim-port", "0", "--data-dir", dir.resolve("unreachable").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly(
                "mma-tracker: demo failed: schema registry " + url + " unreachable (connection refused)");
    }

    /**
     * Registry down: events keep flowing (their ids are cached); a record with an id not seen yet waits in the
     * topology instead of going to the dead-letter topic, and is processed when the registry is back.
     */
    private void registryOutageLosesNothing(Demo demo, TcpProxy proxy, String api, List<SseEvent> streamed,
                                            String sourceId, String jobId) throws Exception {
        String bootstrap = demo.bootstrapServers();
        String jobKey = sourceId + "/" + jobId;
        // a producer of an older release: a JobSnapshot written with an older schema, registered under its own id
        byte[] current = latestValue(bootstrap, prefix + "jobs", jobKey);
        Schema currentSchema = JobSnapshot.getClassSchema();
        Schema older = withoutField(currentSchema, "meta", "region");
        int olderId = registerAndId(prefix + "older-producer-value", older);
        GenericRecord snapshot = new GenericDatumReader<GenericRecord>(currentSchema, older)
                .read(null, DecoderFactory.get().binaryDecoder(current, 5, current.length - 5, null));
        String ghostId = "999" + jobId;
        ((GenericRecord) snapshot.get("job")).put("id", Long.parseLong(ghostId));
        ((GenericRecord) snapshot.get("job")).put("name", "written-by-an-older-producer");

        proxy.stop();
        pin(demo, sourceId, jobId, "{\"status\":\"DOING\"}");
        await().atMost(PATIENCE).until(() -> streamed.stream().anyMatch(e -> e.event().equals("alert")
                && e.data().contains("\"key\":\"" + jobKey + "\"") && e.data().contains("RESOLVED")));

        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(prefix + "jobs", sourceId + "/" + ghostId,
                    confluentBytes(olderId, older, snapshot))).get(30, TimeUnit.SECONDS);
        }
        String ghostPath = api + "/api/v1/mms/datasources/" + sourceId + "/jobs/" + ghostId;
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> get(ghostPath) == null);

        proxy.start();
        JsonNode ghost = await().atMost(PATIENCE).until(() -> get(ghostPath), j -> j != null);
        assertThat(ghost.at("/data/name").asText()).isEqualTo("written-by-an-older-producer");
        assertThat(deadLetters(bootstrap)).isEmpty();
    }

    private List<SseEvent> follow(String api, String sourceId) {
        List<SseEvent> streamed = new CopyOnWriteArrayList<>();
        AtomicBoolean open = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try {
                new TrackerApi(URI.create(api)).events("source=" + sourceId, null, streamed::add, () -> false,
                        stream -> open.set(true));
            } catch (IOException | InterruptedException e) {
                // the stream ends when the demo stops
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(PATIENCE).untilTrue(open);
        return streamed;
    }

    /** Every value of every topic of ours that carries Avro starts with byte 0 and an id the registry gave. */
    private void assertEveryAvroValueIsConfluentFormat(String bootstrap, Set<Integer> registeredIds) throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            topics = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
        topics.removeIf(t -> !t.startsWith(prefix) || t.endsWith("dlq") || t.endsWith("poller-coordination")
                || t.endsWith("index-store-changelog")); // index stores (stall, list) hold plain strings, not records
        assertThat(topics).contains(prefix + "jobs", prefix + "alerts", prefix + "status-changes",
                prefix + "poll-watermarks", prefix + "tracker-jobs-store-changelog",
                prefix + "tracker-source-summaries-store-changelog", prefix + "tracker-job-tracking-store-changelog");
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = all(bootstrap, topics);
        for (String topic : topics) {
            int n = 0;
            for (ConsumerRecord<String, byte[]> record : byTopic.getOrDefault(topic, List.of())) {
                if (record.value() != null) {
                    assertThat(record.value()[0]).as("magic byte of %s", topic).isZero();
                    assertThat(registeredIds).as("schema id of %s", topic)
                            .contains(ByteBuffer.wrap(record.value(), 1, 4).getInt());
                    n++;
                }
            }
            counts.put(topic, n);
        }
        assertThat(counts.get(prefix + "jobs")).isPositive();
        assertThat(counts.get(prefix + "alerts")).isPositive();
    }

    /** Every committed record of a topic up to its end now (the poller keeps writing; this does not wait for it). */
    private static List<ConsumerRecord<String, byte[]>> all(String bootstrap, String topic) {
        return all(bootstrap, List.of(topic)).getOrDefault(topic, List.of());
    }

    /** Every committed record of some topics up to their ends now, by topic, through one consumer. */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> all(String bootstrap, java.util.Collection<String> topics) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<ConsumerRecord<String, byte[]>>> records = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ends.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> records.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r));
                ends.entrySet().removeIf(e -> consumer.position(e.getKey(), Duration.ofSeconds(30)) >= e.getValue());
            }
            assertThat(ends).as("read %s to their ends", topics).isEmpty();
        }
        return records;
    }

    /** The dead-letter topic's records, each as its key and the {@code __streams.errors.*} headers that say why. */
    private List<String> deadLetters(String bootstrap) {
        List<String> records = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : all(bootstrap, prefix + "dlq")) {
            StringBuilder why = new StringBuilder(String.valueOf(record.key()));
            for (var header : record.headers()) {
                if (!header.key().endsWith("stacktrace")) {
                    why.append("\n  ").append(header.key()).append(": ")
                            .append(header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            records.add(why.toString());
        }
        return records;
    }

    private static byte[] latestValue(String bootstrap, String topic, String key) {
        byte[] latest = null;
        for (ConsumerRecord<String, byte[]> record : all(bootstrap, topic)) {
            if (key.equals(record.key()) && record.value() != null) {
                latest = record.value();
            }
        }
        assertThat(latest).as("a value of %s on %s", key, topic).isNotNull();
        return latest;
    }

    private static <T extends SpecificRecord> List<T> read(String bootstrap, String topic, String key, Class<T> type,
                                                           String registryUrl) {
        var deserializer = ValueSerdes.from(Map.of(RegistrySettings.URL, registryUrl)).forType(type).deserializer();
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : all(bootstrap, topic)) {
            if (key.equals(record.key())) {
                values.add(deserializer.deserialize(topic, record.value()));
            }
        }
        return values;
    }

    private static <T> T only(List<T> values, java.util.function.Predicate<T> which) {
        List<T> matching = values.stream().filter(which).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    /** Runs the README's Python recipe and returns the value it decoded per topic, as JSON. */
    private Map<String, JsonNode> readWithConfluentsPythonClient(String bootstrap, String registryUrl, String key)
            throws Exception {
        Path out = dir.resolve("python.out");
        Path err = dir.resolve("python.err");
        Process process = new ProcessBuilder(PYTHON.toString(), PYTHON_READER.toString(), "--bootstrap", bootstrap,
                "--registry", registryUrl, "--topic", prefix + "alerts", "--topic", prefix + "status-changes",
                "--key", key, "--until-each-topic", "--timeout", "60")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the Python reader finished").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("Python reader: " + Files.readString(err)).isZero();
        Map<String, JsonNode> byTopic = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.get("schemaId").asInt()).isPositive();
            JsonNode value = record.get("value");
            boolean wanted = record.get("topic").asText().endsWith("alerts")
                    ? value.get("state").asText().equals("FIRING")
                    : value.get("changeType").asText().equals("STATUS") && value.get("toStatus").asText().equals("FAILED");
            if (wanted) {
                assertThat(byTopic.put(record.get("topic").asText(), value)).as("one match per topic").isNull();
            }
        }
        return byTopic;
    }

    /** Why Confluent's Python client cannot run here, or null when it can. */
    private static String pythonProblem() throws InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " is missing";
        }
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c",
                    "import confluent_kafka.avro, avro, requests").redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return probe.waitFor() == 0 ? null : "python3 cannot import confluent_kafka.avro, avro and requests: " + output;
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        }
    }

    /** A record as JSON the way the Python reader prints it: enums as symbols, timestamps as epoch milliseconds. */
    private static JsonNode plain(SpecificRecord record) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(plainValue(record)));
    }

    private static Object plainValue(Object value) {
        if (value instanceof SpecificRecord record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Schema.Field field : record.getSchema().getFields()) {
                fields.put(field.name(), plainValue(record.get(field.pos())));
            }
            return fields;
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Enum<?> symbol) {
            return symbol.name();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), plainValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RegistryModeEndToEndTest::plainValue).toList();
        }
        return value instanceof CharSequence text ? text.toString() : value;
    }

    private static Schema withoutField(Schema schema, String recordField, String field) throws IOException {
        JsonNode tree = JSON.readTree(schema.toString());
        for (JsonNode f : tree.get("fields")) {
            if (f.get("name").asText().equals(recordField)) {
                var fields = (com.fasterxml.jackson.databind.node.ArrayNode) f.get("type").get("fields");
                for (int i = 0; i < fields.size(); i++) {
                    if (fields.get(i).get("name").asText().equals(field)) {
                        fields.remove(i);
                        return new Schema.Parser().parse(tree.toString());
                    }
                }
            }
        }
        throw new IllegalArgumentException("no field " + recordField + "." + field);
    }

    private static byte[] confluentBytes(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private Set<Integer> registeredIds() throws Exception {
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode subject : JSON.readTree(registry("GET", "/subjects", null))) {
            if (subject.asText().startsWith(prefix)) {
                for (JsonNode version : JSON.readTree(registry("GET", "/subjects/" + subject.asText() + "/versions", null))) {
                    ids.add(JSON.readTree(registry("GET", "/subjects/" + subject.asText() + "/versions/" + version.asText(),
                            null)).get("id").asInt());
                }
            }
        }
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private int registerAndId(String subject, Schema schema) throws Exception {
        return JSON.readTree(post("/subjects/" + subject + "/versions",
                JSON.createObjectNode().put("schema", schema.toString()).toString())).get("id").asInt();
    }

    private String put(String path, String body) throws Exception {
        return registry("PUT", path, body);
    }

    private String post(String path, String body) throws Exception {
        return registry("POST", path, body);
    }

    private String registry(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(REGISTRY.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private void pin(Demo demo, String sourceId, String jobId, String fields) throws IOException, InterruptedException {
        demoHttp.pin(demo, sourceId, jobId, fields);
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        return demoHttp.get(url);
    }
}

package io.mmatracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mmatracker.schema.WatchRequest;
import io.mmatracker.schema.registry.RegisteredSchemas;
import io.mmatracker.schema.registry.RegistryAvroSerde;
import io.mmatracker.schema.registry.RegistryClient;
import io.mmatracker.schema.registry.RegistryException;
import io.mmatracker.schema.registry.RegistrySettings;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.serde.ValueSerdes;

/** The registry mode's serde against a real Apicurio Registry: Confluent's bytes, ids, compatibility, outages. */
class RegistryAvroSerdeTest {

    @RegisterExtension
    static final ApicurioFixture REGISTRY = new ApicurioFixture();

    private final String topic = "serde-" + UUID.randomUUID().toString().substring(0, 8) + ".watch-requests";
    private final WatchRequest request = WatchRequest.newBuilder().setSourceId(2000001L).setAsyncTaskId(7L)
            .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setRequestedBy("test").build();

    private Serde<WatchRequest> serde(Map<String, ?> config) {
        return ValueSerdes.from(config).forType(WatchRequest.class);
    }

    @Test
    void writesConfluentsWireFormatWithTheIdTheRegistryGaveTheTopicsValueSubject() throws Exception {
        Serde<WatchRequest> serde = serde(Map.of(RegistrySettings.URL, REGISTRY.url()));

        byte[] bytes = serde.serializer().serialize(topic, request);

        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        String latest = get("/subjects/" + topic + "-value/versions/latest");
        assertThat(latest).contains("\"id\":" + id);
        assertThat(get("/config/" + topic + "-value")).contains("BACKWARD");
        assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(request);
        assertThat(serde(Map.of(RegistrySettings.URL, REGISTRY.url())).deserializer().deserialize(topic, bytes))
                .as("a fresh process reads the id from the registry").isEqualTo(request);
    }

    @Test
    void recordsWrittenWithAnOlderSchemaIdStillDecodeWithTheNewFieldsDefaults() throws Exception {
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"WatchRequest","namespace":"io.mmatracker.schema","fields":[
                 {"name":"sourceId","type":"long"},{"name":"asyncTaskId","type":"long"},
                 {"name":"requestedAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        RegistryClient client = new RegistryClient(RegistrySettings.from(Map.of(RegistrySettings.URL, REGISTRY.url())));
        int olderId = client.register(topic + "-value", older);
        GenericRecord old = new GenericData.Record(older);
        old.put("sourceId", 1L);
        old.put("asyncTaskId", 2L);
        old.put("requestedAt", 3L);

        WatchRequest read = serde(Map.of(RegistrySettings.URL, REGISTRY.url())).deserializer()
                .deserialize(topic, confluentBytes(olderId, older, old));

        assertThat(read.getAsyncTaskId()).isEqualTo(2L);
        assertThat(read.getRequestedBy()).isNull();
    }

    @Test
    void anIncompatibleSchemaIsRefusedNamingTheSubjectAndTheField() {
        Schema other = new Schema.Parser().parse("""
                {"type":"record","name":"WatchRequest","namespace":"io.mmatracker.schema","fields":[
                 {"name":"sourceId","type":"string"}]}""");
        var schemas = new RegisteredSchemas(new RegistryClient(RegistrySettings.from(Map.of(RegistrySettings.URL, REGISTRY.url()))));
        schemas.ensure(topic + "-value", other);

        assertThatThrownBy(() -> schemas.ensure(topic + "-value", WatchRequest.getClassSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subject " + topic + "-value")
                .hasMessageContaining("incompatible")
                .hasMessageContaining("field /fields/0/type");
    }

    @Test
    void withAutoRegisterOffAMissingSchemaIsNamed() {
        var schemas = new RegisteredSchemas(new RegistryClient(RegistrySettings.from(Map.of(
                RegistrySettings.URL, REGISTRY.url(), RegistrySettings.AUTO_REGISTER, "false"))));

        assertThatThrownBy(() -> schemas.ensure(topic + "-value", WatchRequest.getClassSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subject " + topic + "-value")
                .hasMessageContaining("auto.register.schemas is false");
    }

    @Test
    void singleObjectEncodedRecordsFromBeforeTheRegistryStillDecode() {
        byte[] plain = new AvroSerde<>(WatchRequest.class).serializer().serialize(topic, request);

        assertThat(serde(Map.of(RegistrySettings.URL, REGISTRY.url())).deserializer().deserialize(topic, plain))
                .isEqualTo(request);
    }

    @Test
    void anUnknownIdWaitsForARegistryThatIsDownAndDecodesWhenItIsBack() throws Exception {
        byte[] bytes = serde(Map.of(RegistrySettings.URL, REGISTRY.url())).serializer().serialize(topic, request);
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", REGISTRY.registry().port())) {
            String viaProxy = "http://127.0.0.1:" + proxy.port() + ApicurioRegistry.CCOMPAT_PATH;
            Serde<WatchRequest> reader = serde(Map.of(RegistrySettings.URL, viaProxy));
            proxy.stop();

            CompletableFuture<WatchRequest> read = CompletableFuture.supplyAsync(
                    () -> reader.deserializer().deserialize(topic, bytes));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> !read.isDone());
            proxy.start();

            assertThat(read.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(request);
        }
    }

    @Test
    void anUnreachableRegistryAtStartFailsAtOnceNamingIt() {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", REGISTRY.registry().port())) {
            proxy.stop();
            var schemas = new RegisteredSchemas(new RegistryClient(RegistrySettings.from(Map.of(RegistrySettings.URL,
                    "http://user:secret@127.0.0.1:" + proxy.port() + "/apis/ccompat/v7"))));

            assertThatThrownBy(() -> schemas.ensure(topic + "-value", WatchRequest.getClassSchema()))
                    .isInstanceOf(RegistryException.Unreachable.class)
                    .hasMessageContaining("schema registry http://127.0.0.1:" + proxy.port() + "/apis/ccompat/v7 unreachable")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void serdesOfOneProcessWritingATopicsFirstRecordsAtOnceRegisterItsSchemaOnce() throws Exception {
        ValueSerdes process = ValueSerdes.from(Map.of(RegistrySettings.URL, REGISTRY.url()));

        // Kafka Streams' tasks of one store on several stream threads: a serde each, one schema-id cache
        Map<String, List<byte[]>> written = firstWritesAtOnce(i -> process.forType(WatchRequest.class));

        for (var topicWrites : written.entrySet()) {
            assertThat(get("/subjects/" + topicWrites.getKey() + "-value/versions")).isEqualTo("[1]");
            assertThat(topicWrites.getValue().stream().map(bytes -> ByteBuffer.wrap(bytes, 1, 4).getInt()).distinct())
                    .hasSize(1);
        }
    }

    @Test
    void processesWritingATopicsFirstRecordsAtOnceAllWriteRecordsThatDecode() throws Exception {
        // several tracker instances: a schema-id cache each, so the registry itself sees the race (Apicurio answers
        // 409 to all but one of them, and may keep equal schemas as two versions)
        Map<String, List<byte[]>> written = firstWritesAtOnce(i -> serde(Map.of(RegistrySettings.URL, REGISTRY.url())));

        Serde<WatchRequest> reader = serde(Map.of(RegistrySettings.URL, REGISTRY.url()));
        written.forEach((fresh, records) -> assertThat(records)
                .allSatisfy(bytes -> assertThat(reader.deserializer().deserialize(fresh, bytes)).isEqualTo(request)));
    }

    /**
     * Serdes from {@code serdes} write the first record of fresh topics at the same moment, a few rounds; the bytes
     * written, by topic. Fails on the first write that throws.
     */
    private Map<String, List<byte[]>> firstWritesAtOnce(IntFunction<Serde<WatchRequest>> serdes) throws Exception {
        int writers = 6;
        Map<String, List<byte[]>> written = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 5; round++) {
                String fresh = topic + "." + round;
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<byte[]>> writes = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    Serde<WatchRequest> serde = serdes.apply(i);
                    writes.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return serde.serializer().serialize(fresh, request);
                    }));
                }
                List<byte[]> records = new ArrayList<>();
                for (Future<byte[]> write : writes) {
                    records.add(write.get(60, TimeUnit.SECONDS));
                }
                written.put(fresh, records);
            }
        } finally {
            pool.shutdownNow();
        }
        return written;
    }

    @Test
    void theClassNameAlsoPlugsIn() {
        Serde<WatchRequest> serde = ValueSerdes.forType(WatchRequest.class, Map.of(
                ValueSerdes.VALUE_SERDE_CLASS_CONFIG, RegistryAvroSerde.class.getName(), RegistrySettings.URL, REGISTRY.url()));

        byte[] bytes = serde.serializer().serialize(topic, request);

        assertThat(bytes[0]).isZero();
        assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(request);
    }

    private static byte[] confluentBytes(int id, Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(REGISTRY.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

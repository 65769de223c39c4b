package io.mmatracker.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.mmatracker.schema.JobConfig;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.SnapshotMeta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The default value serde: records, tombstones, garbage and records of older schema versions. */
class AvroSerdeTest {

    private static final String TOPIC = "mma.jobs";

    private static JobSnapshot snapshot() {
        return JobSnapshot.newBuilder()
                .setMeta(SnapshotMeta.newBuilder().setObservedAt(Instant.parse("2024-12-17T07:44:17.123Z"))
                        .setEndpoint("mma.example").setPollerId("p1").build())
                .setJob(MmsJob.newBuilder().setId(10L).setStatus("DOING").setTaskNum(100)
                        .setConfig(JobConfig.newBuilder().setOthers("{\"a\":1}").build())
                        .setUnmappedFields(Map.of("newField", "true")).build())
                .build();
    }

    @Test
    void recordsWithNestedRecordsRoundTrip() {
        var serde = new AvroSerde<>(JobSnapshot.class);

        byte[] bytes = serde.serializer().serialize(TOPIC, snapshot());

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(snapshot());
    }

    @Test
    void theBytesAreAvrosSingleObjectEncoding() throws IOException {
        var avro = new java.io.ByteArrayOutputStream();
        new BinaryMessageEncoder<JobSnapshot>(TrackerModel.shared(), JobSnapshot.getClassSchema()).encode(snapshot(), avro);

        byte[] bytes = new AvroSerde<>(JobSnapshot.class).serializer().serialize(TOPIC, snapshot());

        assertThat(bytes).isEqualTo(avro.toByteArray());
    }

    @Test
    void aTombstoneStaysNull() {
        var serde = new AvroSerde<>(JobSnapshot.class);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void garbageBytesGiveASerializationExceptionNamingTheTopic() {
        var deserializer = new AvroSerde<>(JobSnapshot.class).deserializer();

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic " + TOPIC);
        byte[] truncated = new AvroSerde<>(JobSnapshot.class).serializer().serialize(TOPIC, snapshot());
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, java.util.Arrays.copyOf(truncated, 20)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic " + TOPIC);
    }

    @Test
    void anIncompleteRecordCannotBeEncoded() {
        var serializer = new AvroSerde<>(JobSnapshot.class).serializer();

        assertThatThrownBy(() -> serializer.serialize(TOPIC, new JobSnapshot()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic " + TOPIC);
    }

    @Test
    void aRecordWrittenWithAnOlderVersionIsReadWithTheDefaultsFilledIn() throws IOException {
        Schema older = olderJobSnapshot();
        byte[] written = encode(older, new GenericRecordBuilder(older)
                .set("meta", new GenericRecordBuilder(older.getField("meta").schema())
                        .set("observedAt", 1_734_421_457_000L).set("endpoint", "mma.example").build())
                .set("job", new GenericRecordBuilder(jobSchemaOf(older)).set("id", 10L).set("status", "DONE").build())
                .build());

        JobSnapshot read = new AvroSerde<>(JobSnapshot.class, SchemaHistory.builtIn().plus(older))
                .deserializer().deserialize(TOPIC, written);

        assertThat(read.getJob().getId()).isEqualTo(10L);
        assertThat(read.getJob().getStatus()).isEqualTo("DONE");
        assertThat(read.getJob().getUnmappedFields()).isEmpty();
        assertThat(read.getMeta().getPollerId()).isNull();
        assertThat(read.getMeta().getObservedAt()).isEqualTo(Instant.ofEpochMilli(1_734_421_457_000L));
    }

    @Test
    void aRecordOfAnUnknownVersionIsRejectedNamingTheTopic() throws IOException {
        Schema older = olderJobSnapshot();
        byte[] written = encode(older, new GenericRecordBuilder(older)
                .set("meta", new GenericRecordBuilder(older.getField("meta").schema())
                        .set("observedAt", 0L).set("endpoint", "e").build())
                .set("job", new GenericRecordBuilder(jobSchemaOf(older)).build())
                .build());

        assertThatThrownBy(() -> new AvroSerde<>(JobSnapshot.class).deserializer().deserialize(TOPIC, written))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic " + TOPIC);
    }

    /** JobSnapshot as it might have been before MmsJob had unmappedFields and SnapshotMeta had pollerId. */
    private static Schema olderJobSnapshot() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(JobSnapshot.getClassSchema().toString());
        removeField(json, "MmsJob", "unmappedFields");
        removeField(json, "SnapshotMeta", "pollerId");
        return new Schema.Parser().parse(json.toString());
    }

    private static void removeField(JsonNode node, String recordName, String fieldName) {
        if (node.isObject() && recordName.equals(node.path("name").asText()) && node.has("fields")) {
            ArrayNode fields = (ArrayNode) node.get("fields");
            for (int i = 0; i < fields.size(); i++) {
                if (fieldName.equals(fields.get(i).get("name").asText())) {
                    fields.remove(i);
                    return;
                }
            }
        }
        for (JsonNode child : node) {
            removeField(child, recordName, fieldName);
        }
        if (node instanceof ObjectNode object && object.has("type")) {
            removeField(object.get("type"), recordName, fieldName);
        }
    }

    private static Schema jobSchemaOf(Schema snapshot) {
        return snapshot.getField("job").schema();
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}

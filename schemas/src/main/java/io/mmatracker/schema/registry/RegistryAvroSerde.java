package io.mmatracker.schema.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.serde.SchemaHistory;
import io.mmatracker.schema.serde.TrackerModel;

/**
 * A value serde in Confluent's wire format: byte 0, the 4-byte big-endian schema id, the Avro binary datum; the
 * subject is the topic's TopicNameStrategy subject ({@code <topic>-value}). Bytes written with any schema id the
 * registry knows are resolved to the record's current schema, so old ids keep decoding; records in the default
 * single-object encoding (written before the registry was configured) are still read. A tombstone stays null both
 * ways; bytes that cannot be decoded give a {@link SerializationException} naming the topic.
 *
 * <p>Usually created by {@link io.mmatracker.schema.serde.ValueSerdes}, which shares one schema-id cache between
 * all serdes of a process; {@code value.serde.class=io.mmatracker.schema.registry.RegistryAvroSerde} also works,
 * with the {@link RegistrySettings} keys given to {@link #configure}.
 */
public final class RegistryAvroSerde<T extends SpecificRecord> implements Serde<T> {

    /** Confluent's magic byte. */
    public static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final Class<T> type;
    private final SpecificData model;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final AvroSerde<T> singleObject;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private volatile RegisteredSchemas schemas;

    /** For {@code value.serde.class}: configured by {@link #configure} with the {@link RegistrySettings} keys. */
    public RegistryAvroSerde(Class<T> type) {
        this(type, TrackerModel.shared(), SchemaHistory.builtIn(), null);
    }

    /**
     * A serde over a shared schema-id cache.
     *
     * @param model               the data model that may load {@code type}'s classes
     * @param singleObjectHistory the older schemas of single-object encoded records still on the topics (may be null)
     */
    public RegistryAvroSerde(Class<T> type, SpecificData model, SchemaStore singleObjectHistory, RegisteredSchemas schemas) {
        this.type = Objects.requireNonNull(type, "type");
        this.model = model;
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.singleObject = new PlainAvroSerde<>(type, model, singleObjectHistory);
        this.schemas = schemas;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (schemas == null) {
            schemas = new RegisteredSchemas(new RegistryClient(RegistrySettings.from(configs)));
        }
    }

    /** The schema this serde writes. */
    public Schema schema() {
        return schema;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                int id = schemas().idFor(RegisteredSchemas.valueSubject(topic), schema);
                ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                out.write(MAGIC);
                out.write(ByteBuffer.allocate(4).putInt(id).array());
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                writer.write(value, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot encode a " + type.getSimpleName() + " for topic " + topic
                        + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01) {
                return singleObject.deserializer().deserialize(topic, bytes);
            }
            if (bytes.length < HEADER || bytes[0] != MAGIC) {
                throw new SerializationException("cannot decode a record of topic " + topic
                        + ": not Confluent's wire format (no magic byte 0 and schema id)");
            }
            int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            try {
                SpecificDatumReader<T> reader = readers.get(id);
                if (reader == null) {
                    // outside computeIfAbsent: reading an unknown id may wait for the registry
                    reader = new SpecificDatumReader<>(schemas().schemaFor(id), schema, model);
                    readers.putIfAbsent(id, reader);
                }
                return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot decode a record of topic " + topic + " (schema id " + id
                        + "): " + e.getMessage(), e);
            }
        };
    }

    private RegisteredSchemas schemas() {
        RegisteredSchemas current = schemas;
        if (current == null) {
            throw new IllegalStateException("RegistryAvroSerde is not configured: " + RegistrySettings.URL + " is missing");
        }
        return current;
    }

    /** Reaches {@link AvroSerde}'s constructor over another data model. */
    private static final class PlainAvroSerde<T extends SpecificRecord> extends AvroSerde<T> {
        PlainAvroSerde(Class<T> type, SpecificData model, SchemaStore history) {
            super(type, model, history);
        }
    }
}

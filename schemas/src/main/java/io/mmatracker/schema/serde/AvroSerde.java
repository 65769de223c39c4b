package io.mmatracker.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The default value serde: Avro single-object encoding (magic bytes, the writer schema's fingerprint, the
 * binary datum), so no schema registry is needed. Records written with an older schema version are
 * resolved through a {@link SchemaStore}, by default the committed {@link SchemaHistory}. A null value (a tombstone)
 * stays null both ways; bytes that cannot be decoded give a {@link SerializationException} naming the topic.
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /** A serde that also decodes records written with any schema {@code previousVersions} finds (may be null). */
    public AvroSerde(Class<T> type, SchemaStore previousVersions) {
        this(type, TrackerModel.shared(), previousVersions);
    }

    /**
     * A serde over another data model, for records generated outside the contract (such as a module's own state
     * records) whose model must be allowed to load their classes by name.
     */
    protected AvroSerde(Class<T> type, SpecificData model, SchemaStore previousVersions) {
        var schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, previousVersions);
    }

    /** A serde that resolves every committed version of the record's schema ({@link SchemaHistory#builtIn()}). */
    public AvroSerde(Class<T> type) {
        this(type, SchemaHistory.builtIn());
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                encoder.encode(value, out);
                return out.toByteArray();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot encode a record for topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot decode a record of topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}

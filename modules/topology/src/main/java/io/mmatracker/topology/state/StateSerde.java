package io.mmatracker.topology.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the topology's own state records (generated from {@code modules/topology/src/main/avro}): Avro
 * single-object encoding, like the contract types. Its data model loads the generated classes of this package
 * itself, because Avro 1.12 refuses to load untrusted classes by name and we do not change Avro's process-wide
 * trust settings. A tombstone stays null both ways.
 */
public final class StateSerde<T extends SpecificRecord> implements Serde<T> {

    private static final String PACKAGE = StateSerde.class.getPackageName();

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public StateSerde(Class<T> type) {
        if (!type.getPackageName().equals(PACKAGE)) {
            throw new IllegalArgumentException(type.getName() + " is not a state record of " + PACKAGE);
        }
        var model = new StateModel();
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(value);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
                throw new SerializationException("cannot decode topology state of " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    /** Loads the generated records of this package and nothing else by name. */
    private static final class StateModel extends SpecificData {

        StateModel() {
            super(StateSerde.class.getClassLoader());
        }

        @Override
        public Class<?> getClass(Schema schema) {
            if (schema.getType() == Schema.Type.RECORD && PACKAGE.equals(schema.getNamespace())) {
                try {
                    Class<?> type = Class.forName(schema.getFullName(), false, getClassLoader());
                    if (SpecificRecord.class.isAssignableFrom(type)) {
                        return type;
                    }
                } catch (ClassNotFoundException e) {
                    // read as a generic record, like SpecificData does
                    return null;
                }
            }
            return super.getClass(schema);
        }
    }
}

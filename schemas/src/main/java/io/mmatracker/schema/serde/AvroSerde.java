package io.mmatracker.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
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
 *
 * <p>The bytes are Avro's {@code BinaryMessageEncoder}'s, written and (for the current schema) read through a
 * buffered binary encoder and a decoder over the byte array, reused per thread: Avro's message classes read and
 * write through a direct coder one byte per synchronized stream call, which was the largest share of the
 * topology's serde time (profiled). Records of another schema version go through {@link BinaryMessageDecoder}.
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    /** Single-object encoding's marker, followed by the schema's CRC-64-AVRO fingerprint (little-endian). */
    private static final byte[] V1_MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final byte[] header;
    private final DatumWriter<T> writer;
    private final DatumReader<T> reader;
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
        Schema schema = model.getSchema(type);
        this.header = ByteBuffer.allocate(V1_MARKER.length + Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put(V1_MARKER).putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
        this.writer = writer(model, schema);
        this.reader = reader(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, previousVersions);
    }

    @SuppressWarnings("unchecked")
    private static <T> DatumWriter<T> writer(SpecificData model, Schema schema) {
        return (DatumWriter<T>) model.createDatumWriter(schema);
    }

    @SuppressWarnings("unchecked")
    private static <T> DatumReader<T> reader(SpecificData model, Schema schema) {
        return (DatumReader<T>) model.createDatumReader(schema, schema);
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
                out.write(header);
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
                ENCODERS.set(encoder);
                writer.write(value, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot encode a record for topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    private boolean hasCurrentHeader(byte[] bytes) {
        return bytes.length >= header.length && Arrays.equals(bytes, 0, header.length, header, 0, header.length);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                if (!hasCurrentHeader(bytes)) {
                    return decoder.decode(bytes);
                }
                BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, header.length, bytes.length - header.length, DECODERS.get());
                DECODERS.set(in);
                return reader.read(null, in);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot decode a record of topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}

package io.mmatracker.schema.json;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one mapping between MMA's JSON {@code data} objects and the Avro records, driven by the schemas: JSON field
 * names are the Avro field names, types are checked strictly, fields marked {@code "mma.json": "raw"} keep any JSON
 * value as text, and fields MMA adds later are kept in {@code unmappedFields} and written back unchanged.
 */
public final class MmsJson {

    /** Shared by the mapping and by callers; configured once here, never changed afterwards. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            // a duplicated key would silently lose one of its values
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // MMA adds fields over time; envelopes bound to Java types must not break on them
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final ClassValue<RecordCodec> PLANS = new ClassValue<>() {
        @Override
        protected RecordCodec computeValue(Class<?> type) {
            if (!SpecificRecord.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not an Avro SpecificRecord");
            }
            return new RecordCodec(type.asSubclass(SpecificRecord.class));
        }
    };

    private MmsJson() {
    }

    /**
     * The record of an MMA {@code data} object. JSON null or an absent field gives null; fields the schema does
     * not know go to {@code unmappedFields}.
     *
     * @throws MmsMappingException if a value has the wrong JSON type, or {@code data} is not an object
     * @throws IllegalArgumentException if {@code type} is not a generated record with an MMA JSON mapping
     */
    public static <T extends SpecificRecord> T read(JsonNode data, Class<T> type) {
        Objects.requireNonNull(type, "type");
        RecordCodec plan = plan(type);
        try {
            return type.cast(plan.read(data));
        } catch (MappingFailure failure) {
            throw new MmsMappingException(plan.describe(plan.idOf(data)), failure.path(), failure.expected,
                    failure.found);
        }
    }

    /**
     * The MMA {@code data} object of a record: fields in schema order with MMA's names and JSON types, null fields
     * left out, then the unmapped fields.
     *
     * @throws MmsMappingException if a raw or unmapped field does not hold JSON text, or a double is not finite
     */
    public static ObjectNode write(SpecificRecord record) {
        Objects.requireNonNull(record, "record");
        RecordCodec plan = plan(record.getClass());
        try {
            return plan.write(record);
        } catch (MappingFailure failure) {
            throw new MmsMappingException(plan.describe(plan.idOf(record)), failure.path(), failure.expected,
                    failure.found);
        }
    }

    /** {@link #write} as UTF-8 JSON bytes. */
    public static byte[] writeBytes(SpecificRecord record) {
        ObjectNode json = write(record);
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serializes
            throw new IllegalStateException("cannot serialize JSON of " + record.getSchema().getName(), e);
        }
    }

    /**
     * The shared, configured mapper: fails on duplicate keys and trailing tokens, ignores unknown properties when
     * binding to Java types. Treat it as read-only; use {@code mapper().copy()} to configure your own.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    static RecordCodec plan(Class<?> type) {
        return PLANS.get(type);
    }
}

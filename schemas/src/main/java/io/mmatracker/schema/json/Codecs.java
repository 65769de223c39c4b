package io.mmatracker.schema.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.serde.TrackerModel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The codec of each supported Avro type, chosen from the schema once. */
final class Codecs {

    /** Integral doubles up to this magnitude are written as JSON integers (every such double is exact). */
    private static final double MAX_EXACT_INTEGRAL_DOUBLE = 9_007_199_254_740_992d;

    private Codecs() {
    }

    /** The codec of a schema; a union must be null plus one type. Throws IllegalArgumentException otherwise. */
    static Codec forSchema(Schema schema, boolean raw, String where) {
        if (schema.getType() == Schema.Type.UNION) {
            Schema inner = nonNullBranch(schema, where);
            return new Nullable(forSchema(inner, raw, where));
        }
        if (raw) {
            if (schema.getType() != Schema.Type.STRING) {
                throw new IllegalArgumentException(where + ": \"mma.json\": \"raw\" needs a string field, found "
                        + schema.getType());
            }
            return RAW;
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            if ("timestamp-millis".equals(logical.getName())) {
                return TIMESTAMP_MILLIS;
            }
            throw new IllegalArgumentException(where + ": logical type " + logical.getName() + " is not supported");
        }
        return switch (schema.getType()) {
            case STRING -> STRING;
            case LONG -> LONG;
            case INT -> INT;
            case DOUBLE -> DOUBLE;
            case FLOAT -> FLOAT;
            case BOOLEAN -> BOOLEAN;
            case ENUM -> new EnumCodec(schema);
            case ARRAY -> new ArrayCodec(forSchema(schema.getElementType(), false, where + "[]"));
            case MAP -> new MapCodec(forSchema(schema.getValueType(), false, where + "{}"));
            case RECORD -> new NestedRecord(recordClass(schema, where));
            default -> throw new IllegalArgumentException(where + ": Avro type " + schema.getType()
                    + " has no MMA JSON mapping");
        };
    }

    static Schema nonNullBranch(Schema union, String where) {
        List<Schema> branches = union.getTypes();
        if (branches.size() == 2) {
            if (branches.get(0).getType() == Schema.Type.NULL) {
                return branches.get(1);
            }
            if (branches.get(1).getType() == Schema.Type.NULL) {
                return branches.get(0);
            }
        }
        throw new IllegalArgumentException(where + ": only unions of null and one type have an MMA JSON mapping");
    }

    @SuppressWarnings("unchecked")
    static Class<? extends SpecificRecord> recordClass(Schema schema, String where) {
        Class<?> type = TrackerModel.shared().getClass(schema);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(where + ": no generated class for record " + schema.getFullName());
        }
        return (Class<? extends SpecificRecord>) type;
    }

    /** JSON null is null; anything else goes to the one type of the union. */
    record Nullable(Codec inner) implements Codec {
        @Override
        public Object read(JsonNode node) {
            return node.isNull() ? null : inner.read(node);
        }

        @Override
        public JsonNode write(Object value) {
            return value == null ? NullNode.instance : inner.write(value);
        }
    }

    /** Nulls inside arrays and maps, or in fields that are not unions with null, cannot be written. */
    private static void requirePresent(Object value) {
        if (value == null) {
            throw new MappingFailure("a value", "null in the record");
        }
    }

    static final Codec STRING = new Codec() {
        @Override
        public Object read(JsonNode node) {
            if (!node.isTextual()) {
                throw MappingFailure.wrongType("string", node);
            }
            return node.textValue();
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return TextNode.valueOf(value.toString());
        }
    };

    static final Codec BOOLEAN = new Codec() {
        @Override
        public Object read(JsonNode node) {
            if (!node.isBoolean()) {
                throw MappingFailure.wrongType("boolean", node);
            }
            return node.booleanValue();
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return BooleanNode.valueOf((Boolean) value);
        }
    };

    static final Codec LONG = new Codec() {
        @Override
        public Object read(JsonNode node) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw MappingFailure.wrongType("long (an integral JSON number within 64 bits)", node);
            }
            return node.longValue();
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return integral(((Number) value).longValue());
        }
    };

    static final Codec INT = new Codec() {
        @Override
        public Object read(JsonNode node) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw MappingFailure.wrongType("int (an integral JSON number within 32 bits)", node);
            }
            return node.intValue();
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return IntNode.valueOf((Integer) value);
        }
    };

    static final Codec DOUBLE = new Codec() {
        @Override
        public Object read(JsonNode node) {
            return finiteNumber(node, "double (a JSON number)");
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return decimal(((Number) value).doubleValue());
        }
    };

    static final Codec FLOAT = new Codec() {
        @Override
        public Object read(JsonNode node) {
            return (float) finiteNumber(node, "float (a JSON number)");
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return decimal(((Number) value).doubleValue());
        }
    };

    /** Any JSON value, held as its JSON text: MMA documents these fields as "any". */
    static final Codec RAW = new Codec() {
        @Override
        public Object read(JsonNode node) {
            return jsonText(node);
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return parseJsonText(value.toString());
        }
    };

    /** An instant as ISO-8601 text, e.g. {@code 2024-12-17T07:44:17Z}; MMA's own times are plain strings. */
    static final Codec TIMESTAMP_MILLIS = new Codec() {
        private static final String EXPECTED = "timestamp (an ISO-8601 instant string)";

        @Override
        public Object read(JsonNode node) {
            if (!node.isTextual()) {
                throw MappingFailure.wrongType(EXPECTED, node);
            }
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                throw MappingFailure.wrongType(EXPECTED, node);
            }
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return TextNode.valueOf(value.toString());
        }
    };

    static String jsonText(JsonNode node) {
        try {
            return MmsJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new MappingFailure("a JSON value", "a value Jackson cannot write: " + e.getOriginalMessage());
        }
    }

    static JsonNode parseJsonText(String text) {
        try {
            JsonNode node = MmsJson.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MappingFailure("JSON text", "empty text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MappingFailure("JSON text", "text that is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static double finiteNumber(JsonNode node, String expected) {
        if (!node.isNumber()) {
            throw MappingFailure.wrongType(expected, node);
        }
        double number = node.doubleValue();
        if (!Double.isFinite(number)) {
            throw MappingFailure.wrongType(expected + " within double range", node);
        }
        return number;
    }

    /** The node Jackson itself reads for this integer, so that written JSON equals parsed JSON. */
    private static JsonNode integral(long number) {
        return number == (int) number ? IntNode.valueOf((int) number) : LongNode.valueOf(number);
    }

    /** Integral doubles are written as integers: MMA sends {@code "progress": 5000}, we send it back so. */
    private static JsonNode decimal(double number) {
        if (!Double.isFinite(number)) {
            throw new MappingFailure("a finite number", Double.toString(number));
        }
        boolean negativeZero = number == 0 && Double.doubleToRawLongBits(number) != 0;
        if (number == Math.rint(number) && Math.abs(number) <= MAX_EXACT_INTEGRAL_DOUBLE && !negativeZero) {
            return integral((long) number);
        }
        return DoubleNode.valueOf(number);
    }

    record EnumCodec(Schema schema) implements Codec {
        @Override
        public Object read(JsonNode node) {
            if (!node.isTextual() || !schema.hasEnumSymbol(node.textValue())) {
                throw MappingFailure.wrongType("one of " + schema.getEnumSymbols(), node);
            }
            return TrackerModel.shared().createEnum(node.textValue(), schema);
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return TextNode.valueOf(value.toString());
        }
    }

    record ArrayCodec(Codec items) implements Codec {
        @Override
        public Object read(JsonNode node) {
            if (!node.isArray()) {
                throw MappingFailure.wrongType("array", node);
            }
            List<Object> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                try {
                    list.add(items.read(node.get(i)));
                } catch (MappingFailure failure) {
                    throw failure.atIndex(i);
                }
            }
            return list;
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            List<?> list = (List<?>) value;
            ArrayNode array = JsonNodeFactory.instance.arrayNode(list.size());
            for (int i = 0; i < list.size(); i++) {
                try {
                    array.add(items.write(list.get(i)));
                } catch (MappingFailure failure) {
                    throw failure.atIndex(i);
                }
            }
            return array;
        }
    }

    record MapCodec(Codec values) implements Codec {
        @Override
        public Object read(JsonNode node) {
            if (!node.isObject()) {
                throw MappingFailure.wrongType("object (a map)", node);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                try {
                    map.put(entry.getKey(), values.read(entry.getValue()));
                } catch (MappingFailure failure) {
                    throw failure.atKey(entry.getKey());
                }
            }
            return map;
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                String key = entry.getKey().toString();
                try {
                    object.set(key, values.write(entry.getValue()));
                } catch (MappingFailure failure) {
                    throw failure.atKey(key);
                }
            }
            return object;
        }
    }

    /** A nested record: its plan is looked up when first used, so recursive schemas cannot loop. */
    record NestedRecord(Class<? extends SpecificRecord> type) implements Codec {
        @Override
        public Object read(JsonNode node) {
            return MmsJson.plan(type).read(node);
        }

        @Override
        public JsonNode write(Object value) {
            requirePresent(value);
            return MmsJson.plan(type).write(value);
        }
    }
}

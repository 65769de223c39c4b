package io.mmatracker.query.encode;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON of the tracker's own records (status changes, alerts, summaries), which have no MMA document to
 * follow: field names as in the Avro schema, enums as their symbol, timestamps as ISO-8601 UTC strings,
 * maps as objects. MMA objects are not written here but with the contract's MMA mapping.
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static ObjectNode write(IndexedRecord record) {
        ObjectNode out = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.set(field.name(), value(record.get(field.pos())));
        }
        return out;
    }

    private static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof IndexedRecord r) {
            return write(r);
        } else if (value instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Float f) {
            return NODES.numberNode(f);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Instant t) {
            return NODES.textNode(t.toString());
        } else if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        } else if (value instanceof GenericEnumSymbol<?> e) {
            return NODES.textNode(e.toString());
        } else if (value instanceof ByteBuffer b) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes(b)));
        } else if (value instanceof Map<?, ?> m) {
            ObjectNode object = NODES.objectNode();
            m.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
            return object;
        } else if (value instanceof Collection<?> c) {
            ArrayNode array = NODES.arrayNode();
            c.forEach(v -> array.add(value(v)));
            return array;
        }
        return NODES.textNode(value.toString());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}

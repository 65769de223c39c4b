package io.mmatracker.schema.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.serde.TrackerModel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The mapping plan of one generated record class: each field's name, position and codec, worked out from the
 * schema once. Fields marked {@code "mma.json": "raw"} hold any JSON value as text; the field
 * {@value #UNMAPPED_FIELDS} holds the JSON fields the schema does not know.
 */
final class RecordCodec implements Codec {

    static final String UNMAPPED_FIELDS = "unmappedFields";
    static final String JSON_PROPERTY = "mma.json";
    static final String RAW = "raw";

    private record FieldPlan(String name, int position, boolean nullable, Codec codec, Schema.Field field) {
    }

    private final Schema schema;
    private final Constructor<? extends SpecificRecord> constructor;
    private final TrackerModel model;
    private final FieldPlan[] fields;
    private final Map<String, FieldPlan> fieldsByName;
    private final int unmappedPosition;

    RecordCodec(Class<? extends SpecificRecord> type) {
        this.model = TrackerModel.shared();
        this.schema = model.getSchema(type);
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
        }
        try {
            this.constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no public no-argument constructor", e);
        }
        List<Schema.Field> schemaFields = schema.getFields();
        Map<String, FieldPlan> byName = new HashMap<>();
        int unmapped = -1;
        for (Schema.Field field : schemaFields) {
            String where = schema.getName() + "." + field.name();
            if (field.name().equals(UNMAPPED_FIELDS)) {
                Schema fieldSchema = field.schema();
                if (fieldSchema.getType() != Schema.Type.MAP
                        || fieldSchema.getValueType().getType() != Schema.Type.STRING) {
                    throw new IllegalArgumentException(where + " must be a map of strings");
                }
                unmapped = field.pos();
                continue;
            }
            boolean raw = RAW.equals(field.getProp(JSON_PROPERTY));
            boolean nullable = field.schema().getType() == Schema.Type.UNION;
            Codec codec = Codecs.forSchema(field.schema(), raw, where);
            // a nullable field's plan handles null itself; its codec is the inner one
            if (codec instanceof Codecs.Nullable wrapper) {
                codec = wrapper.inner();
            }
            byName.put(field.name(), new FieldPlan(field.name(), field.pos(), nullable, codec, field));
        }
        this.fields = byName.values().stream()
                .sorted(java.util.Comparator.comparingInt(FieldPlan::position))
                .toArray(FieldPlan[]::new);
        this.fieldsByName = Map.copyOf(byName);
        this.unmappedPosition = unmapped;
    }

    Schema schema() {
        return schema;
    }

    @Override
    public SpecificRecord read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw MappingFailure.wrongType("object (" + schema.getName() + ")", node);
        }
        SpecificRecord record = newRecord();
        int known = 0;
        for (FieldPlan plan : fields) {
            JsonNode value = node.get(plan.name);
            if (value != null) {
                known++;
            }
            try {
                record.put(plan.position, readField(plan, value));
            } catch (MappingFailure failure) {
                throw failure.inField(plan.name);
            }
        }
        Map<String, String> unmapped = new LinkedHashMap<>();
        if (known < node.size()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!fieldsByName.containsKey(entry.getKey())) {
                    if (unmappedPosition < 0) {
                        throw new MappingFailure("only the fields of " + schema.getName(), "an unknown field")
                                .inField(entry.getKey());
                    }
                    unmapped.put(entry.getKey(), Codecs.jsonText(entry.getValue()));
                }
            }
        }
        if (unmappedPosition >= 0) {
            record.put(unmappedPosition, unmapped);
        }
        return record;
    }

    private Object readField(FieldPlan plan, JsonNode value) {
        if (value == null || value.isNull()) {
            if (plan.nullable) {
                return null;
            }
            if (plan.field.hasDefaultValue()) {
                return model.deepCopy(plan.field.schema(), model.getDefaultValue(plan.field));
            }
            throw MappingFailure.wrongType(expectedOf(plan), value);
        }
        return plan.codec.read(value);
    }

    private static String expectedOf(FieldPlan plan) {
        return "a value of type " + plan.field.schema().getType().getName();
    }

    @Override
    public ObjectNode write(Object value) {
        SpecificRecord record = (SpecificRecord) value;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (FieldPlan plan : fields) {
            Object fieldValue = record.get(plan.position);
            try {
                if (fieldValue != null) {
                    out.set(plan.name, plan.codec.write(fieldValue));
                } else if (!plan.nullable) {
                    throw new MappingFailure(expectedOf(plan), "null in the record");
                }
            } catch (MappingFailure failure) {
                throw failure.inField(plan.name);
            }
        }
        if (unmappedPosition >= 0) {
            writeUnmapped(record.get(unmappedPosition), out);
        }
        return out;
    }

    /**
     * Unknown fields come after the known ones, sorted by name: a decoded Avro map has no order, and equal records
     * must give equal JSON. A name the schema knows may appear here only while that field is null (a record
     * written before the schema learned the field), never twice.
     */
    private static void writeUnmapped(Object unmappedValue, ObjectNode out) {
        if (!(unmappedValue instanceof Map<?, ?> unmapped) || unmapped.isEmpty()) {
            return;
        }
        Map<String, Object> sorted = new TreeMap<>();
        unmapped.forEach((name, text) -> sorted.put(name.toString(), text));
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
            String name = entry.getKey();
            try {
                if (out.has(name)) {
                    throw new MappingFailure("a field the record does not already hold", "a second value for it");
                }
                if (entry.getValue() == null) {
                    throw new MappingFailure("JSON text", "null in the record");
                }
                out.set(name, Codecs.parseJsonText(entry.getValue().toString()));
            } catch (MappingFailure failure) {
                throw failure.atKey(name).inField(UNMAPPED_FIELDS);
            }
        }
    }

    private SpecificRecord newRecord() {
        try {
            return constructor.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create a " + schema.getFullName(), e);
        }
    }

    /** The record's name and, when it has one, its id: how messages name the object. */
    String describe(Object id) {
        return id == null ? schema.getName() : schema.getName() + " id=" + id;
    }

    /** The id of a record, when its schema has an {@code id} field and it is set. */
    Object idOf(SpecificRecord record) {
        FieldPlan id = fieldsByName.get("id");
        return id == null ? null : record.get(id.position);
    }

    /** The id in a JSON object, when it is an integer (a wrong id is reported as its own failure). */
    Object idOf(JsonNode node) {
        if (!fieldsByName.containsKey("id") || node == null) {
            return null;
        }
        JsonNode id = node.get("id");
        return id != null && id.isIntegralNumber() ? id.numberValue() : null;
    }
}

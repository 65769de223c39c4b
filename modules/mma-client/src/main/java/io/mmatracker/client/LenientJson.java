package io.mmatracker.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Tolerant field access on one JSON object, for shapes MMA documents loosely; errors name object and field. */
final class LenientJson {

    private final JsonNode node;
    private final String objectName;

    LenientJson(JsonNode node, String objectName) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(objectName + ": expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
        this.node = node;
        this.objectName = objectName;
    }

    String text(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw wrongType(field, "a string", value);
    }

    Long longValue(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw wrongType(field, "an integer", value);
            }
        }
        throw wrongType(field, "an integer", value);
    }

    Integer intValue(String field) {
        Long value = longValue(field);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(objectName + "." + field + ": " + value + " does not fit an int32");
        }
        return value.intValue();
    }

    Boolean bool(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)) {
            return value.longValue() == 1;
        }
        if (value.isTextual()) {
            switch (value.textValue().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1" -> {
                    return true;
                }
                case "false", "0" -> {
                    return false;
                }
                case "" -> {
                    return null;
                }
                default -> {
                    // falls through to the error below
                }
            }
        }
        throw wrongType(field, "a boolean", value);
    }

    private JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    // The value itself is left out: error messages must never carry payload content.
    private IllegalArgumentException wrongType(String field, String expected, JsonNode value) {
        return new IllegalArgumentException(objectName + "." + field + ": expected " + expected + ", got "
                + value.getNodeType());
    }
}

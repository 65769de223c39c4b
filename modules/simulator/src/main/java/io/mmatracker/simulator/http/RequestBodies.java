package io.mmatracker.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.openapi.ApiError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON request bodies strictly: a field of the wrong JSON type is an {@code InvalidParameter} naming it. */
final class RequestBodies {

    private final ObjectMapper mapper;

    RequestBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON object of a request body; an empty body is an empty object. */
    ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw ApiError.invalidParameter("The request body is not valid JSON.").toException();
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return mapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw ApiError.invalidParameter("The request body must be a JSON object.").toException();
        }
        return (ObjectNode) node;
    }

    static String text(ObjectNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(name, "a string");
        }
        return v.asText();
    }

    static Boolean bool(ObjectNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return v.asBoolean();
    }

    static List<String> strings(ObjectNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw wrongType(name, "an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    static List<Long> longs(ObjectNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of integers");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.canConvertToLong() || !item.isIntegralNumber()) {
                throw wrongType(name, "an array of integers");
            }
            out.add(item.asLong());
        }
        return out;
    }

    static Map<String, String> stringMap(ObjectNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw wrongType(name, "an object of strings");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    static RuntimeException wrongType(String name, String expected) {
        return ApiError.invalidParameter("The body field " + name + " must be " + expected + ".").toException();
    }

}

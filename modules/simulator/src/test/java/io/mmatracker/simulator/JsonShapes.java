package io.mmatracker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Compares the field names and JSON types of served JSON with MMA's documented examples. */
final class JsonShapes {

    private JsonShapes() {
    }

    /** MMA's documented example response of an operation, from the schemas jar. */
    static JsonNode example(String operation) {
        try (InputStream in = JsonShapes.class.getResourceAsStream("/mma-examples/" + operation + ".json")) {
            if (in == null) {
                throw new AssertionError("no example for " + operation + " on the classpath");
            }
            return TestHttp.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String type(JsonNode n) {
        if (n.isObject()) {
            return "object";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return "null";
    }

    /**
     * Differences between served JSON and the example: missing or unexpected field names and JSON types that
     * differ. Array elements are compared with the example's first element; {@code anyValue} names fields whose
     * value MMA documents as "any" (not compared), {@code maps} fields that are maps (only their type is
     * compared); {@code extraFields} are allowed in addition to the example's. Paths look like
     * {@code .config[].value}.
     */
    static List<String> differences(JsonNode expected, JsonNode actual, Set<String> anyValue, Set<String> maps,
                                    Set<String> extraFields) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, new Rules(anyValue, maps, extraFields), out);
        return out;
    }

    private record Rules(Set<String> anyValue, Set<String> maps, Set<String> extraFields) {
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, Rules rules, List<String> out) {
        if (rules.anyValue().contains(path)) {
            return;
        }
        if (!type(expected).equals(type(actual))) {
            out.add(path + ": expected " + type(expected) + " but got " + type(actual));
            return;
        }
        if (rules.maps().contains(path)) {
            return;
        }
        if (expected.isObject()) {
            Set<String> want = names(expected);
            Set<String> got = names(actual);
            for (String name : want) {
                if (!got.contains(name)) {
                    out.add(path + "." + name + ": missing");
                }
            }
            for (String name : got) {
                if (!want.contains(name) && !rules.extraFields().contains(path + "." + name)) {
                    out.add(path + "." + name + ": not in the example");
                }
            }
            for (String name : want) {
                if (got.contains(name)) {
                    compare(path + "." + name, expected.get(name), actual.get(name), rules, out);
                }
            }
        } else if (expected.isArray() && expected.size() > 0) {
            for (JsonNode item : actual) {
                compare(path + "[]", expected.get(0), item, rules, out);
            }
        }
    }

    static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static List<String> orderedNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

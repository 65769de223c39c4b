package io.mmatracker.schema.json;

import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A mapping error on its way up to the public API: each enclosing record, array and map prepends its part of the
 * path while the failure unwinds, so the happy path never builds paths. No stack trace: it never escapes.
 */
final class MappingFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN_CHARS = 40;

    private final transient Deque<String> segments = new ArrayDeque<>();
    final String expected;
    final String found;

    MappingFailure(String expected, String found) {
        super(null, null, false, false);
        this.expected = expected;
        this.found = found;
    }

    static MappingFailure wrongType(String expected, JsonNode found) {
        return new MappingFailure(expected, describe(found));
    }

    MappingFailure inField(String name) {
        segments.addFirst(name);
        return this;
    }

    MappingFailure atIndex(int index) {
        segments.addFirst("[" + index + "]");
        return this;
    }

    MappingFailure atKey(String key) {
        segments.addFirst("[" + TextNode.valueOf(key) + "]");
        return this;
    }

    String path() {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (path.length() > 0 && !segment.startsWith("[")) {
                path.append('.');
            }
            path.append(segment);
        }
        return path.toString();
    }

    /** A short description of a JSON value; long strings are cut so that messages stay readable. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "boolean " + node.booleanValue();
            case NUMBER -> "number " + node;
            case STRING -> "string " + TextNode.valueOf(shorten(node.textValue()));
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
    }
}

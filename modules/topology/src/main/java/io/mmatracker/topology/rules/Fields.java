package io.mmatracker.topology.rules;

import java.util.Map;

import io.mmatracker.schema.kind.Lifecycle;

/** Small readers of MMA fields shared by the rules of every kind. */
final class Fields {

    private Fields() {
    }

    /** MMA sends error messages as absent, empty or the literal text {@code "null"} when there is none. */
    static boolean hasErrorText(String message) {
        return Lifecycle.hasText(message);
    }

    static void putIfPresent(Map<String, String> map, String name, String value) {
        if (value != null && !value.isBlank()) {
            map.put(name, value);
        }
    }

    static void putIfPresent(Map<String, Long> map, String name, Number value) {
        if (value != null) {
            map.put(name, value.longValue());
        }
    }

    static long orZero(Number value) {
        return value == null ? 0 : value.longValue();
    }
}

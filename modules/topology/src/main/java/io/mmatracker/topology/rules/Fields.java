package io.mmatracker.topology.rules;

import java.util.Map;

/** Small readers of MMA fields shared by the rules of every kind. */
final class Fields {

    private Fields() {
    }

    /** MMA sends error messages as absent, empty or the literal text {@code "null"} when there is none. */
    static boolean hasErrorText(String message) {
        return message != null && !message.isBlank() && !message.strip().equals("null");
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

    static boolean endsWith(String status, String suffix) {
        return status != null && status.endsWith(suffix);
    }
}

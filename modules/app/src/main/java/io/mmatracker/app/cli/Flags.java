package io.mmatracker.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** A command's own options translated to setting keys; options not given are left out, so lower layers win. */
final class Flags {

    private final Map<String, String> values = new LinkedHashMap<>();

    Flags put(String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
        return this;
    }

    Map<String, String> toMap() {
        return Map.copyOf(values);
    }
}

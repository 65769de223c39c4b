package io.mmatracker.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds a query the way the SDKs serialise it (REFERENCE §2): scalars, {@code sorter.x}, JSON-shrunk arrays. */
final class QueryBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> params = new LinkedHashMap<>();

    QueryBuilder add(String key, Object value) {
        if (value != null) {
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(String.valueOf(value));
        }
        return this;
    }

    /** Booleans that MMA types as integers (ListMmsJobs {@code stopped}) go as 1/0. */
    QueryBuilder addAsInt(String key, Boolean value) {
        return value == null ? this : add(key, value ? 1 : 0);
    }

    /** One parameter holding a JSON array, e.g. {@code status=["DONE","FAILED"]}; nothing for an empty list. */
    QueryBuilder addJsonArray(String key, List<String> values) {
        if (values == null || values.isEmpty()) {
            return this;
        }
        try {
            return add(key, JSON.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    /** {@code sorter.<field>=asc|desc} for each entry. */
    QueryBuilder addSorter(Map<String, String> sorter) {
        if (sorter != null) {
            sorter.forEach((field, direction) -> add("sorter." + field, direction));
        }
        return this;
    }

    Map<String, List<String>> build() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** Validates a sorter map: non-blank fields, directions {@code asc} or {@code desc}. */
    static Map<String, String> checkSorter(Map<String, String> sorter) {
        if (sorter == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        sorter.forEach((field, direction) -> {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("sorter field must not be blank");
            }
            String dir = direction == null ? "" : direction.toLowerCase(Locale.ROOT);
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw new IllegalArgumentException("sorter." + field + " must be asc or desc, got " + direction);
            }
            copy.put(field, dir);
        });
        return Collections.unmodifiableMap(copy);
    }
}

package io.mmatracker.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields an operator pinned on one object through the admin API: {@code fields} replace the computed values of
 * MMA fields (served verbatim, whatever their JSON type), {@code extras} are appended as fields MMA does not have.
 * A task's {@code fields} may also hold {@code msg} and {@code action}, which set its last log step.
 * {@code pinnedAt} is the simulated instant (epoch ms) the pin was made or its {@code status} last changed.
 */
public record Pin(Map<String, JsonNode> fields, Map<String, JsonNode> extras, long pinnedAt) {

    public Pin {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        extras = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /** The pinned text of a field, or null when it is not pinned to a string. */
    public String text(String field) {
        JsonNode v = fields.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The pinned integer of a field, or the fallback when it is not pinned to an integral number. */
    public long number(String field, long fallback) {
        JsonNode v = fields.get(field);
        return v != null && v.isIntegralNumber() ? v.asLong() : fallback;
    }

    /** The pinned boolean of a field, or the fallback when it is not pinned to a boolean. */
    public boolean bool(String field, boolean fallback) {
        JsonNode v = fields.get(field);
        return v != null && v.isBoolean() ? v.asBoolean() : fallback;
    }

    /** The effective text of a field: pinned if pinned to a string, else the computed value. */
    public static String text(Pin pin, String field, String computed) {
        if (pin == null) {
            return computed;
        }
        String pinned = pin.text(field);
        return pinned != null ? pinned : computed;
    }
}

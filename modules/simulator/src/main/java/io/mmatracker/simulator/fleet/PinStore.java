package io.mmatracker.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.openapi.ApiError;
import io.mmatracker.simulator.protocol.MmsKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The pins of all objects, by kind and id. Guarded by the fleet's lock. */
final class PinStore {

    /** The admin body key whose object adds fields MMA does not have. */
    static final String EXTRA_FIELDS = "extraFields";
    /** Admin body keys of a task that set its last log step (ListMmsTaskLogs), not fields of the task. */
    static final List<String> LOG_KEYS = List.of(TaskLogs.ACTION, TaskLogs.MSG);

    private record Key(MmsKind kind, long id) {
    }

    private final Map<Key, Pin> pins = new HashMap<>();

    Pin get(MmsKind kind, long id) {
        return pins.isEmpty() ? null : pins.get(new Key(kind, id));
    }

    /**
     * Merges the fields of an admin body into the object's pin at simulated instant {@code now}; later values win.
     * The pin's {@code pinnedAt} is {@code now} for a new pin or a changed status, else the earlier one.
     */
    Pin merge(MmsKind kind, long id, ObjectNode body, long now) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        Pin old = pins.get(new Key(kind, id));
        if (old != null) {
            fields.putAll(old.fields());
            extras.putAll(old.extras());
        }
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getKey().equals(EXTRA_FIELDS)) {
                if (!e.getValue().isObject()) {
                    throw ApiError.invalidParameter(EXTRA_FIELDS + " must be a JSON object").toException();
                }
                for (Map.Entry<String, JsonNode> extra : e.getValue().properties()) {
                    if (kind.fields().contains(extra.getKey())) {
                        throw ApiError.invalidParameter("extra field '" + extra.getKey()
                            + "' is an MMA field of a " + kind.label() + "; set it directly").toException();
                    }
                    extras.put(extra.getKey(), extra.getValue().deepCopy());
                }
            } else if (kind.fields().contains(e.getKey())) {
                fields.put(e.getKey(), e.getValue().deepCopy());
            } else if (kind == MmsKind.TASK && LOG_KEYS.contains(e.getKey())) {
                if (!e.getValue().isTextual()) {
                    throw ApiError.invalidParameter(e.getKey() + " (the task's last log step) must be a string")
                        .toException();
                }
                fields.put(e.getKey(), e.getValue().deepCopy());
            } else {
                throw ApiError.invalidParameter("unknown field '" + shorten(e.getKey()) + "' for a " + kind.label()
                    + "; known fields: " + String.join(", ", kind.fields()) + " (and "
                    + (kind == MmsKind.TASK ? String.join(", ", LOG_KEYS) + ", " : "") + EXTRA_FIELDS + ")")
                    .toException();
            }
        }
        // the pin's moment is when its status last changed: a later message or field does not move it (nor the
        // task's end and the time of its pinned log step)
        boolean statusChanged = old == null || !Objects.equals(old.fields().get("status"),
            fields.get("status"));
        Pin pin = new Pin(fields, extras, statusChanged ? now : old.pinnedAt());
        pins.put(new Key(kind, id), pin);
        return pin;
    }

    void clear(MmsKind kind, long id) {
        pins.remove(new Key(kind, id));
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}

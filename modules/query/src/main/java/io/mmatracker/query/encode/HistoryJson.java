package io.mmatracker.query.encode;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mmatracker.topology.state.HistoryEntry;
import io.mmatracker.topology.state.ObjectHistory;

/**
 * The {@code data} of a history answer: {@code {"total": n, "entries": [...]}}, newest first. Each entry names its
 * {@code event} as the event stream does ({@code status-change} or {@code alert}) and carries the fields of that
 * record under the names of its Avro schema ({@code changeType, fromStatus, toStatus, toProgress} or
 * {@code alertId, type, state, status, errorMessage}), {@code observedAt} in ISO-8601 UTC; absent values are left out.
 */
final class HistoryJson {

    private HistoryJson() {
    }

    static ObjectNode write(ObjectMapper mapper, ObjectHistory history) {
        ObjectNode data = mapper.createObjectNode();
        data.put("total", history.getEntries().size());
        var entries = data.putArray("entries");
        for (HistoryEntry e : history.getEntries()) {
            ObjectNode entry = entries.addObject();
            entry.put("event", e.getEvent());
            entry.put("observedAt", Instant.ofEpochMilli(e.getObservedAt()).toString());
            putIfPresent(entry, "changeType", e.getChangeType());
            putIfPresent(entry, "fromStatus", e.getFromStatus());
            putIfPresent(entry, "toStatus", e.getToStatus());
            if (!e.getToProgress().isEmpty()) {
                ObjectNode progress = entry.putObject("toProgress");
                new java.util.TreeMap<>(e.getToProgress()).forEach(progress::put);
            }
            putIfPresent(entry, "alertId", e.getAlertId());
            putIfPresent(entry, "type", e.getType());
            putIfPresent(entry, "state", e.getState());
            putIfPresent(entry, "status", e.getStatus());
            putIfPresent(entry, "errorMessage", e.getErrorMessage());
        }
        return data;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}

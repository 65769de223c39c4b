package io.mmatracker.simulator.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own record of every status change it served: for each job, table, metadata scan and async task,
 * the statuses in the order successful answers carried them to a client, one entry each time an answer showed a
 * status other than the previous answer for that object. What the simulator computes but never serves (a status that
 * lasted less than the time between two polls) is not in it: a client cannot have seen it.
 *
 * <p>Off until {@link #startRecording()} (it reads every answer's JSON once more); an independent checker of the
 * tracker compares it with the tracker's output. Keys are the tracker's, {@code <sourceId>/<id>}.
 */
public final class TransitionLog {

    /** One served status change; {@code from} is null for the first status served of an object. */
    public record Transition(String kind, String key, String from, String to, long servedAtMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KIND_BY_ACTION = Map.of(
        "GetMmsJob", "JOB", "ListMmsJobs", "JOB",
        "GetMmsTable", "TABLE", "ListMmsTables", "TABLE",
        "GetMmsFetchMetadataJob", "SCAN", "GetMmsAsyncTask", "ASYNC_TASK");

    private final Clock clock;
    private final Map<String, String> lastServed = new HashMap<>();
    private final List<Transition> transitions = new ArrayList<>();
    private volatile boolean isRecording;

    public TransitionLog(Clock clock) {
        this.clock = clock;
    }

    /** Records from now on. */
    public void startRecording() {
        isRecording = true;
    }

    /** Takes note of a successful answer of {@code action} to {@code path} (the statuses in {@code body}). */
    public void served(String action, String path, byte[] body) {
        String kind = KIND_BY_ACTION.get(action);
        if (!isRecording || kind == null) {
            return;
        }
        String sourceId = sourceIdOf(path);
        JsonNode data;
        try {
            data = JSON.readTree(body).path("data");
        } catch (IOException e) {
            return; // not an answer a client could read either
        }
        long now = clock.millis();
        synchronized (this) {
            if (data.has("objectList")) {
                data.path("objectList").forEach(object -> note(kind, sourceId, object, now));
            } else {
                note(kind, sourceId, data, now);
            }
        }
    }

    /** Every served change so far, in the order served. */
    public synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    private void note(String kind, String sourceId, JsonNode object, long now) {
        if (!object.hasNonNull("id") || !object.hasNonNull("status")) {
            return;
        }
        String key = kind + " " + sourceId + "/" + object.get("id").asText();
        String status = object.get("status").asText();
        String before = lastServed.put(key, status);
        if (!status.equals(before)) {
            transitions.add(new Transition(kind, sourceId + "/" + object.get("id").asText(), before, status, now));
        }
    }

    /** {@code /api/v1/mms/datasources/{sourceId}/...} → the source id. */
    private static String sourceIdOf(String path) {
        String marker = "/datasources/";
        int start = path.indexOf(marker) + marker.length();
        int end = path.indexOf('/', start);
        return path.substring(start, end < 0 ? path.length() : end);
    }
}

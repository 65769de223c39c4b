package io.mmatracker.simulator.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.simulator.fault.FaultConfig;
import io.mmatracker.simulator.fault.FaultControl;
import io.mmatracker.simulator.fleet.AsyncTaskView;
import io.mmatracker.simulator.fleet.Fleet;
import io.mmatracker.simulator.fleet.JobView;
import io.mmatracker.simulator.fleet.ScanView;
import io.mmatracker.simulator.fleet.SimulatedTime;
import io.mmatracker.simulator.fleet.SourceType;
import io.mmatracker.simulator.fleet.SourceView;
import io.mmatracker.simulator.fleet.TableView;
import io.mmatracker.simulator.fleet.TaskView;
import io.mmatracker.simulator.http.ApiHandlers.Reply;
import io.mmatracker.openapi.ApiError;
import io.mmatracker.simulator.protocol.MmsKind;
import io.mmatracker.simulator.stats.Outcome;
import io.mmatracker.simulator.stats.SimulatorStats;
import io.mmatracker.simulator.stats.StatsRecorder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulator's own controls under {@code /_sim/} (see the module README): time, faults, stats, and changing,
 * deleting or adding objects of the fleet. Answers use MMA's envelope and error format; faults and signatures
 * never apply here.
 */
public final class AdminApi {

    static final String PREFIX = "/_sim";
    private static final String PINS = "pins";
    private static final Set<String> FAULT_FIELDS = Set.of("serverErrorRate", "serverErrorStatus", "throttleRate",
        "throttleStatus", "latencyMillis", "latencyJitterMillis", "malformedRate", "resetRate", "operations");

    private final Fleet fleet;
    private final FaultControl faults;
    private final StatsRecorder stats;
    private final MmsJsonWriter json;
    private final RequestBodies bodies;

    public AdminApi(Fleet fleet, FaultControl faults, StatsRecorder stats, MmsJsonWriter json, ObjectMapper mapper) {
        this.fleet = fleet;
        this.faults = faults;
        this.stats = stats;
        this.json = json;
        this.bodies = new RequestBodies(mapper);
    }

    public Reply handle(String method, String rawPath, byte[] body, String requestId) {
        String rest = rawPath.length() > PREFIX.length() ? rawPath.substring(PREFIX.length() + 1) : "";
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] s = rest.split("/", -1);
        String route = String.join("/", s);
        switch (route) {
            case "time" -> {
                allow(method, "GET");
                return ok(requestId, this::time);
            }
            case "faults" -> {
                allow(method, "GET", "PUT");
                if (method.equals("PUT")) {
                    faults.set(faultConfig(bodies.object(body)));
                }
                FaultConfig c = faults.current();
                return ok(requestId, g -> faults(g, c));
            }
            case "stats" -> {
                allow(method, "GET");
                SimulatorStats snapshot = stats.snapshot();
                return ok(requestId, g -> stats(g, snapshot));
            }
            case "stats/reset" -> {
                allow(method, "POST");
                stats.reset();
                return ok(requestId, g -> stats(g, stats.snapshot()));
            }
            case "datasources" -> {
                allow(method, "POST");
                long id = fleet.addSource(newSource(bodies.object(body)));
                SourceView v = fleet.source(id, false, false);
                return ok(requestId, g -> MmsJsonWriter.source(g, v));
            }
            default -> {
                // fall through to object routes
            }
        }
        if (s.length >= 2 && s[0].equals("datasources")) {
            long sourceId = ApiRouter.parseId("sourceId", s[1]);
            if (s.length == 2) {
                return object(method, MmsKind.DATA_SOURCE, sourceId, sourceId, body, requestId);
            }
            if (s.length == 3 && s[2].equals(PINS)) {
                allow(method, "DELETE");
                return view(requestId, fleet.unpin(MmsKind.DATA_SOURCE, sourceId, sourceId));
            }
            if (s.length == 3 && s[2].equals(MmsKind.ASYNC_TASK.pathSegment())) {
                allow(method, "GET");
                List<AsyncTaskView> all = fleet.asyncTasks(sourceId);
                return ok(requestId, MmsJsonWriter.list(all, MmsJsonWriter::asyncTask));
            }
            MmsKind kind = s.length >= 4 ? MmsKind.byPathSegment(s[2]) : null;
            if (kind != null && kind != MmsKind.DATA_SOURCE) {
                long id = ApiRouter.parseId(idName(kind), s[3]);
                if (s.length == 4) {
                    return object(method, kind, sourceId, id, body, requestId);
                }
                if (s.length == 5 && s[4].equals(PINS)) {
                    allow(method, "DELETE");
                    return view(requestId, fleet.unpin(kind, sourceId, id));
                }
            }
        }
        throw ApiError.unknownAction("No simulator control at " + Texts.sample(rawPath) + "; see the simulator README.")
            .toException();
    }

    private Reply object(String method, MmsKind kind, long sourceId, long id, byte[] body, String requestId) {
        allow(method, "GET", "POST", "DELETE");
        switch (method) {
            case "GET" -> {
                return view(requestId, fleet.view(kind, sourceId, id));
            }
            case "POST" -> {
                return view(requestId, fleet.pin(kind, sourceId, id, bodies.object(body)));
            }
            default -> {
                fleet.delete(kind, sourceId, id);
                return ok(requestId, g -> {
                    g.writeStartObject();
                    g.writeStringField("kind", kind.pathSegment());
                    g.writeNumberField("deleted", id);
                    g.writeEndObject();
                });
            }
        }
    }

    private Reply view(String requestId, Object view) {
        return ok(requestId, g -> {
            if (view instanceof SourceView v) {
                MmsJsonWriter.source(g, v);
            } else if (view instanceof ScanView v) {
                MmsJsonWriter.scan(g, v);
            } else if (view instanceof JobView v) {
                MmsJsonWriter.job(g, v);
            } else if (view instanceof TableView v) {
                MmsJsonWriter.table(g, v);
            } else if (view instanceof TaskView v) {
                MmsJsonWriter.task(g, v);
            } else if (view instanceof AsyncTaskView v) {
                MmsJsonWriter.asyncTask(g, v);
            } else {
                throw new IllegalStateException("no writer for " + view);
            }
        });
    }

    private Reply ok(String requestId, MmsJsonWriter.Body data) {
        return new Reply(200, json.success(requestId, data), Map.of());
    }

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw ApiError.methodNotAllowed(Texts.sample(method), String.join(", ", allowed)).toException();
    }

    private static String idName(MmsKind kind) {
        return switch (kind) {
            case SCAN -> "scanId";
            case JOB -> "jobId";
            case TABLE -> "tableId";
            case TASK -> "taskId";
            case ASYNC_TASK -> "asyncTaskId";
            case DATA_SOURCE -> "sourceId";
        };
    }

    private void time(JsonGenerator g) throws IOException {
        long now = fleet.now();
        g.writeStartObject();
        g.writeStringField("now", SimulatedTime.format(now));
        g.writeNumberField("nowMillis", now);
        g.writeStringField("start", SimulatedTime.format(fleet.time().epoch()));
        g.writeNumberField("speed", fleet.time().speed());
        g.writeNumberField("seed", fleet.spec().seed());
        g.writeEndObject();
    }

    static void faults(JsonGenerator g, FaultConfig c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("serverErrorRate", c.serverErrorRate());
        g.writeNumberField("serverErrorStatus", c.serverErrorStatus());
        g.writeNumberField("throttleRate", c.throttleRate());
        g.writeNumberField("throttleStatus", c.throttleStatus());
        g.writeNumberField("latencyMillis", c.latencyMillis());
        g.writeNumberField("latencyJitterMillis", c.latencyJitterMillis());
        g.writeNumberField("malformedRate", c.malformedRate());
        g.writeNumberField("resetRate", c.resetRate());
        g.writeArrayFieldStart("operations");
        for (String op : new TreeSet<>(c.operations())) {
            g.writeString(op);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void stats(JsonGenerator g, SimulatorStats s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("requests", s.requests());
        g.writeObjectFieldStart("totals");
        for (Outcome o : Outcome.values()) {
            g.writeNumberField(o.jsonName(), s.total(o));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("operations");
        for (String op : s.byOperation().keySet()) {
            g.writeObjectFieldStart(op);
            for (Outcome o : Outcome.values()) {
                g.writeNumberField(o.jsonName(), s.count(op, o));
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A whole fault configuration from JSON; absent fields are zero (no such fault). */
    static FaultConfig faultConfig(ObjectNode b) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FAULT_FIELDS.contains(f)) {
                throw ApiError.invalidParameter("unknown fault field '" + Texts.sample(f) + "'; known: "
                    + String.join(", ", new TreeSet<>(FAULT_FIELDS))).toException();
            }
        }
        List<String> ops = RequestBodies.strings(b, "operations");
        try {
            return new FaultConfig(rate(b, "serverErrorRate"), (int) whole(b, "serverErrorStatus"),
                rate(b, "throttleRate"), (int) whole(b, "throttleStatus"), whole(b, "latencyMillis"),
                whole(b, "latencyJitterMillis"), rate(b, "malformedRate"), rate(b, "resetRate"),
                ops == null ? Set.of() : new TreeSet<>(ops));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter(e.getMessage()).toException();
        }
    }

    private static double rate(ObjectNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber()) {
            throw ApiError.invalidParameter(name + " must be a number").toException();
        }
        return v.asDouble();
    }

    private static long whole(ObjectNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiError.invalidParameter(name + " must be an integer").toException();
        }
        return v.asLong();
    }

    private Fleet.NewSource newSource(ObjectNode b) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("name", "type", "region", "tables", "jobs").contains(f)) {
                throw ApiError.invalidParameter("unknown field '" + Texts.sample(f)
                    + "'; known: name, type, region, tables, jobs").toException();
            }
        }
        String type = RequestBodies.text(b, "type");
        SourceType t = type == null ? null : SourceType.parse(type);
        if (type != null && t == null) {
            throw ApiError.invalidParameter("type must be one of HIVE, BIGQUERY, MAXCOMPUTE").toException();
        }
        List<Integer> sizes = new ArrayList<>();
        for (String f : List.of("tables", "jobs")) {
            JsonNode v = b.get(f);
            if (v == null || v.isNull()) {
                sizes.add(null);
            } else if (v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 0) {
                sizes.add(v.asInt());
            } else {
                throw ApiError.invalidParameter(f + " must be a non-negative integer").toException();
            }
        }
        return new Fleet.NewSource(RequestBodies.text(b, "name"), t, RequestBodies.text(b, "region"), sizes.get(0),
            sizes.get(1));
    }
}

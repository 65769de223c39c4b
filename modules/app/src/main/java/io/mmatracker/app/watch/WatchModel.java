package io.mmatracker.app.watch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the watch view shows, kept current from the API's answers and the event stream: the source or job,
 * the source's summary, a progress line per job, and the latest alerts and changes.
 */
public final class WatchModel {

    /** Kept for the view: the most recent this many alerts and changes. */
    static final int RECENT = 8;

    /** One job's line: its status and task progress, and whether an alert on it is firing. */
    public record JobLine(long id, String name, String status, long done, long total, boolean alerting) {
        JobLine with(String newStatus, Map<String, Long> progress, String newName) {
            return new JobLine(id, newName == null ? name : newName, newStatus == null ? status : newStatus,
                    progress.getOrDefault("taskDone", done), progress.getOrDefault("taskNum", total), alerting);
        }

        JobLine alerting(boolean value) {
            return new JobLine(id, name, status, done, total, value);
        }
    }

    /** One alert as the stream sent it. */
    public record AlertLine(Instant at, String state, String type, String key, String name, String status, String message) {
        boolean isFiring() {
            return "FIRING".equals(state);
        }
    }

    /** One status change as the stream sent it. */
    public record ChangeLine(Instant at, String kind, String key, String name, String changeType, String from, String to,
                             Map<String, Long> progress) {
    }

    private final WatchTarget target;
    private String sourceName;
    private String sourceStatus;
    private String sourceType;
    private JsonNode summary;
    private final Map<Long, JobLine> jobs = new TreeMap<>();
    private final Deque<AlertLine> alerts = new ArrayDeque<>();
    private final Deque<ChangeLine> changes = new ArrayDeque<>();
    /** job id → task id → "db.table STATUS: message", from TASK_FAILED alerts and the jobs' JOB_FAILED alerts. */
    private final Map<Long, Map<Long, String>> failedTables = new TreeMap<>();
    private String connection = "connecting";
    private boolean known;

    public WatchModel(WatchTarget target) {
        this.target = target;
    }

    public WatchTarget target() {
        return target;
    }

    /** A data source as {@code GetMmsDataSource} returns it. */
    public void source(JsonNode data) {
        known |= target instanceof WatchTarget.Source;
        sourceName = text(data, "name");
        sourceStatus = text(data, "status");
        sourceType = text(data, "type");
    }

    /** The topology's {@code SourceSummary} of the source. */
    public void summary(JsonNode data) {
        summary = data;
    }

    /** A job as {@code GetMmsJob} or a {@code ListMmsJobs} item returns it. */
    public void job(JsonNode data) {
        long id = data.path("id").asLong();
        known |= target instanceof WatchTarget.Job j && j.jobId() == id;
        JobLine old = jobs.get(id);
        jobs.put(id, new JobLine(id, text(data, "name"), text(data, "status"), data.path("taskDone").asLong(),
                data.path("taskNum").asLong(), old != null && old.alerting()));
    }

    /** A {@code status-change} event's data. */
    public ChangeLine change(JsonNode event) {
        Map<String, Long> progress = new TreeMap<>();
        event.path("toProgress").properties().forEach(e -> progress.put(e.getKey(), e.getValue().asLong()));
        ChangeLine line = new ChangeLine(instant(event, "observedAt"), text(event, "kind"), text(event, "key"),
                text(event, "name"), text(event, "changeType"), text(event, "fromStatus"), text(event, "toStatus"),
                progress);
        push(changes, line);
        if ("JOB".equals(line.kind()) && event.hasNonNull("objectId")) {
            long id = event.get("objectId").asLong();
            if ("DELETED".equals(line.changeType())) {
                jobs.remove(id);
            } else if (target instanceof WatchTarget.Source || target instanceof WatchTarget.Job j && j.jobId() == id) {
                JobLine old = jobs.getOrDefault(id, new JobLine(id, line.name(), line.to(), 0, 0, false));
                jobs.put(id, old.with(line.to(), progress, line.name()));
                known = true;
            }
        } else if ("DATA_SOURCE".equals(line.kind()) && line.to() != null) {
            sourceStatus = line.to();
        }
        return line;
    }

    /** An {@code alert} event's data. */
    public AlertLine alert(JsonNode event) {
        AlertLine line = new AlertLine(instant(event, "observedAt"), text(event, "state"), text(event, "type"),
                text(event, "key"), text(event, "name"), text(event, "status"), text(event, "errorMessage"));
        push(alerts, line);
        if ("JOB".equals(text(event, "kind")) && event.hasNonNull("objectId")) {
            long jobId = event.get("objectId").asLong();
            jobs.computeIfPresent(jobId, (id, job) -> job.alerting(line.isFiring()));
            if ("JOB_FAILED".equals(line.type()) && !line.isFiring()) {
                failedTables.remove(jobId);
            }
            for (JsonNode task : event.path("failedTasks")) {
                failedTables.computeIfAbsent(jobId, id -> new TreeMap<>()).put(task.path("taskId").asLong(),
                        failedTable(text(task, "tableName"), text(task, "status"), text(task, "message")));
            }
        } else if ("TASK".equals(text(event, "kind")) && event.hasNonNull("objectId")
                && event.path("context").hasNonNull("jobId")) {
            long jobId = event.path("context").path("jobId").asLong();
            long taskId = event.get("objectId").asLong();
            if (line.isFiring()) {
                failedTables.computeIfAbsent(jobId, id -> new TreeMap<>())
                        .put(taskId, failedTable(line.name(), line.status(), line.message()));
            } else if (failedTables.containsKey(jobId)) {
                failedTables.get(jobId).remove(taskId);
            }
        }
        return line;
    }

    /** A failed task of a job as the tracker lists it: its table ({@code db.table}), status and alert message. */
    public record FailedTask(long taskId, String table, String status, String message) {
    }

    /** The jobs known to have failed. */
    public List<Long> failedJobs() {
        return jobs.values().stream().filter(j -> "FAILED".equals(j.status())).map(JobLine::id).toList();
    }

    /** A failed job's failed tasks as read from the tracker (replacing what the stream told of it so far). */
    public void failedTasks(long jobId, List<FailedTask> tasks) {
        Map<Long, String> tables = new TreeMap<>();
        tasks.forEach(t -> tables.put(t.taskId(), failedTable(t.table(), t.status(), t.message())));
        failedTables.put(jobId, tables);
    }

    /** The failed tables of a job the stream told of, lowest task id first: {@code db.table STATUS: message}. */
    public List<String> failedTables(long jobId) {
        return List.copyOf(failedTables.getOrDefault(jobId, Map.of()).values());
    }

    private static String failedTable(String table, String status, String message) {
        return (table == null ? "?" : table) + " " + (status == null ? "" : status)
                + (message == null || message.isBlank() ? "" : ": " + message);
    }

    public void connection(String state) {
        connection = state;
    }

    public String connection() {
        return connection;
    }

    /** Whether the tracker knows the watched source or job yet (the poller may not have seen it). */
    public boolean isKnown() {
        return known;
    }

    public Optional<String> sourceName() {
        return Optional.ofNullable(sourceName);
    }

    public Optional<String> sourceStatus() {
        return Optional.ofNullable(sourceStatus);
    }

    public Optional<String> sourceType() {
        return Optional.ofNullable(sourceType);
    }

    public Optional<JsonNode> summary() {
        return Optional.ofNullable(summary);
    }

    public List<JobLine> jobs() {
        return List.copyOf(jobs.values());
    }

    /** Newest first. */
    public List<AlertLine> alerts() {
        return List.copyOf(alerts);
    }

    /** Newest first. */
    public List<ChangeLine> changes() {
        return List.copyOf(changes);
    }

    private static <T> void push(Deque<T> recent, T item) {
        recent.addFirst(item);
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

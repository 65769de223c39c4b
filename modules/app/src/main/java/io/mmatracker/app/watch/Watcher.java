package io.mmatracker.app.watch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.mmatracker.app.lifecycle.StopSignal;

/**
 * Follows a source or a job: reads its state from the query API, then applies the event stream as it comes
 * (reconnecting with {@code Last-Event-ID} when it drops) and re-reads the summary now and then. On a terminal
 * the screen is redrawn; otherwise the snapshot is printed once and then one line per event.
 */
public final class Watcher {

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    private static final Duration REDRAW = Duration.ofMillis(250);
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final String CLEAR = "\u001b[H\u001b[2J";

    private final TrackerApi api;
    private final WatchModel model;
    private final WatchView view;
    private final PrintWriter out;
    private final boolean redraw;
    private final StopSignal stop;
    /** How many failed tasks of a job the start reads (the view shows the first few and counts the rest). */
    private static final int FAILED_TASKS_READ = 100;

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicReference<InputStream> openStream = new AtomicReference<>();

    public Watcher(TrackerApi api, WatchTarget target, WatchView view, PrintWriter out, boolean redraw, StopSignal stop) {
        this.api = api;
        this.model = new WatchModel(target);
        this.view = view;
        this.out = out;
        this.redraw = redraw;
        this.stop = stop;
    }

    /** Prints the current state once; false if the tracker does not know the target (yet). */
    public boolean once() throws IOException, InterruptedException {
        refresh();
        failedTables();
        model.connection("snapshot");
        print(view.render(model, api.base().toString()));
        return model.isKnown();
    }

    /** Follows the target until the stop signal; fails only if the tracker cannot be reached at all at first. */
    public void follow() throws IOException, InterruptedException {
        refresh();
        failedTables();
        if (!redraw) {
            print(view.render(model, api.base().toString()));
        }
        Thread reader = new Thread(this::readEvents, "mma-watch-events");
        reader.setDaemon(true);
        reader.start();
        Thread closer = new Thread(() -> {
            try {
                stop.awaitRequest();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeStream();
        }, "mma-watch-stop");
        closer.setDaemon(true);
        closer.start();
        long lastDraw = 0;
        long lastRefresh = System.nanoTime();
        boolean dirty = true;
        while (!stop.isRequested()) {
            Object item = inbox.poll(REDRAW.toMillis(), TimeUnit.MILLISECONDS);
            if (item != null) {
                dirty |= apply(item);
            }
            long now = System.nanoTime();
            if (now - lastRefresh > REFRESH.toNanos()) {
                lastRefresh = now;
                try {
                    refresh();
                    dirty = true;
                } catch (IOException e) {
                    LOG.debug("refresh failed: {}", e.getMessage());
                }
            }
            if (redraw && dirty && now - lastDraw > REDRAW.toNanos()) {
                out.print(CLEAR);
                print(view.render(model, api.base().toString()));
                lastDraw = now;
                dirty = false;
            }
        }
        closeStream();
        reader.interrupt();
    }

    private boolean apply(Object item) {
        if (item instanceof String state) {
            model.connection(state);
            if (!redraw) {
                out.println("-- " + state);
                out.flush();
            }
            return true;
        }
        SseEvent event = (SseEvent) item;
        JsonNode data = TrackerApi.parse(event.data());
        String line;
        switch (event.event()) {
            case "status-change" -> line = view.line(model.change(data));
            case "alert" -> line = view.line(model.alert(data));
            default -> {
                return false;
            }
        }
        if (!redraw) {
            out.println(line);
            out.flush();
        }
        return true;
    }

    private void readEvents() {
        String lastId = null;
        Duration backoff = Duration.ofMillis(500);
        AtomicReference<String> seen = new AtomicReference<>();
        while (!stop.isRequested()) {
            try {
                api.events(query(), lastId, event -> {
                    if (event.id() != null) {
                        seen.set(event.id());
                    }
                    inbox.add(event);
                }, stop::isRequested, stream -> {
                    openStream.set(stream);
                    inbox.add("live");
                });
                if (stop.isRequested()) {
                    return;
                }
                inbox.add("event stream ended; reconnecting");
            } catch (IOException e) {
                if (stop.isRequested()) {
                    return;
                }
                inbox.add("event stream unavailable (" + e.getMessage() + "); reconnecting");
            } catch (InterruptedException e) {
                return;
            }
            lastId = Optional.ofNullable(seen.get()).orElse(lastId);
            try {
                if (stop.awaitRequest(backoff)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private String query() {
        WatchTarget target = model.target();
        String query = "source=" + target.sourceId();
        if (target instanceof WatchTarget.Job job) {
            query += "&job=" + job.jobId();
        }
        return query;
    }

    private void refresh() throws IOException, InterruptedException {
        WatchTarget target = model.target();
        String source = "/api/v1/mms/datasources/" + target.sourceId();
        if (target instanceof WatchTarget.Job job) {
            api.data(source + "/jobs/" + job.jobId()).ifPresent(model::job);
            return;
        }
        api.data(source).ifPresent(model::source);
        api.data(source + "/summary").ifPresent(model::summary);
        api.data(source + "/jobs?pageSize=100").ifPresent(list -> list.path("objectList").forEach(model::job));
    }

    /**
     * The failed tables under each failed job, as the live view shows them from TASK_FAILED and JOB_FAILED alerts:
     * the job's failed tasks (ListMmsTasks by job and failed status, one request), and for the first few the message
     * of their firing TASK_FAILED alert (their history). Read when the watch starts; events keep them current after.
     */
    private void failedTables() throws IOException, InterruptedException {
        String source = "/api/v1/mms/datasources/" + model.target().sourceId();
        for (long jobId : model.failedJobs()) {
            try {
                Optional<JsonNode> tasks = api.data(source + "/tasks?jobId=" + jobId
                        + "&status=SCHEMA_FAILED,DATA_FAILED,VERIFICATION_FAILED&pageSize=" + FAILED_TASKS_READ);
                if (tasks.isEmpty()) {
                    continue;
                }
                List<WatchModel.FailedTask> failed = new ArrayList<>();
                for (JsonNode task : tasks.get().path("objectList")) {
                    long taskId = task.path("id").asLong();
                    String message = failed.size() < WatchView.MAX_FAILED_TABLES ? alertMessage(source + "/tasks/" + taskId + "/history") : null;
                    failed.add(new WatchModel.FailedTask(taskId, tableName(task), task.path("status").asText(null), message));
                }
                model.failedTasks(jobId, failed);
            } catch (TrackerApi.ApiException e) {
                // a tracker that does not list tasks by job: the failed tables come from the events only
                LOG.debug("failed tasks of job {}: {}", jobId, e.getMessage());
            }
        }
    }

    /** The message of the newest TASK_FAILED alert in a task's history, if it fires. */
    private String alertMessage(String historyPath) throws IOException, InterruptedException {
        for (JsonNode entry : api.data(historyPath).map(h -> h.path("entries")).orElse(TrackerApi.parse("[]"))) {
            if ("TASK_FAILED".equals(entry.path("type").asText())) {
                return "FIRING".equals(entry.path("state").asText()) ? entry.path("errorMessage").asText(null) : null;
            }
        }
        return null;
    }

    private static String tableName(JsonNode task) {
        String db = task.path("srcDbName").asText(null);
        String table = task.path("srcTableName").asText(null);
        return db == null ? table : table == null ? db : db + "." + table;
    }

    private void closeStream() {
        InputStream stream = openStream.getAndSet(null);
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.debug("closing the event stream: {}", e.toString());
            }
        }
    }

    private void print(List<String> lines) {
        lines.forEach(out::println);
        out.flush();
    }
}

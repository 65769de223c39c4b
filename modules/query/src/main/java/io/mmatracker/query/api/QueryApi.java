package io.mmatracker.query.api;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.dashboard.Dashboard;
import io.mmatracker.query.events.EventStreams;
import io.mmatracker.query.health.ReadinessCheck;
import io.mmatracker.openapi.ErrorCode;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.http.RequestIds;
import io.mmatracker.query.http.Router;
import io.mmatracker.query.list.ListGatherer;
import io.mmatracker.query.lookup.ObjectLookup;
import io.mmatracker.query.metrics.HttpMetrics;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.watch.WatchPublisher;

import static io.undertow.util.Methods.GET;
import static io.undertow.util.Methods.POST;

/**
 * The API's route table: each operation's name, method and path template, and the handler it leads to. The
 * handlers live by what they serve ({@link ObjectHandlers} single values, {@link ListHandlers} lists,
 * {@link WatchHandler}, {@link EventsHandler}, {@link OpsHandlers} health and metrics) and share the thread
 * plumbing of {@link Exchanges}; {@link RootHandler} routes, times and keeps the error contract. Adding a route is
 * a name here, one line in the table, and its handler (plus its rule in {@code AccessRules}).
 */
public final class QueryApi {

    /** The routes, in the order of the README. Names are used as metric labels. */
    public static final String LIST_DATA_SOURCES = "ListMmsDataSources";
    public static final String GET_DATA_SOURCE = "GetMmsDataSource";
    public static final String GET_SCAN = "GetMmsFetchMetadataJob";
    public static final String GET_JOB = "GetMmsJob";
    public static final String GET_TABLE = "GetMmsTable";
    public static final String GET_ASYNC_TASK = "GetMmsAsyncTask";
    public static final String LIST_JOBS = "ListMmsJobs";
    public static final String LIST_TABLES = "ListMmsTables";
    public static final String GET_TASK = "GetMmsTask";
    public static final String LIST_TASKS = "ListMmsTasks";
    public static final String GET_TASK_HISTORY = "GetMmsTaskHistory";
    public static final String GET_SUMMARY = "GetSourceSummary";
    public static final String GET_SCAN_HISTORY = "GetMmsFetchMetadataJobHistory";
    public static final String GET_JOB_HISTORY = "GetMmsJobHistory";
    public static final String GET_TABLE_HISTORY = "GetMmsTableHistory";
    public static final String GET_ASYNC_TASK_HISTORY = "GetMmsAsyncTaskHistory";
    public static final String WATCH_ASYNC_TASK = "WatchMmsAsyncTask";
    public static final String EVENTS = "Events";
    public static final String LIVE = "HealthLive";
    public static final String READY = "HealthReady";
    public static final String METRICS = "Metrics";
    /** The browser dashboard: {@code /}, {@code /index.html} and {@code /assets/*}, static files that need no token. */
    public static final String DASHBOARD = "Dashboard";

    private final Router<RouteHandler> router = new Router<>();
    private final RootHandler root;

    public QueryApi(Endpoint self, ObjectLookup lookup, ListGatherer lists, WatchPublisher watches, EventStreams events,
                    ReadinessCheck readiness, HttpMetrics metrics, Replies replies, ObjectMapper mapper, Clock clock) {
        this.root = new RootHandler(router, replies, metrics);
        Exchanges exchanges = new Exchanges(root);
        ObjectHandlers objects = new ObjectHandlers(lookup, replies, exchanges);
        ListHandlers list = new ListHandlers(lists, replies, exchanges);
        OpsHandlers ops = new OpsHandlers(self, readiness, metrics, replies, mapper);
        Dashboard dashboard = new Dashboard(exchange -> replies.error(exchange, RequestIds.next(), ErrorCode.UNKNOWN_ACTION,
                "no file of the dashboard at this path"));
        RouteHandler files = call -> dashboard.serve(call.exchange());
        String base = "/api/v1/mms/datasources/{sourceId}";
        router.add(LIST_DATA_SOURCES, GET, "/api/v1/mms/datasources", list::dataSources)
                .add(GET_DATA_SOURCE, GET, base, objects::dataSource)
                .add(GET_SCAN, GET, base + "/scans/{scanId}", objects.object(SnapshotStore.SCANS, "scans", "scanId"))
                .add(GET_JOB, GET, base + "/jobs/{jobId}", objects.object(SnapshotStore.JOBS, "jobs", "jobId"))
                .add(GET_TABLE, GET, base + "/tables/{tableId}", objects.object(SnapshotStore.TABLES, "tables", "tableId"))
                .add(GET_ASYNC_TASK, GET, base + "/asyncTasks/{asyncTaskId}",
                        objects.object(SnapshotStore.ASYNC_TASKS, "asyncTasks", "asyncTaskId"))
                .add(LIST_JOBS, GET, base + "/jobs", list.ofSource(SnapshotStore.JOBS))
                .add(LIST_TABLES, GET, base + "/tables", list.ofSource(SnapshotStore.TABLES))
                .add(GET_TASK, GET, base + "/tasks/{taskId}", objects.object(SnapshotStore.TASKS, "tasks", "taskId"))
                .add(LIST_TASKS, GET, base + "/tasks", list.tasks())
                .add(GET_TASK_HISTORY, GET, base + "/tasks/{taskId}/history",
                        objects.history(SnapshotStore.TASK_HISTORY, "tasks", "taskId"))
                .add(GET_SUMMARY, GET, base + "/summary", objects::summary)
                .add(GET_SCAN_HISTORY, GET, base + "/scans/{scanId}/history", objects.history(SnapshotStore.SCAN_HISTORY, "scans", "scanId"))
                .add(GET_JOB_HISTORY, GET, base + "/jobs/{jobId}/history", objects.history(SnapshotStore.JOB_HISTORY, "jobs", "jobId"))
                .add(GET_TABLE_HISTORY, GET, base + "/tables/{tableId}/history",
                        objects.history(SnapshotStore.TABLE_HISTORY, "tables", "tableId"))
                .add(GET_ASYNC_TASK_HISTORY, GET, base + "/asyncTasks/{asyncTaskId}/history",
                        objects.history(SnapshotStore.ASYNC_TASK_HISTORY, "asyncTasks", "asyncTaskId"))
                .add(WATCH_ASYNC_TASK, POST, base + "/asyncTasks/{asyncTaskId}/watch", new WatchHandler(watches, replies, mapper, clock, exchanges))
                .add(EVENTS, GET, "/events", new EventsHandler(events))
                .add(LIVE, GET, "/health/live", ops::live)
                .add(READY, GET, "/health/ready", ops::ready)
                .add(METRICS, GET, "/metrics", ops::metrics)
                .add(DASHBOARD, GET, "/", files)
                .add(DASHBOARD, GET, "/index.html", files)
                .add(DASHBOARD, GET, "/assets/{file}", files);
    }

    /** The routes, for access control in front of them. */
    public Router<RouteHandler> router() {
        return router;
    }

    /** The handler to give the HTTP server. */
    public RootHandler rootHandler() {
        return root;
    }
}

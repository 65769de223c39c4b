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
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;

import static io.undertow.util.Methods.GET;
import static io.undertow.util.Methods.POST;

/**
 * The API's route table: each operation's name, method and path template, and the handler it leads to. The
 * handlers live by what they serve ({@link ObjectHandlers} single values, {@link ListHandlers} lists,
 * {@link WatchHandler}, {@link EventsHandler}, {@link OpsHandlers} health and metrics) and share the thread
 * plumbing of {@link Exchanges}; {@link RootHandler} routes, times and keeps the error contract. The routes of each
 * object kind (its GET, its per-source list, its history) come from the kind catalog, so a new kind brings its
 * routes; any other route is a name here, one line in the table, and its handler (plus its rule in
 * {@code AccessRules}).
 */
public final class QueryApi {

    /**
     * The routes, in the order of the README. Names are used as metric labels. Those of the object kinds are the
     * catalog's ({@link Kind#getOperation}, {@link Kind#sourceListOperation}, {@link #historyRoute}), named here for
     * callers.
     */
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
    public static final String LIST_TASK_LOGS = "ListMmsTaskLogs";
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
        // the data sources, whose objects are the sources themselves: listed across sources, read by {sourceId}
        router.add(LIST_DATA_SOURCES, GET, "/api/v1/mms/datasources", list::dataSources)
                .add(GET_DATA_SOURCE, GET, base, objects::dataSource);
        // every other kind under its source, as MMA's paths name it: .../{segment}/{id}, its list and its history
        for (Kind<?, ?> kind : KindCatalog.all()) {
            if (kind == KindCatalog.DATA_SOURCE) {
                continue;
            }
            String segment = kind.pathSegment();
            String id = idParameter(kind);
            String object = base + "/" + segment + "/{" + id + "}";
            router.add(kind.getOperation(), GET, object, objects.object(SnapshotStore.of(kind), segment, id));
            if (kind.isListed()) {
                // each list with MMA's filters the tracker serves (ListHandlers' spec of the kind)
                router.add(kind.sourceListOperation(), GET, base + "/" + segment, list.ofSource(SnapshotStore.of(kind)));
            }
            if (kind.hasHistory()) {
                router.add(historyRoute(kind), GET, object + "/history", objects.history(SnapshotStore.historyOf(kind), segment, id));
            }
        }
        // a task's log steps: those its snapshot holds
        router.add(LIST_TASK_LOGS, GET, base + "/tasks/{taskId}/logs", objects::taskLogs)
                .add(GET_SUMMARY, GET, base + "/summary", objects::summary)
                .add(WATCH_ASYNC_TASK, POST, base + "/asyncTasks/{asyncTaskId}/watch", new WatchHandler(watches, replies, mapper, clock, exchanges))
                .add(EVENTS, GET, "/events", new EventsHandler(events))
                .add(LIVE, GET, "/health/live", ops::live)
                .add(READY, GET, "/health/ready", ops::ready)
                .add(METRICS, GET, "/metrics", ops::metrics)
                .add(DASHBOARD, GET, "/", files)
                .add(DASHBOARD, GET, "/index.html", files)
                .add(DASHBOARD, GET, "/assets/{file}", files);
    }

    /** The route of an object's history: {@code GetMmsJobHistory}. */
    public static String historyRoute(Kind<?, ?> kind) {
        return kind.getOperation() + "History";
    }

    /** The path parameter of an object's id, as MMA's paths name it: {@code jobs} → {@code jobId}. */
    static String idParameter(Kind<?, ?> kind) {
        String segment = kind.pathSegment();
        return segment.substring(0, segment.length() - 1) + "Id";
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

package io.mmatracker.query.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mmatracker.query.auth.AccessRules;
import io.mmatracker.query.auth.Caller;
import io.mmatracker.query.dashboard.Dashboard;
import io.mmatracker.query.encode.EncodedDataCache;
import io.mmatracker.query.encode.View;
import io.mmatracker.query.events.EventFilter;
import io.mmatracker.query.events.EventId;
import io.mmatracker.query.events.EventStreams;
import io.mmatracker.query.health.Health;
import io.mmatracker.query.health.ReadinessCheck;
import io.mmatracker.query.http.ApiError;
import io.mmatracker.query.http.ErrorCode;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.http.Params;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.http.RequestIds;
import io.mmatracker.query.http.Router;
import io.mmatracker.query.list.ListGatherer;
import io.mmatracker.query.list.ListPage;
import io.mmatracker.query.list.ListQuery;
import io.mmatracker.query.lookup.Answer;
import io.mmatracker.query.lookup.ObjectLookup;
import io.mmatracker.query.metrics.HttpMetrics;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.watch.WatchPublisher;
import io.mmatracker.schema.WatchRequest;
import io.mmatracker.schema.topic.Keys;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;

/**
 * The API's routes and their handlers. Handlers parse and validate, then delegate: single objects to
 * {@link ObjectLookup}, lists to {@link ListGatherer}, watches to a {@link WatchPublisher}, event streams to
 * {@link EventStreams}. They run on I/O threads; work that may block (scans, producer sends) is dispatched
 * to the worker pool, and answers that arrive from other threads are written back on the I/O thread.
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

    /** Limits of the list endpoints: MMA documents no default page size; 10 is what its examples use. */
    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int MAX_PAGE_NUM = 100_000;
    private static final int MAX_PARTITIONS = 100_000;
    /** ListMmsDataSources' {@code type} values (REFERENCE §3.1). */
    private static final List<String> DATA_SOURCE_TYPES = List.of("HIVE", "BIGQUERY", "MAXCOMPUTE");

    private static final io.undertow.util.HttpString LAST_EVENT_ID = new io.undertow.util.HttpString("Last-Event-ID");

    private final Endpoint self;
    private final ObjectLookup lookup;
    private final ListGatherer lists;
    private final EncodedDataCache cache;
    private final WatchPublisher watches;
    private final EventStreams events;
    private final ReadinessCheck readiness;
    private final HttpMetrics metrics;
    private final Replies replies;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Router<RouteHandler> router = new Router<>();
    private final Dashboard dashboard;
    private RootHandler root;

    public QueryApi(Endpoint self, ObjectLookup lookup, ListGatherer lists, EncodedDataCache cache, WatchPublisher watches,
                    EventStreams events, ReadinessCheck readiness, HttpMetrics metrics, Replies replies, ObjectMapper mapper, Clock clock) {
        this.self = self;
        this.lookup = lookup;
        this.lists = lists;
        this.cache = cache;
        this.watches = watches;
        this.events = events;
        this.readiness = readiness;
        this.metrics = metrics;
        this.replies = replies;
        this.mapper = mapper;
        this.clock = clock;
        this.dashboard = new Dashboard(exchange -> replies.error(exchange, RequestIds.next(), ErrorCode.UNKNOWN_ACTION,
                "no file of the dashboard at this path"));
        String base = "/api/v1/mms/datasources/{sourceId}";
        router.add(LIST_DATA_SOURCES, Methods.GET, "/api/v1/mms/datasources", this::listDataSources)
                .add(GET_DATA_SOURCE, Methods.GET, base, this::getDataSource)
                .add(GET_SCAN, Methods.GET, base + "/scans/{scanId}", call -> getObject(call, SnapshotStore.SCANS, "scans", "scanId"))
                .add(GET_JOB, Methods.GET, base + "/jobs/{jobId}", call -> getObject(call, SnapshotStore.JOBS, "jobs", "jobId"))
                .add(GET_TABLE, Methods.GET, base + "/tables/{tableId}", call -> getObject(call, SnapshotStore.TABLES, "tables", "tableId"))
                .add(GET_ASYNC_TASK, Methods.GET, base + "/asyncTasks/{asyncTaskId}",
                        call -> getObject(call, SnapshotStore.ASYNC_TASKS, "asyncTasks", "asyncTaskId"))
                .add(LIST_JOBS, Methods.GET, base + "/jobs", call -> list(call, SnapshotStore.JOBS))
                .add(LIST_TABLES, Methods.GET, base + "/tables", call -> list(call, SnapshotStore.TABLES))
                .add(GET_TASK, Methods.GET, base + "/tasks/{taskId}", call -> getObject(call, SnapshotStore.TASKS, "tasks", "taskId"))
                .add(LIST_TASKS, Methods.GET, base + "/tasks", this::listTasks)
                .add(GET_TASK_HISTORY, Methods.GET, base + "/tasks/{taskId}/history",
                        call -> getHistory(call, SnapshotStore.TASK_HISTORY, "tasks", "taskId"))
                .add(GET_SUMMARY, Methods.GET, base + "/summary", this::getSummary)
                .add(GET_SCAN_HISTORY, Methods.GET, base + "/scans/{scanId}/history",
                        call -> getHistory(call, SnapshotStore.SCAN_HISTORY, "scans", "scanId"))
                .add(GET_JOB_HISTORY, Methods.GET, base + "/jobs/{jobId}/history",
                        call -> getHistory(call, SnapshotStore.JOB_HISTORY, "jobs", "jobId"))
                .add(GET_TABLE_HISTORY, Methods.GET, base + "/tables/{tableId}/history",
                        call -> getHistory(call, SnapshotStore.TABLE_HISTORY, "tables", "tableId"))
                .add(GET_ASYNC_TASK_HISTORY, Methods.GET, base + "/asyncTasks/{asyncTaskId}/history",
                        call -> getHistory(call, SnapshotStore.ASYNC_TASK_HISTORY, "asyncTasks", "asyncTaskId"))
                .add(WATCH_ASYNC_TASK, Methods.POST, base + "/asyncTasks/{asyncTaskId}/watch", this::watch)
                .add(EVENTS, Methods.GET, "/events", this::events)
                .add(LIVE, Methods.GET, "/health/live", this::live)
                .add(READY, Methods.GET, "/health/ready", this::ready)
                .add(METRICS, Methods.GET, "/metrics", this::metrics)
                .add(DASHBOARD, Methods.GET, "/", call -> dashboard.serve(call.exchange()))
                .add(DASHBOARD, Methods.GET, "/index.html", call -> dashboard.serve(call.exchange()))
                .add(DASHBOARD, Methods.GET, "/assets/{file}", call -> dashboard.serve(call.exchange()));
    }

    /** The routes, for access control in front of them. */
    public Router<RouteHandler> router() {
        return router;
    }

    /** The handler to give the HTTP server. */
    public synchronized RootHandler rootHandler() {
        if (root == null) {
            root = new RootHandler(router, replies, metrics);
        }
        return root;
    }

    // --- single objects -------------------------------------------------------------------------------

    private void getDataSource(Call call) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        boolean withConfig = call.query().bool("withConfig", false);
        call.query().lang();
        String path = "/api/v1/mms/datasources/" + sourceId + (withConfig ? "?withConfig=true" : "");
        serveObject(call, SnapshotStore.DATA_SOURCES, Keys.dataSource(sourceId), withConfig ? View.FULL : View.WITHOUT_CONFIG, path);
    }

    private void getObject(Call call, SnapshotStore store, String segment, String idName) {
        serveObjectOrHistory(call, store, segment, idName, "");
    }

    /** An object's status changes and alerts, newest first: a store of the topology like any other, so served alike. */
    private void getHistory(Call call, SnapshotStore store, String segment, String idName) {
        serveObjectOrHistory(call, store, segment, idName, "/history");
    }

    private void serveObjectOrHistory(Call call, SnapshotStore store, String segment, String idName, String suffix) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        long objectId = Params.id(idName, call.pathParam(idName));
        String path = "/api/v1/mms/datasources/" + sourceId + "/" + segment + "/" + objectId + suffix;
        serveObject(call, store, Keys.object(sourceId, objectId), View.FULL, path);
    }

    private void getSummary(Call call) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        serveObject(call, SnapshotStore.SOURCE_SUMMARIES, Keys.dataSource(sourceId), View.FULL,
                "/api/v1/mms/datasources/" + sourceId + "/summary");
    }

    private void serveObject(Call call, SnapshotStore store, String key, View view, String pathAndQuery) {
        CompletionStage<Answer> answer = lookup.find(store, key, view, pathAndQuery, call.requestId(), call.isForwarded());
        whenDone(call, answer, a -> render(call, store, key, a));
    }

    private void render(Call call, SnapshotStore store, String key, Answer answer) {
        HttpServerExchange exchange = call.exchange();
        if (answer instanceof Answer.Found found) {
            freshness(exchange, found.servedBy(), found.stale());
            exchange.getResponseHeaders().put(MmaHeaders.OBSERVED_AT, found.encoded().observedAt().toString());
            replies.data(exchange, 200, call.requestId(), found.encoded().data());
        } else if (answer instanceof Answer.Missing missing) {
            freshness(exchange, missing.servedBy(), false);
            replies.error(exchange, call.requestId(), ErrorCode.OBJECT_NOT_FOUND,
                    store.objectName() + " " + key + " is not in the tracker's state");
        } else if (answer instanceof Answer.Relayed relayed) {
            relayed.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new io.undertow.util.HttpString(name), value));
            exchange.setStatusCode(relayed.status());
            exchange.getResponseSender().send(ByteBuffer.wrap(relayed.body()));
        } else {
            replies.error(exchange, call.requestId(), ErrorCode.SERVICE_UNAVAILABLE,
                    "no copy of " + store.objectName() + " " + key + " can answer now (" + ((Answer.Unavailable) answer).reason() + ")");
        }
    }

    private static void freshness(HttpServerExchange exchange, Endpoint servedBy, boolean stale) {
        exchange.getResponseHeaders().put(MmaHeaders.SERVED_BY, servedBy.toString());
        exchange.getResponseHeaders().put(MmaHeaders.STALE, Boolean.toString(stale));
    }

    // --- lists -------------------------------------------------------------------------------------------

    private void list(Call call, SnapshotStore store) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        Params q = call.query();
        ListQuery query = new ListQuery(store, sourceId, q.statuses("status"), q.intInRange("pageNum", 1, 1, MAX_PAGE_NUM),
                q.intInRange("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
        serveList(call, query);
    }

    /** ListMmsTasks' filters the list index cannot answer yet: refused rather than ignored (query README). */
    private static final List<String> TASK_FILTERS_NOT_SERVED = List.of("jobId", "jobName", "srcDbName", "srcTableName",
            "dstDbName", "dstTableName", "partition");

    private void listTasks(Call call) {
        for (String name : call.exchange().getQueryParameters().keySet()) {
            if (TASK_FILTERS_NOT_SERVED.contains(name) || name.startsWith("sorter")) {
                throw ApiError.invalid("ListMmsTasks: the tracker does not filter or sort tasks by " + name
                        + " yet; it serves status, pageNum and pageSize");
            }
        }
        list(call, SnapshotStore.TASKS);
    }

    /** ListMmsDataSources: without {@code pageNum} and {@code pageSize} every match, as MMA documents (§3.1). */
    private void listDataSources(Call call) {
        Params q = call.query();
        boolean paged = q.single("pageNum").isPresent() || q.single("pageSize").isPresent();
        ListQuery.DataSourceFilter filter = new ListQuery.DataSourceFilter(q.single("name").filter(n -> !n.isEmpty()),
                q.single("type").filter(t -> !t.isEmpty()).map(QueryApi::dataSourceType), q.single("region").filter(r -> !r.isEmpty()),
                Caller.readableSources(call.exchange(), AccessRules.LIST_DATA_SOURCES));
        serveList(call, ListQuery.dataSources(filter, paged ? q.intInRange("pageNum", 1, 1, MAX_PAGE_NUM) : 1,
                paged ? q.intInRange("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE) : ListQuery.ALL));
    }

    private static String dataSourceType(String type) {
        if (!DATA_SOURCE_TYPES.contains(type)) {
            throw ApiError.invalid("type must be one of " + String.join(", ", DATA_SOURCE_TYPES));
        }
        return type;
    }

    /** A share of the partitions for another instance (its {@code X-MMA-Partitions}), or the whole list gathered. */
    private void serveList(Call call, ListQuery query) {
        String partitionsHeader = call.exchange().getRequestHeaders().getFirst(MmaHeaders.PARTITIONS);
        if (partitionsHeader != null) {
            Set<Integer> partitions = partitions(partitionsHeader);
            boolean allowStale = "true".equalsIgnoreCase(call.exchange().getRequestHeaders().getFirst(MmaHeaders.ALLOW_STALE));
            dispatch(call, () -> {
                ListPage page = lists.local(query, partitions, allowStale);
                renderList(call, page, 1, query.limit(), query.limit());
            });
            return;
        }
        dispatch(call, () -> {
            CompletionStage<ListPage> page = lists.gather(query, call.requestId());
            whenDone(call, page, p -> renderList(call, p, query.pageNum(), query.pageSize(), echoedPageSize(query, p)));
        });
    }

    private static Set<Integer> partitions(String header) {
        Set<Integer> out = new TreeSet<>();
        if (header.length() > 800_000) {
            throw ApiError.invalid(MmaHeaders.PARTITIONS + " is too long");
        }
        for (String part : header.split(",", -1)) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            long p = Params.id(MmaHeaders.PARTITIONS.toString(), s);
            if (p > MAX_PARTITIONS) {
                throw ApiError.invalid(MmaHeaders.PARTITIONS + " names a partition above " + MAX_PARTITIONS);
            }
            out.add((int) p);
        }
        return out;
    }

    /** The page size asked for; a list without paging echoes how many it holds, as MMA's example and the simulator. */
    private static int echoedPageSize(ListQuery query, ListPage page) {
        return !query.isPaged() && page instanceof ListPage.Page all ? (int) Math.min(Integer.MAX_VALUE, all.total())
                : query.pageSize();
    }

    /** Writes MMA's list shape with the page of {@code page}'s items that {@code pageNum}/{@code pageSize} selects. */
    private void renderList(Call call, ListPage result, int pageNum, int pageSize, int echoedPageSize) {
        HttpServerExchange exchange = call.exchange();
        if (result instanceof ListPage.Unavailable unavailable) {
            replies.error(exchange, call.requestId(), ErrorCode.SERVICE_UNAVAILABLE, "the list cannot be gathered now (" + unavailable.reason() + ")");
            return;
        }
        ListPage.Page page = (ListPage.Page) result;
        int from = (int) Math.min(page.items().size(), Math.max(0, (long) (pageNum - 1) * pageSize - page.offset()));
        int to = (int) Math.min(page.items().size(), (long) from + pageSize);
        ByteArrayOutputStream data = new ByteArrayOutputStream(256 + 512 * (to - from));
        data.writeBytes(("{\"total\":" + page.total() + ",\"pageNum\":" + pageNum + ",\"pageSize\":" + echoedPageSize + ",\"objectList\":[")
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = from; i < to; i++) {
            if (i > from) {
                data.write(',');
            }
            data.writeBytes(page.items().get(i).data());
        }
        data.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        exchange.getResponseHeaders().put(MmaHeaders.SERVED_BY,
                page.servedBy().stream().map(Endpoint::toString).sorted().collect(Collectors.joining(",")));
        exchange.getResponseHeaders().put(MmaHeaders.STALE, Boolean.toString(page.stale()));
        replies.data(exchange, 200, call.requestId(), data.toByteArray());
    }

    // --- watch, events, health, metrics ---------------------------------------------------------------

    private void watch(Call call) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        long asyncTaskId = Params.id("asyncTaskId", call.pathParam("asyncTaskId"));
        String reason = call.query().single("reason").map(r -> r.length() > 200 ? r.substring(0, 200) : r).orElse(null);
        WatchRequest request = WatchRequest.newBuilder()
                .setSourceId(sourceId)
                .setAsyncTaskId(asyncTaskId)
                .setRequestedAt(clock.instant())
                .setRequestedBy("http:" + peer(call.exchange()))
                .setReason(reason)
                .build();
        dispatch(call, () -> whenDone(call, watches.publish(request).handle((ok, failure) -> failure), failure -> {
            if (failure != null) {
                replies.error(call.exchange(), call.requestId(), ErrorCode.SERVICE_UNAVAILABLE,
                        "the watch request could not be stored now; retry later");
                return;
            }
            ObjectNode data = mapper.createObjectNode();
            data.put("sourceId", sourceId);
            data.put("asyncTaskId", asyncTaskId);
            data.put("key", Keys.object(sourceId, asyncTaskId));
            replies.data(call.exchange(), 202, call.requestId(), data.toString().getBytes(StandardCharsets.UTF_8));
        }));
    }

    private static String peer(HttpServerExchange exchange) {
        var address = exchange.getSourceAddress();
        return address == null ? "unknown" : address.getHostString();
    }

    private void events(Call call) throws Exception {
        Params q = call.query();
        Optional<Long> source = q.optionalId("source");
        Optional<Long> job = q.optionalId("job");
        List<String> types = q.subset("types", List.of(EventFilter.CHANGES, EventFilter.ALERTS));
        String lastEventId = call.exchange().getRequestHeaders().getFirst(LAST_EVENT_ID);
        if (lastEventId == null) {
            lastEventId = q.single("lastEventId").orElse(null);
        }
        Optional<EventId> resume = Optional.empty();
        int replay = q.intInRange("replay", 0, 0, events.maxReplay());
        if (lastEventId != null && !lastEventId.isEmpty()) {
            resume = EventId.parse(lastEventId);
            if (resume.isEmpty()) {
                throw ApiError.invalid("Last-Event-ID must be topic/partition/offset as sent in an event id");
            }
        }
        if (Methods.HEAD.equals(call.exchange().getRequestMethod())) {
            call.exchange().getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream; charset=UTF-8");
            call.exchange().endExchange();
            return;
        }
        events.open(call.exchange(), new EventFilter(source, job, Set.copyOf(types),
                Caller.readableSources(call.exchange(), AccessRules.EVENTS)), resume, replay);
    }

    private void live(Call call) {
        sendJson(call.exchange(), 200, "{\"status\":\"UP\",\"instance\":\"" + self + "\"}");
    }

    private void ready(Call call) {
        Health health = readiness.check();
        ObjectNode body = mapper.createObjectNode();
        body.put("status", health.isUp() ? "UP" : "DOWN");
        body.put("instance", self.toString());
        health.details().forEach(body::put);
        if (!health.isUp()) {
            call.exchange().getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(Math.max(1, replies.retryAfter().toSeconds())));
        }
        sendJson(call.exchange(), health.isUp() ? 200 : 503, body.toString());
    }

    private void metrics(Call call) {
        call.exchange().setStatusCode(200);
        call.exchange().getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        call.exchange().getResponseSender().send(metrics.render());
    }

    private static void sendJson(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(body);
    }

    // --- threading -----------------------------------------------------------------------------------

    /**
     * Renders the stage's result: at once when it is already complete (the local fast path: no dispatch),
     * else later on the exchange's I/O thread.
     */
    private <T> void whenDone(Call call, CompletionStage<T> stage, Consumer<T> render) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        HttpServerExchange exchange = call.exchange();
        if (future.isDone() && exchange.getIoThread() == Thread.currentThread()) {
            finish(call, future, render);
            return;
        }
        Runnable wait = () -> future.whenComplete((value, failure) -> exchange.getIoThread().execute(() -> finish(call, future, render)));
        // Inside the handler call this defers until the call returns; outside it runs at once.
        exchange.dispatch(SameThreadExecutor.INSTANCE, wait);
    }

    private <T> void finish(Call call, CompletableFuture<T> future, Consumer<T> render) {
        try {
            render.accept(future.join());
        } catch (Throwable t) {
            rootHandler().fail(call.exchange(), call.requestId(), call.route(), t instanceof java.util.concurrent.CompletionException
                    && t.getCause() != null ? t.getCause() : t);
        }
    }

    /** Runs blocking or heavy work on the worker pool, keeping the error contract. */
    private void dispatch(Call call, Runnable work) {
        call.exchange().dispatch(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                rootHandler().fail(call.exchange(), call.requestId(), call.route(), t);
            }
        });
    }

    /** The routes' names (for tests and documentation). */
    public Collection<String> routeNames() {
        return router.routes().stream().map(Router.Route::name).toList();
    }
}

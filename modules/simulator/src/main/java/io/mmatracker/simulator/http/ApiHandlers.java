package io.mmatracker.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.client.MmsOperation;
import io.mmatracker.simulator.fleet.CreateJobRequest;
import io.mmatracker.simulator.fleet.Filters.JobFilter;
import io.mmatracker.simulator.fleet.Filters.SourceFilter;
import io.mmatracker.simulator.fleet.Filters.TableFilter;
import io.mmatracker.simulator.fleet.Filters.TaskFilter;
import io.mmatracker.simulator.fleet.Fleet;
import io.mmatracker.simulator.fleet.JobStatus;
import io.mmatracker.simulator.fleet.Slice;
import io.mmatracker.simulator.fleet.SourceType;
import io.mmatracker.simulator.fleet.SourceView;
import io.mmatracker.simulator.fleet.TableStatus;
import io.mmatracker.simulator.fleet.TaskStatus;
import io.mmatracker.simulator.http.ApiRouter.Route;
import io.mmatracker.simulator.http.QueryParams.Paging;
import io.mmatracker.openapi.ApiError;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs one MMA operation against the fleet and renders its answer. */
public final class ApiHandlers {

    /** A rendered answer: HTTP status, JSON body and extra response headers. */
    public record Reply(int status, byte[] body, Map<String, String> headers) {
        public Reply {
            headers = Map.copyOf(headers);
        }
    }

    /** Response header naming the STOP_JOB async task a StopMmsJob started (MMA's answer is only the job id). */
    public static final String ASYNC_TASK_HEADER = "x-sim-async-task-id";

    /** Above this many tables, operations that count or scan tables run on a worker thread, not an IO thread. */
    private static final long HEAVY_TABLES = 20_000;

    private static final Set<String> TABLE_STATUSES = names(TableStatus.values());
    private static final Set<String> JOB_STATUSES = names(JobStatus.values());
    private static final Set<String> TASK_STATUSES = names(TaskStatus.values());
    private static final Set<String> SOURCE_TYPES = names(SourceType.values());
    /** The sorters MMA documents for ListMmsTasks (REFERENCE §3.6). */
    private static final Set<String> TASK_SORTERS = Set.of("status", "startTime");

    private final Fleet fleet;
    private final ObjectMapper mapper;
    private final MmsJsonWriter json;
    private final RequestBodies bodies;

    public ApiHandlers(Fleet fleet, ObjectMapper mapper, MmsJsonWriter json) {
        this.fleet = fleet;
        this.mapper = mapper;
        this.json = json;
        this.bodies = new RequestBodies(mapper);
    }

    /** Whether the operation may look at many tables and so should not run on an IO thread. */
    public boolean isHeavy(Route route) {
        return switch (route.operation()) {
            case GET_MMS_TABLE, GET_MMS_TASK, LIST_MMS_TASK_LOGS, GET_MMS_FETCH_METADATA_JOB, GET_MMS_ASYNC_TASK,
                START_MMS_JOB, RETRY_MMS_JOB, DELETE_MMS_JOB -> false;
            case LIST_MMS_DATA_SOURCES -> fleet.totalTables() > HEAVY_TABLES;
            default -> fleet.tableCount(route.id("sourceId")) > HEAVY_TABLES;
        };
    }

    public Reply handle(Route route, QueryParams q, byte[] body, String requestId) {
        MmsOperation op = route.operation();
        return switch (op) {
            case LIST_MMS_DATA_SOURCES -> {
                SourceFilter f = new SourceFilter(q.filter("name"), q.oneOf("type", SOURCE_TYPES),
                    q.filter("region"));
                // MMA: without paging, all data sources
                boolean all = q.text("pageNum") == null && q.text("pageSize") == null;
                Paging p = q.paging(QueryParams.DEFAULT_PAGE_SIZE);
                Slice<SourceView> page = fleet.listSources(f, all ? 0 : p.offset(), all ? Integer.MAX_VALUE
                    : p.pageSize(), false, false);
                long size = all ? page.total() : p.pageSize();
                yield ok(requestId, MmsJsonWriter.page(page, p.pageNum(), size, MmsJsonWriter::source));
            }
            case GET_MMS_DATA_SOURCE -> {
                Boolean withConfig = q.bool("withConfig");
                String lang = q.filter("lang");
                boolean english = lang != null && !lang.toLowerCase().startsWith("zh");
                SourceView v = fleet.source(route.id("sourceId"), withConfig != null && withConfig, english);
                yield ok(requestId, g -> MmsJsonWriter.source(g, v));
            }
            case CREATE_MMS_FETCH_METADATA_JOB -> {
                ObjectNode b = bodies.object(body);
                long scanId = fleet.createScan(route.id("sourceId"), RequestBodies.text(b, "dbName"), RequestBodies.strings(b, "tableNames"));
                yield ok(requestId, g -> {
                    g.writeStartObject();
                    g.writeNumberField("scanId", scanId);
                    g.writeEndObject();
                });
            }
            case GET_MMS_FETCH_METADATA_JOB -> {
                var v = fleet.scan(route.id("sourceId"), route.id("scanId"));
                yield ok(requestId, g -> MmsJsonWriter.scan(g, v));
            }
            case LIST_MMS_TABLES -> {
                TableFilter f = new TableFilter(q.longValue("dbId"), q.filter("dbName"), q.filter("name"),
                    q.filter("type"), q.bool("hasPartitions"), q.list("status", TABLE_STATUSES, mapper),
                    q.timestamp("lastDdlTimeStart"), q.timestamp("lastDdlTimeEnd"), q.filter("dstProjectName"),
                    q.filter("dstSchemaName"), q.filter("dstName"));
                q.bool("onlyName");
                Paging p = q.paging(QueryParams.DEFAULT_PAGE_SIZE);
                var page = fleet.listTables(route.id("sourceId"), f, p.offset(), p.pageSize());
                yield ok(requestId, MmsJsonWriter.page(page, p.pageNum(), p.pageSize(), MmsJsonWriter::table));
            }
            case GET_MMS_TABLE -> {
                var v = fleet.table(route.id("sourceId"), route.id("tableId"));
                yield ok(requestId, g -> MmsJsonWriter.table(g, v));
            }
            case LIST_MMS_JOBS -> {
                JobFilter f = new JobFilter(q.filter("name"), q.filter("srcDbName"), q.filter("srcTableName"),
                    q.filter("dstDbName"), q.filter("dstTableName"), q.oneOf("status", JOB_STATUSES),
                    q.flag("stopped"));
                q.longValue("timerId");
                Paging p = q.paging(QueryParams.DEFAULT_PAGE_SIZE);
                var page = fleet.listJobs(route.id("sourceId"), f, p.offset(), p.pageSize());
                yield ok(requestId, MmsJsonWriter.page(page, p.pageNum(), p.pageSize(), MmsJsonWriter::job));
            }
            case CREATE_MMS_JOB -> {
                long asyncTaskId = fleet.createJob(route.id("sourceId"), createJobRequest(bodies.object(body)));
                yield ok(requestId, g -> {
                    g.writeStartObject();
                    g.writeNumberField("asyncTaskId", asyncTaskId);
                    g.writeEndObject();
                });
            }
            case GET_MMS_JOB -> {
                var v = fleet.job(route.id("sourceId"), route.id("jobId"));
                yield ok(requestId, g -> MmsJsonWriter.job(g, v));
            }
            case DELETE_MMS_JOB -> number(requestId, fleet.deleteJob(route.id("sourceId"), route.id("jobId")));
            case START_MMS_JOB -> number(requestId, fleet.startJob(route.id("sourceId"), route.id("jobId")));
            case RETRY_MMS_JOB -> number(requestId, fleet.retryJob(route.id("sourceId"), route.id("jobId")));
            case STOP_MMS_JOB -> {
                Fleet.StopOutcome stop = fleet.stopJob(route.id("sourceId"), route.id("jobId"));
                yield new Reply(200, json.success(requestId, g -> g.writeNumber(stop.jobId())),
                    Map.of(ASYNC_TASK_HEADER, Long.toString(stop.asyncTaskId())));
            }
            case LIST_MMS_TASKS -> {
                TaskFilter f = new TaskFilter(q.longValue("jobId"), q.filter("jobName"), q.filter("srcDbName"),
                    q.filter("srcTableName"), q.filter("dstDbName"), q.filter("dstTableName"),
                    q.oneOf("status", TASK_STATUSES), q.sorters(TASK_SORTERS, mapper));
                Paging p = q.paging(QueryParams.DEFAULT_PAGE_SIZE);
                var page = fleet.listTasks(route.id("sourceId"), f, p.offset(), p.pageSize());
                yield ok(requestId, MmsJsonWriter.page(page, p.pageNum(), p.pageSize(), MmsJsonWriter::task));
            }
            case GET_MMS_TASK -> {
                var v = fleet.task(route.id("sourceId"), route.id("taskId"));
                yield ok(requestId, g -> MmsJsonWriter.task(g, v));
            }
            case LIST_MMS_TASK_LOGS -> {
                var logs = fleet.taskLogs(route.id("sourceId"), route.id("taskId"));
                yield ok(requestId, MmsJsonWriter.list(logs, MmsJsonWriter::taskLog));
            }
            case GET_MMS_ASYNC_TASK -> {
                var v = fleet.asyncTask(route.id("sourceId"), route.id("asyncTaskId"));
                yield ok(requestId, g -> MmsJsonWriter.asyncTask(g, v));
            }
            default -> throw ApiError.unknownAction(op.action() + " is not simulated.").toException();
        };
    }

    private Reply ok(String requestId, MmsJsonWriter.Body data) {
        return new Reply(200, json.success(requestId, data), Map.of());
    }

    private Reply number(String requestId, long value) {
        return ok(requestId, g -> g.writeNumber(value));
    }

    private CreateJobRequest createJobRequest(ObjectNode b) {
        JsonNode others = b.get("others");
        if (others != null && !others.isNull() && !others.isObject()) {
            throw RequestBodies.wrongType("others", "a JSON object");
        }
        return new CreateJobRequest(RequestBodies.text(b, "name"), RequestBodies.text(b, "srcDbName"), RequestBodies.text(b, "srcSchemaName"),
            RequestBodies.text(b, "dstDbName"), RequestBodies.text(b, "dstSchemaName"), RequestBodies.text(b, "taskType"), RequestBodies.strings(b, "tables"),
            RequestBodies.longs(b, "partitions"), RequestBodies.strings(b, "tableWhiteList"), RequestBodies.strings(b, "tableBlackList"),
            RequestBodies.stringMap(b, "partitionFilters"), RequestBodies.stringMap(b, "tableMapping"), RequestBodies.stringMap(b, "columnMapping"),
            RequestBodies.bool(b, "schemaOnly"), RequestBodies.bool(b, "increment"), RequestBodies.bool(b, "enableVerification"), RequestBodies.text(b, "eta"),
            others == null || others.isNull() ? null : others);
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

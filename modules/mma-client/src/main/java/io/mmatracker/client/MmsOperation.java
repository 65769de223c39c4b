package io.mmatracker.client;

import io.mmatracker.signature.Rfc3986;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every MMA ("MMS") operation of the MaxCompute OpenAPI 2022-01-04 (REFERENCE §1): action name
 * ({@code x-acs-action}), HTTP method, path template (ROA style) and whether mma-tracker reads it. The one
 * catalog of the project: the client calls from it and the simulator routes by it. SDK quirks are kept as the SDK
 * has them (DeleteMmsJob is a POST).
 */
public enum MmsOperation {
    LIST_MMS_DATA_SOURCES("ListMmsDataSources", "GET", "datasources", true),
    GET_MMS_DATA_SOURCE("GetMmsDataSource", "GET", "datasources/{sourceId}", true),
    CREATE_MMS_DATA_SOURCE("CreateMmsDataSource", "POST", "datasources", false),
    UPDATE_MMS_DATA_SOURCE("UpdateMmsDataSource", "PUT", "datasources/{sourceId}", false),
    DELETE_MMS_DATA_SOURCE("DeleteMmsDataSource", "DELETE", "datasources/{sourceId}", false),
    LIST_MMS_DATA_SOURCE_CONFIG_ITEMS("ListMmsDataSourceConfigItems", "GET", "configItems", false),
    CREATE_MMS_FETCH_METADATA_JOB("CreateMmsFetchMetadataJob", "POST", "datasources/{sourceId}/scans", false),
    GET_MMS_FETCH_METADATA_JOB("GetMmsFetchMetadataJob", "GET", "datasources/{sourceId}/scans/{scanId}", true),
    LIST_MMS_DBS("ListMmsDbs", "GET", "datasources/{sourceId}/dbs", false),
    GET_MMS_DB("GetMmsDb", "GET", "datasources/{sourceId}/dbs/{dbId}", false),
    LIST_MMS_TABLES("ListMmsTables", "GET", "datasources/{sourceId}/tables", true),
    GET_MMS_TABLE("GetMmsTable", "GET", "datasources/{sourceId}/tables/{tableId}", true),
    LIST_MMS_PARTITIONS("ListMmsPartitions", "GET", "datasources/{sourceId}/partitions", false),
    GET_MMS_PARTITION("GetMmsPartition", "GET", "datasources/{sourceId}/partitions/{partitionId}", false),
    CREATE_MMS_JOB("CreateMmsJob", "POST", "datasources/{sourceId}/jobs", false),
    LIST_MMS_JOBS("ListMmsJobs", "GET", "datasources/{sourceId}/jobs", true),
    GET_MMS_JOB("GetMmsJob", "GET", "datasources/{sourceId}/jobs/{jobId}", true),
    START_MMS_JOB("StartMmsJob", "POST", "datasources/{sourceId}/jobs/{jobId}/start", false),
    STOP_MMS_JOB("StopMmsJob", "POST", "datasources/{sourceId}/jobs/{jobId}/stop", false),
    RETRY_MMS_JOB("RetryMmsJob", "POST", "datasources/{sourceId}/jobs/{jobId}/retry", false),
    /** MMA deletes a job with a POST, not a DELETE (REFERENCE §1 #21). */
    DELETE_MMS_JOB("DeleteMmsJob", "POST", "datasources/{sourceId}/jobs/{jobId}", false),
    LIST_MMS_TASKS("ListMmsTasks", "GET", "datasources/{sourceId}/tasks", true),
    GET_MMS_TASK("GetMmsTask", "GET", "datasources/{sourceId}/tasks/{taskId}", true),
    /** Answers a plain array in {@code data}, without the paging wrapper of the other lists (REFERENCE §2). */
    LIST_MMS_TASK_LOGS("ListMmsTaskLogs", "GET", "datasources/{sourceId}/tasks/{taskId}/logs", true),
    RETRY_MMS_TASK("RetryMmsTask", "POST", "datasources/{sourceId}/tasks/{taskId}/retry", false),
    GET_MMS_ASYNC_TASK("GetMmsAsyncTask", "GET", "datasources/{sourceId}/asyncTasks/{asyncTaskId}", true),
    CREATE_MMS_TIMER("CreateMmsTimer", "POST", "datasources/{sourceId}/timers", false),
    GET_MMS_TIMER("GetMmsTimer", "GET", "datasources/{sourceId}/timers/{timerId}", false),
    DELETE_MMS_TIMER("DeleteMmsTimer", "DELETE", "datasources/{sourceId}/timers/{timerId}", false),
    LIST_MMS_TIMER_LOGS("ListMmsTimerLogs", "GET", "datasources/{sourceId}/timers/{timerId}/logs", false),
    LIST_MMS_TIMERS("ListMmsTimers", "GET", "datasources/{sourceId}/timers", false),
    UPDATE_MMS_TIMER("UpdateMmsTimer", "PUT", "datasources/{sourceId}/timers/{timerId}", false),
    TRIGGER_MMS_TIMER("TriggerMmsTimer", "POST", "datasources/{sourceId}/timers/{timerId}/trigger", false);

    /** Where every MMS operation lives. */
    public static final String PATH_PREFIX = "/api/v1/mms/";

    /** The API version every MMS operation belongs to ({@code x-acs-version}). */
    public static final String API_VERSION = "2022-01-04";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-zA-Z]+}");

    private final String action;
    private final String method;
    private final String pathTemplate;
    private final List<String> pathSegments;
    private final boolean trackerReads;

    MmsOperation(String action, String method, String relativePath, boolean trackerReads) {
        this.action = action;
        this.method = method;
        this.pathTemplate = PATH_PREFIX + relativePath;
        this.pathSegments = List.of(relativePath.split("/"));
        this.trackerReads = trackerReads;
    }

    /** The action name, e.g. {@code GetMmsJob}. */
    public String action() {
        return action;
    }

    /** {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}. */
    public String method() {
        return method;
    }

    /** Whether the operation changes state (everything but a GET; its body, if any, is JSON). */
    public boolean isWrite() {
        return !method.equals("GET");
    }

    /**
     * Whether mma-tracker reads this operation: the poller calls it and the query serves its answer from the
     * tracker's state. Everything else is a write or a read the tracker has no use for.
     */
    public boolean isTrackerRead() {
        return trackerReads;
    }

    /** The path with {@code {placeholders}}, e.g. {@code /api/v1/mms/datasources/{sourceId}/jobs/{jobId}}. */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * The path's segments after {@link #PATH_PREFIX}, e.g. {@code [datasources, {sourceId}, jobs, {jobId}]}; a
     * segment in braces is an id.
     */
    public List<String> pathSegments() {
        return pathSegments;
    }

    /** The operation with this action name ({@code x-acs-action}), or empty. */
    public static Optional<MmsOperation> byAction(String action) {
        for (MmsOperation op : values()) {
            if (op.action.equals(action)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /**
     * The path with each placeholder replaced, in order, by the RFC 3986-encoded id (a {@code /} in an id becomes
     * {@code %2F}, so an id can never climb out of its segment).
     *
     * @throws IllegalArgumentException when the number of ids is wrong or an id is blank
     */
    public String path(String... ids) {
        Matcher matcher = PLACEHOLDER.matcher(pathTemplate);
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (matcher.find()) {
            if (index >= ids.length) {
                throw new IllegalArgumentException(action + " needs " + matcher.group() + " but only "
                        + ids.length + " id(s) were given");
            }
            String id = Objects.requireNonNull(ids[index], () -> action + ": " + matcher.group() + " is null");
            if (id.isBlank()) {
                throw new IllegalArgumentException(action + ": " + matcher.group() + " is blank");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(Rfc3986.encode(id)));
            index++;
        }
        if (index != ids.length) {
            throw new IllegalArgumentException(action + " takes " + index + " id(s), got " + ids.length);
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return action;
    }
}

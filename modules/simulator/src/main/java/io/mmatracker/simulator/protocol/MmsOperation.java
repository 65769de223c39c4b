package io.mmatracker.simulator.protocol;

import java.util.List;

/**
 * MMA's operations by method and path (REFERENCE §1), relative to {@code /api/v1/mms/}. Operations that exist
 * in MMA but are not simulated are listed too, so that they get a clear "not simulated" answer instead of
 * looking like a typo.
 */
public enum MmsOperation {
    LIST_DATA_SOURCES("ListMmsDataSources", "GET", "datasources", true),
    GET_DATA_SOURCE("GetMmsDataSource", "GET", "datasources/{sourceId}", true),
    CREATE_FETCH_METADATA_JOB("CreateMmsFetchMetadataJob", "POST", "datasources/{sourceId}/scans", true),
    GET_FETCH_METADATA_JOB("GetMmsFetchMetadataJob", "GET", "datasources/{sourceId}/scans/{scanId}", true),
    LIST_TABLES("ListMmsTables", "GET", "datasources/{sourceId}/tables", true),
    GET_TABLE("GetMmsTable", "GET", "datasources/{sourceId}/tables/{tableId}", true),
    LIST_JOBS("ListMmsJobs", "GET", "datasources/{sourceId}/jobs", true),
    CREATE_JOB("CreateMmsJob", "POST", "datasources/{sourceId}/jobs", true),
    GET_JOB("GetMmsJob", "GET", "datasources/{sourceId}/jobs/{jobId}", true),
    DELETE_JOB("DeleteMmsJob", "POST", "datasources/{sourceId}/jobs/{jobId}", true),
    START_JOB("StartMmsJob", "POST", "datasources/{sourceId}/jobs/{jobId}/start", true),
    STOP_JOB("StopMmsJob", "POST", "datasources/{sourceId}/jobs/{jobId}/stop", true),
    RETRY_JOB("RetryMmsJob", "POST", "datasources/{sourceId}/jobs/{jobId}/retry", true),
    LIST_TASKS("ListMmsTasks", "GET", "datasources/{sourceId}/tasks", true),
    GET_TASK("GetMmsTask", "GET", "datasources/{sourceId}/tasks/{taskId}", true),
    GET_ASYNC_TASK("GetMmsAsyncTask", "GET", "datasources/{sourceId}/asyncTasks/{asyncTaskId}", true),

    CREATE_DATA_SOURCE("CreateMmsDataSource", "POST", "datasources", false),
    UPDATE_DATA_SOURCE("UpdateMmsDataSource", "PUT", "datasources/{sourceId}", false),
    DELETE_DATA_SOURCE("DeleteMmsDataSource", "DELETE", "datasources/{sourceId}", false),
    LIST_CONFIG_ITEMS("ListMmsDataSourceConfigItems", "GET", "configItems", false),
    LIST_DBS("ListMmsDbs", "GET", "datasources/{sourceId}/dbs", false),
    GET_DB("GetMmsDb", "GET", "datasources/{sourceId}/dbs/{dbId}", false),
    LIST_PARTITIONS("ListMmsPartitions", "GET", "datasources/{sourceId}/partitions", false),
    GET_PARTITION("GetMmsPartition", "GET", "datasources/{sourceId}/partitions/{partitionId}", false),
    LIST_TASK_LOGS("ListMmsTaskLogs", "GET", "datasources/{sourceId}/tasks/{taskId}/logs", false),
    RETRY_TASK("RetryMmsTask", "POST", "datasources/{sourceId}/tasks/{taskId}/retry", false),
    CREATE_TIMER("CreateMmsTimer", "POST", "datasources/{sourceId}/timers", false),
    LIST_TIMERS("ListMmsTimers", "GET", "datasources/{sourceId}/timers", false),
    GET_TIMER("GetMmsTimer", "GET", "datasources/{sourceId}/timers/{timerId}", false),
    UPDATE_TIMER("UpdateMmsTimer", "PUT", "datasources/{sourceId}/timers/{timerId}", false),
    DELETE_TIMER("DeleteMmsTimer", "DELETE", "datasources/{sourceId}/timers/{timerId}", false),
    LIST_TIMER_LOGS("ListMmsTimerLogs", "GET", "datasources/{sourceId}/timers/{timerId}/logs", false),
    TRIGGER_TIMER("TriggerMmsTimer", "POST", "datasources/{sourceId}/timers/{timerId}/trigger", false);

    /** Where MMA's operations live. */
    public static final String PREFIX = "/api/v1/mms/";

    private final String action;
    private final String method;
    private final List<String> template;
    private final boolean simulated;

    MmsOperation(String action, String method, String template, boolean simulated) {
        this.action = action;
        this.method = method;
        this.template = List.of(template.split("/"));
        this.simulated = simulated;
    }

    /** MMA's operation name, e.g. {@code ListMmsJobs} (also the {@code x-acs-action} header value). */
    public String action() {
        return action;
    }

    public String method() {
        return method;
    }

    /** Path segments after {@link #PREFIX}; a segment in braces is a numeric id parameter. */
    public List<String> template() {
        return template;
    }

    public boolean isSimulated() {
        return simulated;
    }

    /** Whether the operation changes state and takes a JSON body. */
    public boolean isWrite() {
        return !method.equals("GET");
    }

    /** The operation with this action name, or null. */
    public static MmsOperation byAction(String action) {
        for (MmsOperation op : values()) {
            if (op.action.equals(action)) {
                return op;
            }
        }
        return null;
    }
}

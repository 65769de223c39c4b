package io.mmatracker.simulator.protocol;

import java.util.List;

/**
 * The kinds of MMA object the simulator serves, with the path segment that names them under a data source and
 * the exact field names of their JSON, in MMA's order (the documented examples plus the SDK's
 * {@code scanStatus}/{@code scanErrMsg} of data sources and the task fields of REFERENCE §3.6).
 */
public enum MmsKind {
    DATA_SOURCE("datasources", "data source", "NotFound.DataSource", List.of(
        "id", "region", "name", "dstProject", "dstProjects", "type", "networklink", "lastUpdateTime", "dbNum",
        "tableNum", "partitionNum", "createTime", "status", "errMsg", "config", "agentIsOnline", "tablesDoingNum",
        "tablesDoneNum", "tablesPartDoneNum", "tablesFailedNum", "partitionsDoingNum", "partitionsDoneNum",
        "partitionsFailedNum", "scanId", "scanStatus", "scanErrMsg")),
    SCAN("scans", "metadata scan", "NotFound.FetchMetadataJob", List.of(
        "id", "sourceId", "status", "progress", "result", "errorMsg", "startTime", "endTime")),
    JOB("jobs", "job", "NotFound.Job", List.of(
        "id", "name", "sourceId", "dbId", "sourceName", "srcDbName", "srcSchemaName", "dstDbName", "dstSchemaName",
        "status", "type", "taskNum", "stopped", "createTime", "taskDone", "config", "eta")),
    TABLE("tables", "table", "NotFound.Table", List.of(
        "id", "dbId", "dbName", "name", "dstProjectName", "dstSchemaName", "dstName", "type", "hasPartitions",
        "schema", "owner", "location", "inputFormat", "outputFormat", "serde", "extra", "partitions",
        "partitionsDoing", "partitionsDone", "partitionsFailed", "sourceId", "sourceName", "size", "numRows",
        "updated", "lastDdlTime", "status")),
    TASK("tasks", "task", "NotFound.Task", List.of(
        "id", "jobId", "jobName", "sourceId", "sourceName", "dbId", "tableId", "srcDbName", "srcSchemaName",
        "srcTableName", "dstDbName", "dstSchemaName", "dstTableName", "type", "status", "running", "stopped",
        "retriedTimes", "createTime", "startTime", "endTime")),
    ASYNC_TASK("asyncTasks", "async task", "NotFound.AsyncTask", List.of(
        "id", "sourceId", "type", "objectId", "status", "running", "progress", "result", "errorMsg", "startTime",
        "endTime", "createTime"));

    private final String pathSegment;
    private final String label;
    private final String notFoundCode;
    private final List<String> fields;

    MmsKind(String pathSegment, String label, String notFoundCode, List<String> fields) {
        this.pathSegment = pathSegment;
        this.label = label;
        this.notFoundCode = notFoundCode;
        this.fields = fields;
    }

    /** The segment naming this kind in MMA's paths ({@code jobs}, {@code asyncTasks}, ...). */
    public String pathSegment() {
        return pathSegment;
    }

    /** A human label for messages ("job", "async task"). */
    public String label() {
        return label;
    }

    /** The error code answered when an object of this kind does not exist. */
    public String notFoundCode() {
        return notFoundCode;
    }

    /** The JSON field names of this kind, in the order the simulator writes them. */
    public List<String> fields() {
        return fields;
    }

    /** The kind named by a path segment, or null. */
    public static MmsKind byPathSegment(String segment) {
        for (MmsKind k : values()) {
            if (k.pathSegment.equals(segment)) {
                return k;
            }
        }
        return null;
    }
}

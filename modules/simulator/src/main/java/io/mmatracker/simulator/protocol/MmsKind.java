package io.mmatracker.simulator.protocol;

import java.util.List;

import io.mmatracker.client.MmsOperation;
import io.mmatracker.openapi.ApiError;

/**
 * The kinds of MMA object the simulator serves, with the path segment that names them (from the client's
 * operation catalog, {@link MmsOperation}: the segment before the id in the kind's Get path), MMA's not-found code,
 * and the exact field names of their JSON, in MMA's order (the documented examples plus the SDK's
 * {@code scanStatus}/{@code scanErrMsg} of data sources and the task fields of REFERENCE §3.6). The field lists are
 * written out here rather than taken from the tracker's Avro records on purpose: the simulator is the independent
 * check of what the client and the contract make of MMA's JSON.
 */
public enum MmsKind {
    DATA_SOURCE(MmsOperation.GET_MMS_DATA_SOURCE, "data source", "NotFound.DataSource", List.of(
        "id", "region", "name", "dstProject", "dstProjects", "type", "networklink", "lastUpdateTime", "dbNum",
        "tableNum", "partitionNum", "createTime", "status", "errMsg", "config", "agentIsOnline", "tablesDoingNum",
        "tablesDoneNum", "tablesPartDoneNum", "tablesFailedNum", "partitionsDoingNum", "partitionsDoneNum",
        "partitionsFailedNum", "scanId", "scanStatus", "scanErrMsg")),
    SCAN(MmsOperation.GET_MMS_FETCH_METADATA_JOB, "metadata scan", "NotFound.FetchMetadataJob", List.of(
        "id", "sourceId", "status", "progress", "result", "errorMsg", "startTime", "endTime")),
    JOB(MmsOperation.GET_MMS_JOB, "job", "NotFound.Job", List.of(
        "id", "name", "sourceId", "dbId", "sourceName", "srcDbName", "srcSchemaName", "dstDbName", "dstSchemaName",
        "status", "type", "taskNum", "stopped", "createTime", "taskDone", "config", "eta")),
    TABLE(MmsOperation.GET_MMS_TABLE, "table", "NotFound.Table", List.of(
        "id", "dbId", "dbName", "name", "dstProjectName", "dstSchemaName", "dstName", "type", "hasPartitions",
        "schema", "owner", "location", "inputFormat", "outputFormat", "serde", "extra", "partitions",
        "partitionsDoing", "partitionsDone", "partitionsFailed", "sourceId", "sourceName", "size", "numRows",
        "updated", "lastDdlTime", "status")),
    TASK(MmsOperation.GET_MMS_TASK, "task", "NotFound.Task", List.of(
        "id", "jobId", "jobName", "sourceId", "sourceName", "dbId", "tableId", "srcDbName", "srcSchemaName",
        "srcTableName", "dstDbName", "dstSchemaName", "dstTableName", "type", "status", "running", "stopped",
        "retriedTimes", "createTime", "startTime", "endTime")),
    ASYNC_TASK(MmsOperation.GET_MMS_ASYNC_TASK, "async task", "NotFound.AsyncTask", List.of(
        "id", "sourceId", "type", "objectId", "status", "running", "progress", "result", "errorMsg", "startTime",
        "endTime", "createTime"));

    private final String pathSegment;
    private final String label;
    private final String notFoundCode;
    private final List<String> fields;

    MmsKind(MmsOperation get, String label, String notFoundCode, List<String> fields) {
        // MMA's path of the object, .../{segment}/{id}: the segment is the one before the id (client catalog)
        List<String> segments = get.pathSegments();
        this.pathSegment = segments.get(segments.size() - 2);
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

    /** MMA's answer for an object of this kind that does not exist. */
    public ApiError notFound(long id) {
        return new ApiError(404, notFoundCode, "The " + label + " " + id + " does not exist.");
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

package io.mmatracker.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An MMA migration task (one table or partition set of a job): the {@code data} of GetMmsTask and the items of
 * ListMmsTasks (REFERENCE §3.6). There is no Avro record for tasks, so this record is the client's own; every field
 * is nullable because MMA documents no required ones.
 */
public record MmsTask(Long id, Long jobId, String jobName, Long sourceId, String sourceName, Long dbId, Long tableId,
                      String srcDbName, String srcSchemaName, String srcTableName,
                      String dstDbName, String dstSchemaName, String dstTableName,
                      String type, String status, Boolean running, Boolean stopped, Integer retriedTimes,
                      String createTime, String startTime, String endTime) {

    /**
     * Reads a task object leniently: unknown fields are ignored, missing or null fields become {@code null},
     * numbers and booleans sent as strings are accepted.
     *
     * @throws IllegalArgumentException naming the field when a value cannot be read as its type
     */
    public static MmsTask fromJson(JsonNode node) {
        LenientJson json = new LenientJson(node, "MmsTask");
        return new MmsTask(json.longValue("id"), json.longValue("jobId"), json.text("jobName"),
                json.longValue("sourceId"), json.text("sourceName"), json.longValue("dbId"), json.longValue("tableId"),
                json.text("srcDbName"), json.text("srcSchemaName"), json.text("srcTableName"),
                json.text("dstDbName"), json.text("dstSchemaName"), json.text("dstTableName"),
                json.text("type"), json.text("status"), json.bool("running"), json.bool("stopped"),
                json.intValue("retriedTimes"), json.text("createTime"), json.text("startTime"), json.text("endTime"));
    }
}

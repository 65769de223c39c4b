package io.mmatracker.simulator.fleet;

/** A task (one table of one job) as ListMmsTasks / GetMmsTask serve it. */
public record TaskView(long id, long jobId, String jobName, long sourceId, String sourceName, long dbId,
                       long tableId, String srcDbName, String srcSchemaName, String srcTableName, String dstDbName,
                       String dstSchemaName, String dstTableName, String type, String status, boolean running,
                       boolean stopped, int retriedTimes, String createTime, String startTime, String endTime,
                       Pin pin) {
}

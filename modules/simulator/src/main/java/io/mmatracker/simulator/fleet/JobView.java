package io.mmatracker.simulator.fleet;

/** A migration job as ListMmsJobs / GetMmsJob serve it. */
public record JobView(long id, String name, long sourceId, long dbId, String sourceName, String srcDbName,
                      String srcSchemaName, String dstDbName, String dstSchemaName, String status, String type,
                      int taskNum, boolean stopped, String createTime, int taskDone, JobConfigView config,
                      String eta, Pin pin) {
}

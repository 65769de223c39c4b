package io.mmatracker.simulator.fleet;

/** One step of a task's log as ListMmsTaskLogs serves it (REFERENCE §3.7). */
public record TaskLogView(long id, long taskId, long sourceId, String status, String action, String msg,
                          String createTime) {
}

package io.mmatracker.simulator.fleet;

/** An async task as GetMmsAsyncTask serves it; progress is a percentage. */
public record AsyncTaskView(long id, long sourceId, String type, long objectId, String status, boolean running,
                            int progress, String result, String errorMsg, String startTime, String endTime,
                            String createTime, Pin pin) {
}

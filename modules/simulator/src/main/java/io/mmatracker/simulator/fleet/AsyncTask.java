package io.mmatracker.simulator.fleet;

/**
 * An async task (TASK_CREATE from CreateMmsJob, STOP_JOB from StopMmsJob): INIT, DOING while it runs, then DONE,
 * or FAILED when fated to. Guarded by the fleet's lock.
 */
final class AsyncTask {

    static final String TASK_CREATE = "TASK_CREATE";
    static final String STOP_JOB = "STOP_JOB";

    final long id;
    final String type;
    final long objectId;
    final long createTime;
    final long start;
    final long duration;
    final String failure;
    final String result;
    boolean deleted;

    AsyncTask(long id, String type, long objectId, long createTime, long start, long duration, String failure,
              String result) {
        this.id = id;
        this.type = type;
        this.objectId = objectId;
        this.createTime = createTime;
        this.start = start;
        this.duration = duration;
        this.failure = failure;
        this.result = result;
    }

    long end() {
        return start + duration;
    }

    String status(long t) {
        if (t < start) {
            return "INIT";
        }
        if (t < end()) {
            return "DOING";
        }
        return failure == null ? "DONE" : "FAILED";
    }
}

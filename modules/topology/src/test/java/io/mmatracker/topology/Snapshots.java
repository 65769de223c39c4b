package io.mmatracker.topology;

import java.time.Instant;
import java.util.List;

import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.TaskFailure;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.TableSnapshot;

/** Snapshots as the poller would publish them, with only the fields the rules read. */
final class Snapshots {

    static final long SOURCE = 2000015L;
    static final String SOURCE_NAME = "demo";

    private Snapshots() {
    }

    static SnapshotMeta meta(Instant observedAt) {
        return SnapshotMeta.newBuilder().setObservedAt(observedAt).setEndpoint("mma.test").setPollerId("poller-1").build();
    }

    static JobSnapshot job(long id, String status, Integer taskDone, Integer taskNum, Instant observedAt) {
        return new JobSnapshot(meta(observedAt), MmsJob.newBuilder()
                .setId(id).setName("migrate_db_" + id).setSourceId(SOURCE).setSourceName(SOURCE_NAME)
                .setSrcDbName("mms_test").setDstDbName("mms_target").setStatus(status).setType("Tables")
                .setTaskDone(taskDone).setTaskNum(taskNum).setStopped(false)
                .build(), 0, null);
    }

    /** A job as the poller reads it with failed tasks: their count and the first few. */
    static JobSnapshot job(long id, String status, Instant observedAt, int failedTaskCount, List<TaskFailure> failedTasks) {
        JobSnapshot job = job(id, status, 10, 100, observedAt);
        job.setFailedTaskCount(failedTaskCount);
        job.setFailedTasks(failedTasks);
        return job;
    }

    /** A task of job 10, table {@code mms_test.t<id>}; a failed one with its failing step when {@code msg} is given. */
    static TaskSnapshot task(long id, String status, String msg, Instant observedAt) {
        MmsTaskLog step = msg == null ? null : MmsTaskLog.newBuilder().setId(id * 10).setTaskId(id).setSourceId(SOURCE)
                .setStatus(status).setAction("insert overwrite table mms_target.t" + id + " select * from t" + id)
                .setMsg(msg).setCreateTime("2026-01-05 10:00:00").build();
        return new TaskSnapshot(meta(observedAt), MmsTask.newBuilder()
                .setId(id).setJobId(10L).setJobName("migrate_db_10").setSourceId(SOURCE).setSourceName(SOURCE_NAME)
                .setSrcDbName("mms_test").setSrcTableName("t" + id).setDstDbName("mms_target").setDstTableName("t" + id)
                .setType("HIVE").setStatus(status).setRunning(status.endsWith("_DOING")).setStopped(false)
                .setRetriedTimes(0).build(), step);
    }

    static TableSnapshot table(long id, String status, int partitions, int doing, int done, int failed, Instant observedAt) {
        return new TableSnapshot(meta(observedAt), MmsTable.newBuilder()
                .setId(id).setDbName("mms_test").setName("t" + id).setSourceId(SOURCE).setSourceName(SOURCE_NAME)
                .setStatus(status).setHasPartitions(true)
                .setPartitions(partitions).setPartitionsDoing(doing).setPartitionsDone(done).setPartitionsFailed(failed)
                .build());
    }

    static ScanSnapshot scan(long id, String status, double progress, String errorMsg, Instant observedAt) {
        return new ScanSnapshot(meta(observedAt), MmsFetchMetadataJob.newBuilder()
                .setId(id).setSourceId(SOURCE).setStatus(status).setProgress(progress).setErrorMsg(errorMsg)
                .build());
    }

    static AsyncTaskSnapshot asyncTask(long id, String status, boolean running, String errorMsg, Instant observedAt) {
        return new AsyncTaskSnapshot(meta(observedAt), MmsAsyncTask.newBuilder()
                .setId(id).setSourceId(SOURCE).setType("TASK_CREATE").setObjectId(232L).setStatus(status)
                .setRunning(running).setProgress(0).setErrorMsg(errorMsg)
                .build());
    }

    static DataSourceSnapshot dataSource(String status, String errMsg, Instant observedAt) {
        return new DataSourceSnapshot(meta(observedAt), MmsDataSource.newBuilder()
                .setId(SOURCE).setName(SOURCE_NAME).setType("HIVE").setRegion("cn-shanghai").setStatus(status)
                .setErrMsg(errMsg).setTablesDoingNum(1).setTablesDoneNum(2).setTablesFailedNum(0)
                .build());
    }
}

package io.mmatracker.query.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.ConfigItem;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.SourceSummary;
import io.mmatracker.schema.TableSnapshot;

/** Small snapshots for tests, with only the fields a test looks at. */
public final class Snapshots {

    public static final Instant OBSERVED = Instant.parse("2024-12-17T07:44:17.123Z");

    private Snapshots() {
    }

    public static SnapshotMeta meta(Instant observedAt) {
        return SnapshotMeta.newBuilder().setObservedAt(observedAt).setEndpoint("mma.test").build();
    }

    public static JobSnapshot job(long sourceId, long jobId, String status) {
        return job(sourceId, jobId, status, OBSERVED);
    }

    public static JobSnapshot job(long sourceId, long jobId, String status, Instant observedAt) {
        MmsJob job = MmsJob.newBuilder().setId(jobId).setSourceId(sourceId).setName("job_" + jobId).setStatus(status)
                .setTaskNum(10).setTaskDone(3).setStopped(false).build();
        return JobSnapshot.newBuilder().setMeta(meta(observedAt)).setJob(job).build();
    }

    public static TableSnapshot table(long sourceId, long tableId, String status) {
        MmsTable table = MmsTable.newBuilder().setId(tableId).setSourceId(sourceId).setName("t" + tableId).setStatus(status)
                .setDbName("db").setSchema$(null).build();
        return TableSnapshot.newBuilder().setMeta(meta(OBSERVED)).setTable(table).build();
    }

    /** A task of a job: table {@code db<jobId>.t<taskId>} to {@code dst.t<taskId>}, started at {@code startTime} (or not). */
    public static TaskSnapshot task(long sourceId, long taskId, long jobId, String status, String startTime) {
        MmsTask task = MmsTask.newBuilder().setId(taskId).setJobId(jobId).setJobName("job_" + jobId).setSourceId(sourceId)
                .setSrcDbName("db" + jobId).setSrcTableName("t" + taskId).setDstDbName("dst").setDstTableName("t" + taskId)
                .setStatus(status).setStartTime(startTime).build();
        return TaskSnapshot.newBuilder().setMeta(meta(OBSERVED)).setTask(task).build();
    }

    public static ScanSnapshot scan(long sourceId, long scanId) {
        MmsFetchMetadataJob scan = MmsFetchMetadataJob.newBuilder().setId(scanId).setSourceId(sourceId).setStatus("SCAN_DOING")
                .setProgress(5000.0).build();
        return ScanSnapshot.newBuilder().setMeta(meta(OBSERVED)).setScan(scan).build();
    }

    public static AsyncTaskSnapshot asyncTask(long sourceId, long taskId) {
        MmsAsyncTask task = MmsAsyncTask.newBuilder().setId(taskId).setSourceId(sourceId).setType("TASK_CREATE").setStatus("DONE")
                .setRunning(false).setProgress(0).build();
        return AsyncTaskSnapshot.newBuilder().setMeta(meta(OBSERVED)).setAsyncTask(task).build();
    }

    public static DataSourceSnapshot dataSource(long sourceId, ConfigItem... config) {
        return dataSource(sourceId, "demo", "BIGQUERY", null, config);
    }

    public static DataSourceSnapshot dataSource(long sourceId, String name, String type, String region, ConfigItem... config) {
        MmsDataSource source = MmsDataSource.newBuilder().setId(sourceId).setName(name).setType(type).setRegion(region)
                .setStatus("STARTED").setConfig(List.of(config)).build();
        return DataSourceSnapshot.newBuilder().setMeta(meta(OBSERVED)).setDataSource(source).build();
    }

    public static ConfigItem configItem(String key, String type, String rawJsonValue) {
        return ConfigItem.newBuilder().setKey(key).setName(key).setType(type).setValue(rawJsonValue).build();
    }

    public static SourceSummary summary(long sourceId) {
        return SourceSummary.newBuilder().setSourceId(sourceId).setSourceName("demo")
                .setJobsByStatus(Map.of("DOING", 2L, "FAILED", 1L)).setTablesByStatus(Map.of("DONE", 5L))
                .setUpdatedAt(OBSERVED).build();
    }
}

package io.mmatracker.client;

import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MMA operations mma-tracker uses, typed. {@link MmaClient} calls them over HTTP; a test can implement this
 * interface with canned objects. Every method throws {@link MmaException} on failure. Ids are MMA's int64 ids as
 * strings, percent-encoded into the path. Lazy lists fetch pages only as the stream is consumed and throw
 * {@link MmaException} from the stream operation that needed the failed page.
 */
public interface MmaApi {

    /** ListMmsDataSources, every page. */
    Stream<MmsDataSource> listMmsDataSources(DataSourceFilter filter);

    /** ListMmsDataSources, one page ({@code pageNum} from 1). */
    Page<MmsDataSource> listMmsDataSourcesPage(DataSourceFilter filter, int pageNum, int pageSize);

    /**
     * GetMmsDataSource. With {@code withConfig} the config values include passwords and key files: redact before
     * storing or publishing ({@code io.mmatracker.schema.json.Redaction}).
     *
     * @param lang language of the config item descriptions ({@code en_US}, {@code zh_CN}), or {@code null}
     */
    MmsDataSource getMmsDataSource(String sourceId, boolean withConfig, String lang);

    /** GetMmsFetchMetadataJob: one metadata scan. */
    MmsFetchMetadataJob getMmsFetchMetadataJob(String sourceId, String scanId);

    /**
     * CreateMmsFetchMetadataJob: starts a metadata scan of the whole source, one database, or some of its tables.
     *
     * @param dbName     {@code null} for the whole source
     * @param tableNames empty for every table
     * @return the scan id ({@code data.scanId})
     */
    long createMmsFetchMetadataJob(String sourceId, String dbName, List<String> tableNames);

    /** ListMmsJobs, every page. */
    Stream<MmsJob> listMmsJobs(String sourceId, JobFilter filter);

    /** ListMmsJobs, one page. */
    Page<MmsJob> listMmsJobsPage(String sourceId, JobFilter filter, int pageNum, int pageSize);

    /** GetMmsJob. */
    MmsJob getMmsJob(String sourceId, String jobId);

    /** CreateMmsJob; the job is created asynchronously. @return the async task id ({@code data.asyncTaskId}) */
    long createMmsJob(String sourceId, CreateMmsJobRequest request);

    /** StartMmsJob: resumes a stopped job. @return the job id MMA echoes */
    long startMmsJob(String sourceId, String jobId);

    /** StopMmsJob. @return the job id MMA echoes */
    long stopMmsJob(String sourceId, String jobId);

    /** RetryMmsJob: re-runs the failed tasks. @return the job id MMA echoes */
    long retryMmsJob(String sourceId, String jobId);

    /** ListMmsTables, every page. */
    Stream<MmsTable> listMmsTables(String sourceId, TableFilter filter);

    /** ListMmsTables, one page. */
    Page<MmsTable> listMmsTablesPage(String sourceId, TableFilter filter, int pageNum, int pageSize);

    /** GetMmsTable. */
    MmsTable getMmsTable(String sourceId, String tableId);

    /** ListMmsTasks, every page. */
    Stream<MmsTask> listMmsTasks(String sourceId, TaskFilter filter);

    /** ListMmsTasks, one page. */
    Page<MmsTask> listMmsTasksPage(String sourceId, TaskFilter filter, int pageNum, int pageSize);

    /** GetMmsTask. */
    MmsTask getMmsTask(String sourceId, String taskId);

    /** ListMmsTaskLogs: the steps of one task, oldest first (MMA answers them all at once, without paging). */
    List<MmsTaskLog> listMmsTaskLogs(String sourceId, String taskId);

    /** GetMmsAsyncTask (there is no list call for async tasks). */
    MmsAsyncTask getMmsAsyncTask(String sourceId, String asyncTaskId);
}

package io.mmatracker.poller;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.mmatracker.client.CreateMmsJobRequest;
import io.mmatracker.client.DataSourceFilter;
import io.mmatracker.client.JobFilter;
import io.mmatracker.client.MmaApi;
import io.mmatracker.client.MmaException;
import io.mmatracker.client.Page;
import io.mmatracker.client.TableFilter;
import io.mmatracker.client.TaskFilter;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;

/**
 * An in-memory MMA for unit tests: a fleet tests edit directly, status filters and paging like MMA's list calls,
 * a log of the operations called, and failures queued per operation.
 */
public final class FakeMma implements MmaApi {

    private int maxPageSize = Integer.MAX_VALUE;

    /** One data source and what lives in it. */
    public static final class Source {
        public MmsDataSource dataSource;
        public final TreeMap<Long, MmsJob> jobs = new TreeMap<>();
        public final TreeMap<Long, MmsTable> tables = new TreeMap<>();
        public final Map<Long, MmsFetchMetadataJob> scans = new HashMap<>();
        public final Map<Long, MmsAsyncTask> asyncTasks = new HashMap<>();
        public final TreeMap<Long, MmsTask> tasks = new TreeMap<>();
        public final Map<Long, List<MmsTaskLog>> taskLogs = new HashMap<>();
    }

    private final TreeMap<Long, Source> sources = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Deque<MmaException>> failures = new HashMap<>();

    public synchronized Source addSource(long sourceId, String status) {
        Source source = new Source();
        source.dataSource = MmsDataSource.newBuilder().setId(sourceId).setName("src" + sourceId).setType("HIVE")
                .setRegion("cn-shanghai").setStatus(status).build();
        sources.put(sourceId, source);
        return source;
    }

    public synchronized Source source(long sourceId) {
        return sources.get(sourceId);
    }

    public synchronized void removeSource(long sourceId) {
        sources.remove(sourceId);
    }

    public static MmsJob job(long sourceId, long id, String status) {
        return MmsJob.newBuilder().setId(id).setSourceId(sourceId).setName("job" + id).setStatus(status)
                .setTaskNum(10).setTaskDone(0).setStopped(false).build();
    }

    public static MmsTable table(long sourceId, long id, String status) {
        return MmsTable.newBuilder().setId(id).setSourceId(sourceId).setDbName("db").setName("t" + id)
                .setStatus(status).build();
    }

    public synchronized void putJob(long sourceId, MmsJob job) {
        sources.get(sourceId).jobs.put(job.getId(), job);
    }

    public synchronized void putTable(long sourceId, MmsTable table) {
        sources.get(sourceId).tables.put(table.getId(), table);
    }

    /** The next call of this operation throws this failure (queued, one per call). */
    public synchronized void failNext(String operation, MmaException failure) {
        failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(failure);
    }

    /** Operation names in call order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    public synchronized long count(String operation) {
        return calls.stream().filter(operation::equals).count();
    }

    private void enter(String operation) {
        calls.add(operation);
        Deque<MmaException> queued = failures.get(operation);
        if (queued != null && !queued.isEmpty()) {
            throw queued.poll();
        }
    }

    private Source sourceOrNotFound(String operation, String sourceId) {
        Source source = sources.get(Long.parseLong(sourceId));
        if (source == null) {
            throw notFound(operation);
        }
        return source;
    }

    private static MmaException notFound(String operation) {
        return new MmaException.NotFound(operation, 404, "NotFound", "req", "no such object");
    }

    /** Like a server that caps the page size below what it is asked for (MMA's largest page is undocumented). */
    public synchronized void capPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    private <T> Page<T> page(Collection<T> all, Predicate<T> filter, int pageNum, int askedPageSize) {
        int pageSize = Math.min(askedPageSize, maxPageSize);
        List<T> matching = all.stream().filter(filter).toList();
        int from = Math.min(matching.size(), (pageNum - 1) * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        return new Page<>(matching.size(), pageNum, pageSize, matching.subList(from, to));
    }

    private static <T> T found(String operation, T value) {
        if (value == null) {
            throw notFound(operation);
        }
        return value;
    }

    @Override
    public synchronized Stream<MmsDataSource> listMmsDataSources(DataSourceFilter filter) {
        return listMmsDataSourcesPage(filter, 1, Integer.MAX_VALUE).items().stream();
    }

    @Override
    public synchronized Page<MmsDataSource> listMmsDataSourcesPage(DataSourceFilter filter, int pageNum, int pageSize) {
        enter("ListMmsDataSources");
        return page(sources.values().stream().map(s -> s.dataSource).toList(), ds -> true, pageNum, pageSize);
    }

    @Override
    public synchronized MmsDataSource getMmsDataSource(String sourceId, boolean withConfig, String lang) {
        enter("GetMmsDataSource");
        return sourceOrNotFound("GetMmsDataSource", sourceId).dataSource;
    }

    @Override
    public synchronized MmsFetchMetadataJob getMmsFetchMetadataJob(String sourceId, String scanId) {
        enter("GetMmsFetchMetadataJob");
        return found("GetMmsFetchMetadataJob",
                sourceOrNotFound("GetMmsFetchMetadataJob", sourceId).scans.get(Long.parseLong(scanId)));
    }

    @Override
    public long createMmsFetchMetadataJob(String sourceId, String dbName, List<String> tableNames) {
        throw new UnsupportedOperationException("the poller only reads");
    }

    @Override
    public synchronized Stream<MmsJob> listMmsJobs(String sourceId, JobFilter filter) {
        return listMmsJobsPage(sourceId, filter, 1, Integer.MAX_VALUE).items().stream();
    }

    @Override
    public synchronized Page<MmsJob> listMmsJobsPage(String sourceId, JobFilter filter, int pageNum, int pageSize) {
        enter("ListMmsJobs");
        Source source = sourceOrNotFound("ListMmsJobs", sourceId);
        return page(source.jobs.values(), j -> filter.status() == null || filter.status().equals(j.getStatus()),
                pageNum, pageSize);
    }

    @Override
    public synchronized MmsJob getMmsJob(String sourceId, String jobId) {
        enter("GetMmsJob");
        return found("GetMmsJob", sourceOrNotFound("GetMmsJob", sourceId).jobs.get(Long.parseLong(jobId)));
    }

    @Override
    public long createMmsJob(String sourceId, CreateMmsJobRequest request) {
        throw new UnsupportedOperationException("the poller only reads");
    }

    @Override
    public long startMmsJob(String sourceId, String jobId) {
        throw new UnsupportedOperationException("the poller only reads");
    }

    @Override
    public long stopMmsJob(String sourceId, String jobId) {
        throw new UnsupportedOperationException("the poller only reads");
    }

    @Override
    public long retryMmsJob(String sourceId, String jobId) {
        throw new UnsupportedOperationException("the poller only reads");
    }

    @Override
    public synchronized Stream<MmsTable> listMmsTables(String sourceId, TableFilter filter) {
        return listMmsTablesPage(sourceId, filter, 1, Integer.MAX_VALUE).items().stream();
    }

    @Override
    public synchronized Page<MmsTable> listMmsTablesPage(String sourceId, TableFilter filter, int pageNum,
                                                         int pageSize) {
        enter("ListMmsTables");
        Source source = sourceOrNotFound("ListMmsTables", sourceId);
        return page(source.tables.values(),
                t -> filter.statuses().isEmpty() || filter.statuses().contains(t.getStatus()), pageNum, pageSize);
    }

    @Override
    public synchronized MmsTable getMmsTable(String sourceId, String tableId) {
        enter("GetMmsTable");
        return found("GetMmsTable", sourceOrNotFound("GetMmsTable", sourceId).tables.get(Long.parseLong(tableId)));
    }

    @Override
    public Stream<MmsTask> listMmsTasks(String sourceId, TaskFilter filter) {
        throw new UnsupportedOperationException("the poller reads pages");
    }

    @Override
    public synchronized Page<MmsTask> listMmsTasksPage(String sourceId, TaskFilter filter, int pageNum, int pageSize) {
        enter("ListMmsTasks");
        return page(sourceOrNotFound("ListMmsTasks", sourceId).tasks.values(),
                t -> (filter.jobId() == null || filter.jobId().equals(t.getJobId()))
                        && (filter.status() == null || filter.status().equals(t.getStatus())), pageNum, pageSize);
    }

    @Override
    public synchronized MmsTask getMmsTask(String sourceId, String taskId) {
        enter("GetMmsTask");
        return found("GetMmsTask", sourceOrNotFound("GetMmsTask", sourceId).tasks.get(Long.parseLong(taskId)));
    }

    @Override
    public synchronized List<MmsTaskLog> listMmsTaskLogs(String sourceId, String taskId) {
        enter("ListMmsTaskLogs");
        Source source = sourceOrNotFound("ListMmsTaskLogs", sourceId);
        found("ListMmsTaskLogs", source.tasks.get(Long.parseLong(taskId)));
        return source.taskLogs.getOrDefault(Long.parseLong(taskId), List.of());
    }

    public static MmsTask task(long sourceId, long id, long jobId, String status) {
        return MmsTask.newBuilder().setId(id).setSourceId(sourceId).setJobId(jobId).setJobName("job" + jobId)
                .setSrcDbName("db").setSrcTableName("t" + id).setStatus(status).setRunning(status.endsWith("_DOING"))
                .setStopped(false).build();
    }

    public synchronized void putTask(long sourceId, MmsTask task) {
        sources.get(sourceId).tasks.put(task.getId(), task);
    }

    @Override
    public synchronized MmsAsyncTask getMmsAsyncTask(String sourceId, String asyncTaskId) {
        enter("GetMmsAsyncTask");
        return found("GetMmsAsyncTask",
                sourceOrNotFound("GetMmsAsyncTask", sourceId).asyncTasks.get(Long.parseLong(asyncTaskId)));
    }

    /** Applies an edit to a job in place. */
    public synchronized void editJob(long sourceId, long jobId, Function<MmsJob.Builder, MmsJob.Builder> edit) {
        Source source = sources.get(sourceId);
        source.jobs.put(jobId, edit.apply(MmsJob.newBuilder(source.jobs.get(jobId))).build());
    }

    /** Applies an edit to a table in place. */
    public synchronized void editTable(long sourceId, long tableId,
                                       Function<MmsTable.Builder, MmsTable.Builder> edit) {
        Source source = sources.get(sourceId);
        source.tables.put(tableId, edit.apply(MmsTable.newBuilder(source.tables.get(tableId))).build());
    }
}

package io.mmatracker.schema.kind;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.topic.Topics;

/**
 * The one catalog of the object kinds the tracker follows (see docs/architecture.md, "Kind catalog"). Adding a
 * kind means: its Avro records, one entry here, its rules in the topology, and its calls in the poller.
 */
public final class KindCatalog {

    public static final Kind<DataSourceSnapshot, MmsDataSource> DATA_SOURCE = new Kind<>(ObjectKind.DATA_SOURCE,
            DataSourceSnapshot.class, MmsDataSource.class, Topics::dataSources, "datasources-store",
            DataSourceSnapshot::new, DataSourceSnapshot::getDataSource, DataSourceSnapshot::getMeta,
            MmsDataSource::getStatus, dataSourceLifecycle(), "datasources", null, false);

    public static final Kind<ScanSnapshot, MmsFetchMetadataJob> SCAN = new Kind<>(ObjectKind.SCAN,
            ScanSnapshot.class, MmsFetchMetadataJob.class, Topics::scans, "scans-store",
            ScanSnapshot::new, ScanSnapshot::getScan, ScanSnapshot::getMeta,
            MmsFetchMetadataJob::getStatus, scanLifecycle(), "scans", null, true);

    public static final Kind<JobSnapshot, MmsJob> JOB = new Kind<>(ObjectKind.JOB,
            JobSnapshot.class, MmsJob.class, Topics::jobs, "jobs-store",
            (meta, job) -> new JobSnapshot(meta, job, 0, null), JobSnapshot::getJob, JobSnapshot::getMeta,
            MmsJob::getStatus, jobLifecycle(), "jobs", "ListMmsJobs", true);

    public static final Kind<TableSnapshot, MmsTable> TABLE = new Kind<>(ObjectKind.TABLE,
            TableSnapshot.class, MmsTable.class, Topics::tables, "tables-store",
            TableSnapshot::new, TableSnapshot::getTable, TableSnapshot::getMeta,
            MmsTable::getStatus, tableLifecycle(), "tables", "ListMmsTables", true);

    public static final Kind<AsyncTaskSnapshot, MmsAsyncTask> ASYNC_TASK = new Kind<>(ObjectKind.ASYNC_TASK,
            AsyncTaskSnapshot.class, MmsAsyncTask.class, Topics::asyncTasks, "async-tasks-store",
            AsyncTaskSnapshot::new, AsyncTaskSnapshot::getAsyncTask, AsyncTaskSnapshot::getMeta,
            MmsAsyncTask::getStatus, asyncTaskLifecycle(), "asyncTasks", null, true);

    public static final Kind<TaskSnapshot, MmsTask> TASK = new Kind<>(ObjectKind.TASK,
            TaskSnapshot.class, MmsTask.class, Topics::tasks, "tasks-store",
            (meta, task) -> new TaskSnapshot(meta, task, null), TaskSnapshot::getTask, TaskSnapshot::getMeta,
            MmsTask::getStatus, taskLifecycle(), "tasks", "ListMmsTasks", true);

    private static final List<Kind<?, ?>> ALL = List.of(DATA_SOURCE, SCAN, JOB, TABLE, ASYNC_TASK, TASK);
    private static final Map<ObjectKind, Kind<?, ?>> BY_KIND = new EnumMap<>(ObjectKind.class);
    private static final Map<Class<?>, Kind<?, ?>> BY_TYPE = new LinkedHashMap<>();

    static {
        for (Kind<?, ?> kind : ALL) {
            BY_KIND.put(kind.objectKind(), kind);
            BY_TYPE.put(kind.snapshotType(), kind);
            BY_TYPE.put(kind.dataType(), kind);
        }
    }

    private KindCatalog() {
    }

    /** Every kind, data sources first. */
    public static List<Kind<?, ?>> all() {
        return ALL;
    }

    /** @throws IllegalArgumentException for {@code UNKNOWN} (the value of a newer writer's kind) */
    public static Kind<?, ?> of(ObjectKind kind) {
        Kind<?, ?> found = BY_KIND.get(kind);
        if (found == null) {
            throw new IllegalArgumentException("no object kind " + kind + " in the catalog");
        }
        return found;
    }

    /** The kind whose snapshots live in a topic. */
    public static Optional<Kind<?, ?>> ofTopic(Topics topics, String topic) {
        return ALL.stream().filter(kind -> kind.topic(topics).equals(topic)).findFirst();
    }

    /** The kind of a snapshot record or an MMA data record. */
    public static Optional<Kind<?, ?>> ofRecord(SpecificRecord record) {
        return Optional.ofNullable(BY_TYPE.get(record.getClass()));
    }

    /** The kind of a snapshot record or an MMA data record. @throws IllegalArgumentException for any other record */
    public static Kind<?, ?> ofRecordOrThrow(SpecificRecord record) {
        return ofRecord(record).orElseThrow(() -> new IllegalArgumentException(
                "not a snapshot or MMA data record: " + record.getClass().getName()));
    }

    // ---------------------------------------------------------------- lifecycles (REFERENCE.md §6)

    private static Map<String, Phase> statuses(Object... statusThenPhase) {
        Map<String, Phase> map = new LinkedHashMap<>();
        for (int i = 0; i < statusThenPhase.length; i += 2) {
            map.put((String) statusThenPhase[i], (Phase) statusThenPhase[i + 1]);
        }
        return map;
    }

    /** §6.1: start and stop are driven by UpdateMmsDataSource; an unknown status is nothing to wait for. */
    private static Lifecycle<MmsDataSource> dataSourceLifecycle() {
        Map<String, Phase> documented = statuses("STARTING", Phase.MOVING, "STARTED", Phase.SETTLED,
                "START_FAILED", Phase.FAILED, "STOPPING", Phase.MOVING, "STOPPED", Phase.SETTLED,
                "STOP_FAILED", Phase.FAILED);
        return new Lifecycle<>("REFERENCE.md §6.1", documented,
                source -> documented.getOrDefault(source.getStatus(), Phase.PENDING));
    }

    /**
     * §6.2: only SCAN_DOING is documented. An error message or a failed-like status is a failure; a done-like
     * status (plain DONE too) or an end time is the end; no status yet is pending; anything else runs.
     */
    private static Lifecycle<MmsFetchMetadataJob> scanLifecycle() {
        Map<String, Phase> documented = statuses("SCAN_INIT", Phase.MOVING, "SCAN_DOING", Phase.MOVING,
                "SCAN_DONE", Phase.SETTLED, "SCAN_FAILED", Phase.FAILED, "DONE", Phase.SETTLED, "FAILED", Phase.FAILED);
        return new Lifecycle<>("REFERENCE.md §6.2", documented,
                scan -> Lifecycle.ofUndocumented(scan.getStatus(), scan.getErrorMsg(), scan.getEndTime(), null));
    }

    /** §6.3: INIT, DOING, DONE, FAILED; a stopped job stands still on purpose. */
    private static Lifecycle<MmsJob> jobLifecycle() {
        Map<String, Phase> documented = statuses("INIT", Phase.PENDING, "DOING", Phase.MOVING, "DONE", Phase.SETTLED,
                "FAILED", Phase.FAILED);
        return new Lifecycle<>("REFERENCE.md §6.3", documented, job -> {
            Phase phase = documented.getOrDefault(job.getStatus(), Phase.PENDING);
            return phase == Phase.MOVING && Boolean.TRUE.equals(job.getStopped()) ? Phase.PENDING : phase;
        });
    }

    /** §6.4: INIT, DOING, DONE, PART_DONE (finished, partly), FAILED. */
    private static Lifecycle<MmsTable> tableLifecycle() {
        Map<String, Phase> documented = statuses("INIT", Phase.PENDING, "DOING", Phase.MOVING, "DONE", Phase.SETTLED,
                "PART_DONE", Phase.SETTLED, "FAILED", Phase.FAILED);
        return new Lifecycle<>("REFERENCE.md §6.4", documented,
                table -> documented.getOrDefault(table.getStatus(), Phase.PENDING));
    }

    /**
     * §6.6: a task walks the schema, data and verification stages, each {@code *_DOING} then {@code *_DONE} (a
     * step between stages: MMA moves it on by itself) or {@code *_FAILED}, and ends in DONE.
     */
    private static Lifecycle<MmsTask> taskLifecycle() {
        Map<String, Phase> documented = statuses("INIT", Phase.PENDING, "SCHEMA_DOING", Phase.MOVING,
                "SCHEMA_DONE", Phase.MOVING, "SCHEMA_FAILED", Phase.FAILED, "DATA_DOING", Phase.MOVING,
                "DATA_DONE", Phase.MOVING, "DATA_FAILED", Phase.FAILED, "VERIFICATION_DOING", Phase.MOVING,
                "VERIFICATION_DONE", Phase.MOVING, "VERIFICATION_FAILED", Phase.FAILED, "DONE", Phase.SETTLED);
        return new Lifecycle<>("REFERENCE.md §6.6", documented, task -> {
            Phase phase = documented.getOrDefault(task.getStatus(), Phase.PENDING);
            return phase == Phase.MOVING && Boolean.TRUE.equals(task.getStopped()) ? Phase.PENDING : phase;
        });
    }

    /**
     * §6.7: only DONE is documented; the reliable signals are {@code running=false} with an end time (finished)
     * and an error message (failed). A finished-like status ends it even while {@code running} still says true.
     */
    private static Lifecycle<MmsAsyncTask> asyncTaskLifecycle() {
        Map<String, Phase> documented = statuses("INIT", Phase.MOVING, "DOING", Phase.MOVING, "DONE", Phase.SETTLED,
                "FAILED", Phase.FAILED);
        return new Lifecycle<>("REFERENCE.md §6.7", documented, task -> Lifecycle.ofUndocumented(task.getStatus(),
                task.getErrorMsg(), task.getEndTime(), task.getRunning()));
    }
}

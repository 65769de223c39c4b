package io.mmatracker.simulator.fleet;

import static io.mmatracker.simulator.fleet.SimulatedTime.format;

import io.mmatracker.simulator.fleet.Evolution.TableState;
import io.mmatracker.simulator.fleet.Evolution.TaskState;
import io.mmatracker.simulator.fleet.Filters.JobFilter;
import io.mmatracker.simulator.fleet.Filters.TableFilter;
import io.mmatracker.simulator.fleet.Filters.TaskFilter;
import io.mmatracker.simulator.protocol.MmsKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the views MMA serves from the fleet's state at one simulated instant: evaluates tables and tasks,
 * counts them for data sources and jobs, and applies pins. Called under the fleet's read lock.
 */
final class FleetReader {

    /** Per-call scratch space, so that counting a million tables allocates nothing per table. */
    static final class Scratch {
        final TaskState task = new TaskState();
        final TableState table = new TableState();
        Job lastJob;
        long lastTau;
    }

    private static final String[] HIVE_OWNERS = {"hadoop", "hive", "etl"};

    private final long seed;
    private final long epoch;
    private final Evolution evolution;
    private final PinStore pins;
    private final TaskLogs taskLogs;

    FleetReader(long seed, long epoch, Evolution evolution, PinStore pins) {
        this.seed = seed;
        this.epoch = epoch;
        this.evolution = evolution;
        this.pins = pins;
        this.taskLogs = new TaskLogs(seed, evolution);
    }

    // ---------------------------------------------------------------- names and ids

    long tableId(SimSource s, int t) {
        return FleetState.TABLE_ID_BASE + s.tableBase + t;
    }

    long dbId(SimSource s, int d) {
        return s.dbIdBase + d;
    }

    String dbName(SimSource s, int d) {
        return TableFacts.dbName(seed, s.dbIdBase + d, d);
    }

    String tableName(SimSource s, int t) {
        int d = s.dbOf(t);
        return TableFacts.tableName(seed, s.tableBase + t, t - s.dbFrom(d));
    }

    static String dstTableName(Job job, String srcTableName) {
        if (job == null) {
            return srcTableName;
        }
        return job.config.tableMapping().getOrDefault(srcTableName, srcTableName);
    }

    // ---------------------------------------------------------------- tables

    /** The table's state now, into {@code sc.table} (status null: pinned to a status MMA does not have). */
    void evaluateTable(SimSource s, int t, long now, Scratch sc) {
        long g = s.tableBase + t;
        int partitions = TableFacts.partitions(seed, g);
        Job owner = s.ownerOf(t);
        if (owner == null) {
            Evolution.untouched(partitions, sc.table);
        } else {
            if (owner != sc.lastJob) {
                sc.lastJob = owner;
                sc.lastTau = owner.timeline.clock(now);
            }
            int k = owner.positionOf(t);
            // the table follows its task, pinned or not (DATA_FAILED: the partitions copied until the pin)
            evaluateTask(owner, k, partitions, sc.lastTau, now, sc.task);
            evolution.table(g, partitions, sc.task, sc.table);
        }
        if (s.isTablePinned(t)) {
            Pin pin = pins.get(MmsKind.TABLE, tableId(s, t));
            if (pin != null) {
                TableState ts = sc.table;
                if (pin.fields().containsKey("status")) {
                    ts.status = TableStatus.parse(pin.text("status"));
                }
                ts.partitions = (int) pin.number("partitions", ts.partitions);
                ts.doing = (int) pin.number("partitionsDoing", ts.doing);
                ts.done = (int) pin.number("partitionsDone", ts.done);
                ts.failed = (int) pin.number("partitionsFailed", ts.failed);
            }
        }
    }

    TableView tableView(SimSource s, int t, long now, Scratch sc) {
        evaluateTable(s, t, now, sc);
        TableState ts = sc.table;
        long g = s.tableBase + t;
        int d = s.dbOf(t);
        String db = dbName(s, d);
        String name = TableFacts.tableName(seed, g, t - s.dbFrom(d));
        Job owner = s.ownerOf(t);
        boolean partitioned = TableFacts.hasPartitions(seed, g);
        String location;
        String inputFormat = "";
        String outputFormat = "";
        String serde = "";
        String extra = "{}";
        String tableOwner;
        switch (s.type) {
            case HIVE -> {
                location = "hdfs://emr-header-1:9000/user/hive/warehouse/" + db + ".db/" + name;
                if (TableFacts.isParquet(seed, g)) {
                    inputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
                    outputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
                    serde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
                } else {
                    inputFormat = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
                    outputFormat = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
                    serde = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
                }
                extra = "{\"field.delim\":\"|\",\"serialization.format\":\"|\"}";
                tableOwner = HIVE_OWNERS[(int) Math.floorMod(g, (long) HIVE_OWNERS.length)];
            }
            case BIGQUERY -> {
                location = "bigquery://" + s.name + "/" + db + "/" + name;
                tableOwner = "bq-loader";
            }
            default -> {
                location = "odps://" + s.name + "/" + db + "/" + name;
                tableOwner = "ALIYUN$migration";
            }
        }
        List<ColumnView> columns = new ArrayList<>();
        int n = TableFacts.columnCount(seed, g);
        for (int i = 0; i < n; i++) {
            columns.add(new ColumnView(TableFacts.COLUMN_NAMES[i], TableFacts.COLUMN_TYPES[i],
                i == 0 ? "primary key" : "", "", i != 0));
        }
        List<ColumnView> partitionKeys = new ArrayList<>();
        if (partitioned) {
            partitionKeys.add(new ColumnView("ds", "string", "day partition", "", false));
            if (ts.partitions > 50) {
                partitionKeys.add(new ColumnView("hh", "string", "hour partition", "", false));
            }
        }
        TableSchemaView schema = new TableSchemaView(name, "simulated " + s.type.name().toLowerCase() + " table",
            columns, partitionKeys);
        String status = ts.status == null ? "" : ts.status.name();
        return new TableView(tableId(s, t), dbId(s, d), db, name, owner == null ? s.dstProject : owner.dstDbName,
            owner == null ? "default" : owner.dstSchemaName, dstTableName(owner, name),
            TableFacts.tableType(seed, g), partitioned, schema, tableOwner, location, inputFormat, outputFormat,
            serde, extra, ts.partitions, ts.doing, ts.done, ts.failed, s.id, s.name, TableFacts.size(seed, g),
            TableFacts.numRows(seed, g), TableFacts.updated(seed, g), format(TableFacts.lastDdlTime(seed, g, epoch)),
            status, s.isTablePinned(t) ? pins.get(MmsKind.TABLE, tableId(s, t)) : null);
    }

    Slice<TableView> listTables(SimSource s, TableFilter f, long offset, int limit, long now) {
        Scratch sc = new Scratch();
        List<TableView> items = new ArrayList<>();
        long matched = 0;
        int currentDb = -1;
        boolean dbMatches = true;
        for (int t = 0; t < s.tableCount; t++) {
            if (s.isTableDeleted(t)) {
                continue;
            }
            if (!matchesStatically(s, t, f)) {
                continue;
            }
            int d = s.dbOf(t);
            if (d != currentDb) {
                currentDb = d;
                dbMatches = (f.dbId() == null || f.dbId() == dbId(s, d))
                    && Filters.contains(dbName(s, d), f.dbName());
            }
            if (!dbMatches) {
                continue;
            }
            if (f.name() != null || f.dstName() != null || f.dstProjectName() != null) {
                String name = tableName(s, t);
                Job owner = s.ownerOf(t);
                if (!Filters.contains(name, f.name())
                    || !Filters.contains(dstTableName(owner, name), f.dstName())
                    || !Filters.contains(owner == null ? s.dstProject : owner.dstDbName, f.dstProjectName())) {
                    continue;
                }
            }
            if (f.needsState()) {
                evaluateTable(s, t, now, sc);
                if (sc.table.status == null || !f.statuses().contains(sc.table.status.name())) {
                    continue;
                }
            }
            if (matched >= offset && items.size() < limit) {
                items.add(tableView(s, t, now, sc));
            }
            matched++;
        }
        return new Slice<>(matched, items);
    }

    private boolean matchesStatically(SimSource s, int t, TableFilter f) {
        long g = s.tableBase + t;
        if (f.hasPartitions() != null && f.hasPartitions() != TableFacts.hasPartitions(seed, g)) {
            return false;
        }
        if (f.type() != null && !f.type().equals(TableFacts.tableType(seed, g))) {
            return false;
        }
        if (f.lastDdlTimeStart() != null || f.lastDdlTimeEnd() != null) {
            long ddl = TableFacts.lastDdlTime(seed, g, epoch);
            if (f.lastDdlTimeStart() != null && ddl < f.lastDdlTimeStart()) {
                return false;
            }
            if (f.lastDdlTimeEnd() != null && ddl > f.lastDdlTimeEnd()) {
                return false;
            }
        }
        return f.dstSchemaName() == null || "default".contains(f.dstSchemaName());
    }

    // ---------------------------------------------------------------- data sources

    SourceView sourceView(SimSource s, long now, boolean withConfig, boolean english) {
        int[] counts = new int[TableStatus.values().length];
        long partitionNum = 0;
        long doing = 0;
        long done = 0;
        long failed = 0;
        int tableNum = 0;
        Scratch sc = new Scratch();
        for (int t = 0; t < s.tableCount; t++) {
            if (s.isTableDeleted(t)) {
                continue;
            }
            evaluateTable(s, t, now, sc);
            TableState ts = sc.table;
            tableNum++;
            partitionNum += ts.partitions;
            doing += ts.doing;
            done += ts.done;
            failed += ts.failed;
            if (ts.status != null) {
                counts[ts.status.ordinal()]++;
            }
        }
        Scan latest = s.latestScan();
        long scanId = 0;
        String scanStatus = "";
        String scanErrMsg = "";
        String lastUpdate = format(s.createTime);
        if (latest != null) {
            ScanView scan = scanView(s, latest, now);
            scanId = latest.id;
            scanStatus = Pin.text(scan.pin(), "status", scan.status());
            scanErrMsg = Pin.text(scan.pin(), "errorMsg", scan.errorMsg());
            for (int i = s.scans.size() - 1; i >= 0; i--) {
                Scan sn = s.scans.get(i);
                if (!sn.deleted && sn.status(now).equals(Scan.DONE)) {
                    lastUpdate = format(sn.end(now));
                    break;
                }
            }
        }
        List<ConfigItemView> config = withConfig
            ? ConfigCatalog.items(s.type, seed, s.id, s.region, english) : List.of();
        return new SourceView(s.id, s.region, s.name, s.dstProject, s.dstProjects, s.type.name(), s.networklink,
            lastUpdate, s.dbCount, tableNum, partitionNum, format(s.createTime), "STARTED", "", config, true,
            counts[TableStatus.DOING.ordinal()], counts[TableStatus.DONE.ordinal()],
            counts[TableStatus.PART_DONE.ordinal()], counts[TableStatus.FAILED.ordinal()], doing, done, failed,
            scanId, scanStatus, scanErrMsg, pins.get(MmsKind.DATA_SOURCE, s.id));
    }

    // ---------------------------------------------------------------- jobs

    /**
     * The state of task k into {@code out}: at job-clock moment {@code tau} (the job's clock at {@code now}), or,
     * when the task is pinned to a status MMA has, as it was at the pin's moment and in the pinned status (its
     * attempt, start and copied share stop there; the share follows the pinned stage: none before the data stage,
     * all after it). Answers the pinned status, or null when the task is not pinned to one (out then holds the
     * computed state).
     */
    private TaskStatus evaluateTask(Job job, int k, int partitions, long tau, long now, TaskState out) {
        Pin pin = job.pinnedTasks > 0 ? pins.get(MmsKind.TASK, job.taskIdBase + k) : null;
        TaskStatus pinned = pin == null ? null : TaskStatus.parse(pin.text("status"));
        if (pinned == null) {
            evolution.task(job, k, partitions, tau, out);
            return null;
        }
        evolution.task(job, k, partitions, Math.min(tau, job.timeline.clock(Math.min(now, pin.pinnedAt()))), out);
        int dataStage = TaskStatus.DATA_DOING.stage();
        if (pinned.stage() < dataStage || out.status.stage() < dataStage) {
            out.dataFraction = 0;
        } else if (pinned.stage() > dataStage) {
            out.dataFraction = 1;
        }
        // else copying when pinned: the share copied by then (all of it when the copy had ended, see table())
        if (pinned != out.status) {
            out.end = -1; // it ends (if the pinned status is an end) at the pin's moment, see taskView
        }
        out.status = pinned;
        return pinned;
    }

    /** The status of task k, pinned or computed, into {@code sc.task.status}; null: pinned to an unknown status. */
    private TaskStatus taskStatus(Job job, int k, long tau, Scratch sc) {
        if (job.pinnedTasks > 0) {
            Pin pin = pins.get(MmsKind.TASK, job.taskIdBase + k);
            if (pin != null && pin.fields().containsKey("status")) {
                return TaskStatus.parse(pin.text("status"));
            }
        }
        SimSource s = job.source;
        int t = job.tableAt(k);
        evolution.task(job, k, TableFacts.partitions(seed, s.tableBase + t), tau, sc.task);
        return sc.task.status;
    }

    JobView jobView(Job job, long now, Scratch sc) {
        long tau = job.timeline.clock(now);
        int count = job.taskCount();
        int taskNum = 0;
        int done = 0;
        int terminal = 0;
        int failed = 0;
        if (tau < 0 && job.pinnedTasks == 0) {
            taskNum = count - job.deletedTaskCount();
        } else {
            for (int k = 0; k < count; k++) {
                if (job.isTaskDeleted(k)) {
                    continue;
                }
                taskNum++;
                TaskStatus st = taskStatus(job, k, tau, sc);
                if (st == null) {
                    continue;
                }
                if (st == TaskStatus.DONE) {
                    done++;
                }
                if (st.isTerminal()) {
                    terminal++;
                }
                if (st.isFailed()) {
                    failed++;
                }
            }
        }
        JobStatus status;
        if (tau < 0) {
            status = JobStatus.INIT;
        } else if (terminal == taskNum) {
            status = failed > 0 ? JobStatus.FAILED : JobStatus.DONE;
        } else {
            status = JobStatus.DOING;
        }
        // a finished job is not "stopped": there is nothing left to stop
        boolean stopped = job.timeline.isStopped() && status != JobStatus.DONE && status != JobStatus.FAILED
            && !job.deleted;
        SimSource s = job.source;
        return new JobView(job.id, job.name, s.id, dbId(s, job.dbIndex), s.name, dbName(s, job.dbIndex),
            job.srcSchemaName, job.dstDbName, job.dstSchemaName, status.name(), job.type, taskNum, stopped,
            format(job.createTime), done, job.config, job.eta, pins.get(MmsKind.JOB, job.id));
    }

    Slice<JobView> listJobs(SimSource s, JobFilter f, long offset, int limit, long now) {
        Scratch sc = new Scratch();
        List<JobView> items = new ArrayList<>();
        long matched = 0;
        for (Job job : s.allJobs()) {
            if (!job.isVisible(now)) {
                continue;
            }
            if (!Filters.contains(job.name, f.name()) || !Filters.contains(dbName(s, job.dbIndex), f.srcDbName())
                || !Filters.contains(job.dstDbName, f.dstDbName())) {
                continue;
            }
            if ((f.srcTableName() != null || f.dstTableName() != null) && !migratesTable(job, f)) {
                continue;
            }
            JobView view = null;
            if (f.status() != null || f.stopped() != null) {
                view = jobView(job, now, sc);
                Pin pin = view.pin();
                if (f.status() != null && !f.status().equals(Pin.text(pin, "status", view.status()))) {
                    continue;
                }
                if (f.stopped() != null && f.stopped() != (pin == null ? view.stopped()
                    : pin.bool("stopped", view.stopped()))) {
                    continue;
                }
            }
            if (matched >= offset && items.size() < limit) {
                items.add(view != null ? view : jobView(job, now, sc));
            }
            matched++;
        }
        return new Slice<>(matched, items);
    }

    private boolean migratesTable(Job job, JobFilter f) {
        for (int k = 0; k < job.taskCount(); k++) {
            String name = tableName(job.source, job.tableAt(k));
            if (Filters.contains(name, f.srcTableName()) && Filters.contains(dstTableName(job, name), f.dstTableName())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- tasks

    TaskView taskView(Job job, int k, long now, Scratch sc) {
        SimSource s = job.source;
        int t = job.tableAt(k);
        long tau = job.timeline.clock(now);
        // a task pinned to a status MMA has behaves as one in that status since the pin: a failed task is not
        // running, and its start, retries and end stay as they were when it was pinned
        TaskStatus pinned = evaluateTask(job, k, TableFacts.partitions(seed, s.tableBase + t), tau, now, sc.task);
        TaskState ts = sc.task;
        long taskId = job.taskIdBase + k;
        Pin pin = job.pinnedTasks > 0 ? pins.get(MmsKind.TASK, taskId) : null;
        int d = s.dbOf(t);
        String table = tableName(s, t);
        boolean stopped = job.timeline.isStopped() && !ts.status.isTerminal();
        String start = ts.attemptStart >= 0 ? format(job.timeline.instantAt(ts.attemptStart)) : "";
        String end;
        if (ts.end >= 0) {
            end = format(job.timeline.instantAt(ts.end));
        } else {
            end = pinned != null && pinned.isTerminal() ? format(Math.min(now, pin.pinnedAt())) : "";
        }
        return new TaskView(taskId, job.id, job.name, s.id, s.name, dbId(s, d), tableId(s, t), dbName(s, d),
            job.srcSchemaName, table, job.dstDbName, job.dstSchemaName, dstTableName(job, table),
            job.config.taskType(), ts.status.name(), ts.status.isRunning() && !stopped, stopped, ts.attempt,
            format(job.createTime), start, end, pin);
    }

    /** ListMmsTaskLogs: the steps of task k so far. */
    List<TaskLogView> taskLogs(Job job, int k, long now) {
        SimSource s = job.source;
        int t = job.tableAt(k);
        Pin pin = job.pinnedTasks > 0 ? pins.get(MmsKind.TASK, job.taskIdBase + k) : null;
        return taskLogs.of(job, k, dbName(s, s.dbOf(t)), tableName(s, t), now, pin);
    }

    Slice<TaskView> listTasks(SimSource s, TaskFilter f, long offset, int limit, long now) {
        Scratch sc = new Scratch();
        if (!f.sorters().isEmpty()) {
            return sortedTasks(s, f, offset, limit, now, sc);
        }
        List<TaskView> items = new ArrayList<>();
        long[] matched = {0};
        forEachTask(s, f, now, sc, (job, k) -> {
            if (matched[0] >= offset && items.size() < limit) {
                items.add(taskView(job, k, now, sc));
            }
            matched[0]++;
        }, (job, visible) -> {
            // a whole job before the page, or after it, is only counted
            if (matched[0] + visible <= offset || items.size() >= limit) {
                matched[0] += visible;
                return true;
            }
            return false;
        });
        return new Slice<>(matched[0], items);
    }

    /** A matching task: task k of a job. */
    private interface TaskSink {
        void accept(Job job, int k);
    }

    /** Without per-task filters, every visible task of a job matches: whether to count them without a visit. */
    private interface JobSkipper {
        boolean skipped(Job job, long visibleTasks);
    }

    /**
     * Feeds the tasks matching the filter, in id order (jobs in order, tasks in order within a job). Tasks whose
     * job starts them after the job's clock reading are INIT without evaluating them, so that a status filter
     * looks only at tasks that have started; without per-task filters the skipper (if any) may count whole jobs
     * without visiting their tasks.
     */
    private void forEachTask(SimSource s, TaskFilter f, long now, Scratch sc, TaskSink sink, JobSkipper skipper) {
        boolean perTask = f.srcDbName() != null || f.srcTableName() != null || f.dstTableName() != null
            || f.status() != null;
        for (Job job : s.allJobs()) {
            if (!job.isVisible(now) || (f.jobId() != null && f.jobId() != job.id)
                || !Filters.contains(job.name, f.jobName()) || !Filters.contains(job.dstDbName, f.dstDbName())) {
                continue;
            }
            int count = job.taskCount();
            if (!perTask && skipper != null && skipper.skipped(job, count - job.deletedTaskCount())) {
                continue;
            }
            long tau = job.timeline.clock(now);
            // tasks from this position on have not started (unless pinned): INIT
            int started = startedTasks(job, tau);
            boolean onlyStarted = f.status() != null && !f.status().equals(TaskStatus.INIT.name())
                && job.pinnedTasks == 0;
            int upTo = onlyStarted ? started : count;
            for (int k = 0; k < upTo; k++) {
                if (job.isTaskDeleted(k)) {
                    continue;
                }
                if (perTask && !taskMatches(job, k, f, tau, sc)) {
                    continue;
                }
                sink.accept(job, k);
            }
        }
    }

    private boolean taskMatches(Job job, int k, TaskFilter f, long tau, Scratch sc) {
        SimSource s = job.source;
        int t = job.tableAt(k);
        if (f.srcDbName() != null && !Filters.contains(dbName(s, s.dbOf(t)), f.srcDbName())) {
            return false;
        }
        if (f.srcTableName() != null || f.dstTableName() != null) {
            String name = tableName(s, t);
            if (!Filters.contains(name, f.srcTableName())
                || !Filters.contains(dstTableName(job, name), f.dstTableName())) {
                return false;
            }
        }
        if (f.status() != null) {
            TaskStatus st = taskStatus(job, k, tau, sc);
            return st != null && f.status().equals(st.name());
        }
        return true;
    }

    /** How many of a job's tasks have started by job-clock moment tau (they start in order, stagger apart). */
    private static int startedTasks(Job job, long tau) {
        int count = job.taskCount();
        if (tau < 0) {
            return 0;
        }
        if (job.stagger <= 0) {
            return count;
        }
        return (int) Math.min(count, tau / job.stagger + 1);
    }

    /**
     * ListMmsTasks with {@code sorter.status} and/or {@code sorter.startTime}: every matching task is ordered (by
     * the status name or the start time text, as a database orders such columns, ties by id) and only the page is
     * rendered.
     */
    private Slice<TaskView> sortedTasks(SimSource s, TaskFilter f, long offset, int limit, long now, Scratch sc) {
        record Key(String status, String startTime, long id, Job job, int k) {
        }
        boolean needsStart = f.sorters().stream().anyMatch(o -> o.field().equals("startTime"));
        List<Key> keys = new ArrayList<>();
        forEachTask(s, f, now, sc, (job, k) -> {
            TaskView v = needsStart ? taskView(job, k, now, sc) : null;
            TaskStatus st = taskStatus(job, k, job.timeline.clock(now), sc);
            String status = st != null ? st.name()
                : Pin.text(pins.get(MmsKind.TASK, job.taskIdBase + k), "status", "");
            keys.add(new Key(status, v == null ? "" : v.startTime(), job.taskIdBase + k, job, k));
        }, null);
        Comparator<Key> order = null;
        for (Filters.Sorter sorter : f.sorters()) {
            Comparator<Key> by = Comparator.comparing(sorter.field().equals("status") ? Key::status : Key::startTime);
            by = sorter.descending() ? by.reversed() : by;
            order = order == null ? by : order.thenComparing(by);
        }
        Comparator<Key> byId = Comparator.comparingLong(Key::id);
        keys.sort(order == null ? byId : order.thenComparing(byId));
        List<TaskView> items = new ArrayList<>();
        for (long i = offset; i < keys.size() && items.size() < limit; i++) {
            Key key = keys.get((int) i);
            items.add(taskView(key.job(), key.k(), now, sc));
        }
        return new Slice<>(keys.size(), items);
    }

    // ---------------------------------------------------------------- scans and async tasks

    ScanView scanView(SimSource s, Scan scan, long now) {
        String status = scan.status(now);
        long end = scan.end(now);
        return new ScanView(scan.id, s.id, status, Math.round(scan.progress(now) * 10_000),
            status.equals(Scan.DONE) ? scan.result : "", status.equals(Scan.FAILED) ? scan.errorMessage : "",
            format(scan.start), end < 0 ? "" : format(end), pins.get(MmsKind.SCAN, scan.id));
    }

    AsyncTaskView asyncView(SimSource s, AsyncTask a, long now) {
        String status = a.status(now);
        int progress = switch (status) {
            case "INIT" -> 0;
            case "DOING" -> (int) Math.min(99, (now - a.start) * 100 / Math.max(1, a.duration));
            default -> 100;
        };
        boolean ended = status.equals("DONE") || status.equals("FAILED");
        return new AsyncTaskView(a.id, s.id, a.type, a.objectId, status, status.equals("DOING"), progress,
            status.equals("DONE") ? a.result : "", status.equals("FAILED") ? a.failure : "",
            status.equals("INIT") ? "" : format(a.start), ended ? format(a.end()) : "", format(a.createTime),
            pins.get(MmsKind.ASYNC_TASK, a.id));
    }

    /** A metadata scan seen through GetMmsAsyncTask: its id doubles as an async task id. */
    AsyncTaskView scanAsAsync(SimSource s, Scan scan, long now) {
        ScanView v = scanView(s, scan, now);
        Pin pin = v.pin();
        String scanStatus = Pin.text(pin, "status", v.status());
        String status = switch (scanStatus) {
            case Scan.DOING -> "DOING";
            case Scan.DONE -> "DONE";
            case Scan.FAILED -> "FAILED";
            default -> scanStatus;
        };
        long progress = pin == null ? v.progress() : pin.number("progress", v.progress());
        return new AsyncTaskView(scan.id, s.id, Fleet.SCAN_ASYNC_TYPE, s.id, status, status.equals("DOING"),
            (int) Math.min(100, Math.max(0, progress / 100)), Pin.text(pin, "result", v.result()),
            Pin.text(pin, "errorMsg", v.errorMsg()), Pin.text(pin, "startTime", v.startTime()),
            Pin.text(pin, "endTime", v.endTime()), format(scan.start), pins.get(MmsKind.ASYNC_TASK, scan.id));
    }
}

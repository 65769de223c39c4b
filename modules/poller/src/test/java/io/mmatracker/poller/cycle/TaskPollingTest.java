package io.mmatracker.poller.cycle;

import static io.mmatracker.poller.FakeMma.job;
import static io.mmatracker.poller.FakeMma.table;
import static io.mmatracker.poller.FakeMma.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mmatracker.poller.FakeMma;
import io.mmatracker.testkit.MutableClock;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.RecordingSink;
import io.mmatracker.poller.budget.BudgetConfig;
import io.mmatracker.poller.budget.RequestBudget;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.poller.watch.AsyncTaskWatches;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.TaskSnapshot;

/** Given jobs with many tasks, the poller lists moving tasks by status and reads a failed task's log once. */
class TaskPollingTest {

    private static final long SRC = 2000015L;

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final FakeMma mma = new FakeMma();
    private final RecordingSink sink = new RecordingSink();
    private final ChangeDetector detector = new ChangeDetector();
    private final PollerConfig config = PollerConfig.builder("http://mma.test:8080").pollerId("p1").pageSize(100).build();
    private SourceCycle cycle;

    @BeforeEach
    void setUp() {
        PollerMetrics metrics = new PollerMetrics(clock);
        var budget = new RequestBudget(BudgetConfig.withCeiling(1000), clock, new Random(1), clock::advance);
        var calls = new MmaCalls(budget, metrics, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                clock::advance, new Random(2));
        cycle = new SourceCycle(config, mma, calls, detector, sink, new AsyncTaskWatches(), metrics, clock);
        mma.addSource(SRC, "STARTED");
        mma.putJob(SRC, job(SRC, 10, "DOING"));
        // 250 tasks: 5 moving, the rest waiting in INIT
        for (long id = 1; id <= 250; id++) {
            mma.putTask(SRC, task(SRC, id, 10, id <= 5 ? "DATA_DOING" : "INIT"));
        }
    }

    @Test
    void anActiveCycleCostsOneListPerMovingStatusNotOneCallPerTask() throws Exception {
        cycle.run(SRC, true);
        assertThat(sink.published(ObjectKind.TASK)).hasSize(250);
        mma.clearCalls();

        cycle.run(SRC, false);

        assertThat(mma.count("ListMmsTasks")).isEqualTo(TaskPolling.MOVING_STATUSES.size());
        assertThat(mma.count("GetMmsTask")).isZero();
        assertThat(mma.count("ListMmsTaskLogs")).isZero();
    }

    @Test
    void aLargeSourcesFirstListingOfTasksWaitsForItsNextCycleSoTheNextSourcesTablesGoFirst() throws Exception {
        for (long id = 1; id <= 150; id++) {
            mma.putTable(SRC, table(SRC, id, "DONE"));
        }

        cycle.run(SRC, true);

        assertThat(sink.published(ObjectKind.TABLE)).as("two pages of tables").hasSize(150);
        assertThat(sink.published(ObjectKind.TASK)).isEmpty();

        cycle.run(SRC, false);

        assertThat(sink.published(ObjectKind.TASK)).hasSize(250);
        mma.clearCalls();
        cycle.run(SRC, false);
        assertThat(mma.count("ListMmsTasks")).as("listed in full once").isEqualTo(TaskPolling.MOVING_STATUSES.size());
    }

    @Test
    void aTaskThatFailsIsReadOnceWithItsLastFailingStepAndItsJobCountsIt() throws Exception {
        cycle.run(SRC, true);
        mma.putTask(SRC, task(SRC, 3, 10, "DATA_FAILED"));
        mma.source(SRC).taskLogs.put(3L, List.of(
                step(1, "DATA_DOING", "insert overwrite table t3 select * from s.t3", "ok"),
                step(2, "DATA_FAILED", "insert overwrite table t3 select * from s.t3 -- password=hunter2",
                        "ODPS-0130071: quota exceeded"),
                step(3, "DATA_FAILED", "cleanup", "ok")));
        sink.clear();
        mma.clearCalls();

        cycle.run(SRC, false);

        assertThat(mma.count("GetMmsTask")).as("one finished task: fetched, not its whole job listed").isEqualTo(1);
        assertThat(mma.count("ListMmsTaskLogs")).isEqualTo(1);
        TaskSnapshot failed = (TaskSnapshot) sink.published(ObjectKind.TASK).get(0).snapshot();
        assertThat(failed.getTask().getStatus()).isEqualTo("DATA_FAILED");
        assertThat(failed.getFailedStep().getId()).isEqualTo(3L);
        assertThat(failed.getFailedStep().getMsg()).isEqualTo("ok");

        // the job fails: its tasks are listed before it, and its snapshot names the failed table
        mma.putJob(SRC, job(SRC, 10, "FAILED"));
        sink.clear();
        mma.clearCalls();
        cycle.run(SRC, false);

        assertThat(mma.calls()).containsSubsequence("ListMmsTasks", "GetMmsJob");
        assertThat(mma.count("ListMmsTaskLogs")).as("the log is read once").isZero();
        JobSnapshot job = (JobSnapshot) sink.published(ObjectKind.JOB).get(0).snapshot();
        assertThat(job.getFailedTaskCount()).isEqualTo(1);
        assertThat(job.getFailedTasks()).singleElement().satisfies(f -> {
            assertThat(f.getTableName()).isEqualTo("db.t3");
            assertThat(f.getStatus()).isEqualTo("DATA_FAILED");
        });
    }

    @Test
    void theFailingStepIsTheLastInAFailedStatusRedactedAndBounded() throws Exception {
        cycle.run(SRC, true);
        mma.putTask(SRC, task(SRC, 4, 10, "SCHEMA_FAILED"));
        mma.source(SRC).taskLogs.put(4L, List.of(
                step(1, "SCHEMA_DOING", "create table t4", "ok"),
                step(2, "SCHEMA_FAILED", "create table t4 with ('odps.secret.key'='AbC')", "x".repeat(10_000))));

        cycle.run(SRC, false);

        TaskSnapshot failed = (TaskSnapshot) sink.published(ObjectKind.TASK).stream()
                .filter(p -> p.ref().objectId() == 4 && !p.isTombstone()
                        && ((TaskSnapshot) p.snapshot()).getFailedStep() != null)
                .findFirst().orElseThrow().snapshot();
        assertThat(failed.getFailedStep().getAction()).isEqualTo("create table t4 with ('odps.secret.key'='******')");
        assertThat(failed.getFailedStep().getMsg()).hasSizeLessThanOrEqualTo(2_000);
    }

    @Test
    void manyTasksOfOneJobFinishingTogetherListTheJobInsteadOfFetchingEach() throws Exception {
        cycle.run(SRC, true);
        for (long id = 1; id <= 5; id++) {
            mma.putTask(SRC, task(SRC, id, 10, "DONE"));
        }
        mma.clearCalls();

        cycle.run(SRC, false);

        assertThat(mma.count("GetMmsTask")).isZero();
        assertThat(mma.count("ListMmsTasks")).as("6 moving statuses + the job's 3 pages")
                .isEqualTo(TaskPolling.MOVING_STATUSES.size() + 3);
        assertThat(detector.moving(ObjectKind.TASK, SRC)).isEmpty();
    }

    @Test
    void logReadsTakeAtMostTheirShareOfTheBudgetAndWaitingFailuresAreReadOldestFirst() throws Exception {
        // 0.01 of 20 requests/s: one log read per 5 s (one active interval's worth at most)
        PollerConfig tight = config.toBuilder().taskLogShare(0.01).build();
        PollerMetrics metrics = new PollerMetrics(clock);
        var budget = new RequestBudget(BudgetConfig.withCeiling(1000), clock, new Random(1), clock::advance);
        var calls = new MmaCalls(budget, metrics, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                clock::advance, new Random(2));
        SourceCycle bounded = new SourceCycle(tight, mma, calls, detector, sink, new AsyncTaskWatches(), metrics, clock);
        bounded.run(SRC, true);
        for (long id = 1; id <= 3; id++) {
            mma.putTask(SRC, task(SRC, id, 10, "DATA_FAILED"));
            mma.source(SRC).taskLogs.put(id, List.of(step(id, "DATA_FAILED", "insert into t" + id, "quota " + id)));
        }
        sink.clear();
        mma.clearCalls();

        bounded.run(SRC, false);

        assertThat(mma.count("ListMmsTaskLogs")).as("within the share").isEqualTo(1);
        assertThat(sink.published(ObjectKind.TASK)).as("every failure is published at once").hasSize(3)
                .allSatisfy(p -> assertThat(((TaskSnapshot) p.snapshot()).getTask().getStatus()).isEqualTo("DATA_FAILED"));
        assertThat(steps()).containsExactly("quota 1", null, null);
        assertThat(bounded.tasks().deferredLogs()).isEqualTo(2);

        // the next cycles read the waiting logs, oldest failure first, and publish those tasks again with their step
        for (String expected : List.of("quota 2", "quota 3")) {
            sink.clear();
            mma.clearCalls();
            clock.advance(Duration.ofSeconds(5));
            bounded.run(SRC, false);
            assertThat(mma.count("ListMmsTaskLogs")).isEqualTo(1);
            assertThat(steps()).containsExactly(expected);
        }
        assertThat(bounded.tasks().deferredLogs()).isZero();
        sink.clear();
        mma.clearCalls();
        clock.advance(Duration.ofSeconds(5));
        bounded.run(SRC, false);
        assertThat(mma.count("ListMmsTaskLogs")).as("each log read once").isZero();
    }

    /** The failing step's message of each task published since the last clear, in publishing order. */
    private List<String> steps() {
        return sink.published(ObjectKind.TASK).stream().map(p -> ((TaskSnapshot) p.snapshot()).getFailedStep())
                .map(step -> step == null ? null : step.getMsg()).toList();
    }

    private static MmsTaskLog step(long id, String status, String action, String msg) {
        return MmsTaskLog.newBuilder().setId(id).setTaskId(3L).setSourceId(SRC).setStatus(status).setAction(action)
                .setMsg(msg).setCreateTime("2026-01-01 00:00:0" + id).build();
    }
}

package io.mmatracker.poller.cycle;

import static io.mmatracker.poller.FakeMma.job;
import static io.mmatracker.poller.FakeMma.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.mmatracker.client.MmaException;
import io.mmatracker.poller.FakeMma;
import io.mmatracker.testkit.MutableClock;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.RecordingSink;
import io.mmatracker.poller.RecordingSink.Published;
import io.mmatracker.poller.budget.BudgetConfig;
import io.mmatracker.poller.budget.RequestBudget;
import io.mmatracker.poller.cycle.SourceCycle.Outcome;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.schema.kind.ObjectRef;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.poller.watch.AsyncTaskWatches;
import io.mmatracker.schema.ConfigItem;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.ObjectKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceCycleTest {

    private static final long SRC = 2000015;

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final FakeMma mma = new FakeMma();
    private final RecordingSink sink = new RecordingSink();
    private final ChangeDetector detector = new ChangeDetector();
    private final PollerMetrics metrics = new PollerMetrics(clock);
    private final AsyncTaskWatches watches = new AsyncTaskWatches();
    private final PollerConfig config = PollerConfig.builder("http://mma.test:8080").pollerId("p1")
            .region("cn-shanghai").pageSize(100).trackTasks(false).build();
    private RequestBudget budget;
    private SourceCycle cycle;

    @BeforeEach
    void setUp() {
        budget = new RequestBudget(BudgetConfig.withCeiling(1000), clock, new Random(1), clock::advance);
        MmaCalls calls = new MmaCalls(budget, metrics, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                clock::advance, new Random(2));
        cycle = new SourceCycle(config, mma, calls, detector, sink, watches, metrics, clock);
    }

    /** A source with a finished scan, {@code jobs} jobs of which the first {@code movingJobs} run, same for tables. */
    private void fleet(int jobs, int movingJobs, int tables, int movingTables) {
        FakeMma.Source source = mma.addSource(SRC, "STARTED");
        source.dataSource = MmsDataSource.newBuilder(source.dataSource).setScanId(77L).setConfig(List.of(
                ConfigItem.newBuilder().setKey("hive.password").setType("password").setValue("\"s3cret\"").build(),
                ConfigItem.newBuilder().setKey("hive.uri").setType("string").setValue("\"thrift://h:9083\"").build()))
                .build();
        source.scans.put(77L, MmsFetchMetadataJob.newBuilder().setId(77L).setSourceId(SRC).setStatus("SCAN_DONE")
                .setEndTime("2026-01-01 00:00:00").build());
        for (long id = 1; id <= jobs; id++) {
            mma.putJob(SRC, job(SRC, id, id <= movingJobs ? "DOING" : "DONE"));
        }
        for (long id = 1; id <= tables; id++) {
            mma.putTable(SRC, table(SRC, id, id <= movingTables ? "DOING" : "DONE"));
        }
    }

    private void settle() throws InterruptedException {
        assertThat(cycle.run(SRC, true)).isEqualTo(Outcome.POLLED);
        sink.clear();
        mma.clearCalls();
    }

    @Test
    void aFirstReconciliationPublishesEveryObjectWithItsMeta() throws InterruptedException {
        fleet(3, 1, 250, 2);

        cycle.run(SRC, true);

        assertThat(sink.published(ObjectKind.DATA_SOURCE)).hasSize(1);
        assertThat(sink.published(ObjectKind.SCAN)).hasSize(1);
        assertThat(sink.published(ObjectKind.JOB)).hasSize(3);
        assertThat(sink.published(ObjectKind.TABLE)).hasSize(250);
        assertThat(sink.published()).noneMatch(Published::isTombstone);
        JobSnapshot job = (JobSnapshot) sink.published(ObjectKind.JOB).get(0).snapshot();
        assertThat(job.getMeta().getEndpoint()).isEqualTo("http://mma.test:8080");
        assertThat(job.getMeta().getRegion()).isEqualTo("cn-shanghai");
        assertThat(job.getMeta().getPollerId()).isEqualTo("p1");
        assertThat(job.getMeta().getObservedAt()).isEqualTo(clock.instant());
        assertThat(sink.published(ObjectKind.JOB).get(0).ref().key()).isEqualTo("2000015/1");
    }

    @Test
    void aDataSourceIsRedactedBeforeItIsPublished() throws InterruptedException {
        fleet(0, 0, 0, 0);

        cycle.run(SRC, true);

        DataSourceSnapshot snapshot = (DataSourceSnapshot) sink.published(ObjectKind.DATA_SOURCE).get(0).snapshot();
        assertThat(snapshot.toString()).doesNotContain("s3cret").contains("thrift://h:9083");
    }

    @Test
    void anUnchangedFleetPublishesNothingAcrossTenCycles() throws InterruptedException {
        fleet(20, 3, 300, 10);
        settle();

        for (int i = 0; i < 10; i++) {
            cycle.run(SRC, i == 5);
        }

        assertThat(sink.published()).isEmpty();
    }

    @Test
    void anActiveCycleCostsRequestsForMovingObjectsOnlyNotForTheFleet() throws InterruptedException {
        fleet(200, 2, 2_000, 50);
        settle();

        cycle.run(SRC, false);

        // the data source, one page per active job status, one page of moving tables; the finished scan is not read
        assertThat(mma.calls()).containsExactlyInAnyOrder("GetMmsDataSource", "ListMmsJobs", "ListMmsJobs",
                "ListMmsTables");
    }

    @Test
    void aServerThatSendsShorterPagesThanAskedForIsStillListedToTheEnd() throws InterruptedException {
        // MMA documents total but no largest page size: a short page alone must not end the listing
        fleet(250, 0, 0, 0);
        mma.capPageSize(30);

        assertThat(cycle.run(SRC, true)).isEqualTo(Outcome.POLLED);

        assertThat(sink.published()).filteredOn(p -> p.ref().kind() == ObjectKind.JOB).hasSize(250);
        assertThat(mma.count("ListMmsJobs")).isEqualTo(9);
    }

    @Test
    void anObjectLeavingTheActiveListIsFetchedOnceForItsFinalState() throws InterruptedException {
        fleet(5, 2, 5, 0);
        settle();
        mma.editJob(SRC, 1, j -> j.setStatus("DONE").setTaskDone(10));

        cycle.run(SRC, false);

        assertThat(mma.count("GetMmsJob")).isEqualTo(1);
        assertThat(sink.published(ObjectKind.JOB)).singleElement()
                .satisfies(p -> assertThat(((MmsJob) p.data()).getStatus()).isEqualTo("DONE"));

        mma.clearCalls();
        cycle.run(SRC, false);
        assertThat(mma.count("GetMmsJob")).isZero();
    }

    @Test
    void aFinishedObjectThatIsRetriedIsSeenAgainByTheActiveList() throws InterruptedException {
        fleet(5, 0, 0, 0);
        settle();
        mma.editJob(SRC, 4, j -> j.setStatus("DOING"));

        cycle.run(SRC, false);

        assertThat(sink.published(ObjectKind.JOB)).singleElement()
                .satisfies(p -> assertThat(p.ref()).isEqualTo(new ObjectRef(ObjectKind.JOB, SRC, 4)));
    }

    @Test
    void aDeletedMovingObjectBecomesATombstoneAtTheNextActiveCycle() throws InterruptedException {
        fleet(5, 2, 0, 0);
        settle();
        mma.source(SRC).jobs.remove(2L);

        cycle.run(SRC, false);

        assertThat(sink.published()).singleElement().satisfies(p -> {
            assertThat(p.isTombstone()).isTrue();
            assertThat(p.ref().key()).isEqualTo("2000015/2");
        });
    }

    @Test
    void aDeletedFinishedObjectBecomesATombstoneAtReconciliationOnlyAfterAGetConfirmsIt()
            throws InterruptedException {
        fleet(0, 0, 120, 0);
        settle();
        mma.source(SRC).tables.remove(7L);

        cycle.run(SRC, false);
        assertThat(sink.published()).as("an active cycle does not look at finished tables").isEmpty();

        cycle.run(SRC, true);
        assertThat(mma.count("GetMmsTable")).isEqualTo(1);
        assertThat(sink.published()).singleElement().satisfies(p -> {
            assertThat(p.isTombstone()).isTrue();
            assertThat(p.ref().key()).isEqualTo("2000015/7");
        });
    }

    @Test
    void aVanishedDataSourceTombstonesEverythingKnownOfIt() throws InterruptedException {
        fleet(2, 1, 3, 0);
        settle();
        mma.removeSource(SRC);

        assertThat(cycle.run(SRC, false)).isEqualTo(Outcome.SOURCE_GONE);

        // the data source, its scan, 2 jobs, 3 tables
        assertThat(sink.published()).hasSize(7).allMatch(Published::isTombstone);
        assertThat(detector.sources()).doesNotContain(SRC);
    }

    @Test
    void anUnreadableAnswerIsCountedAndSkippedWithoutTombstones() throws InterruptedException {
        fleet(5, 2, 0, 0);
        settle();
        mma.failNext("ListMmsJobs", new MmaException.Malformed("ListMmsJobs", 200, "req", "objectList is not an array", null));
        mma.source(SRC).jobs.remove(1L);

        assertThat(cycle.run(SRC, false)).isEqualTo(Outcome.POLLED);
        assertThat(metrics.malformed()).isEqualTo(1);
        assertThat(sink.published()).as("an incomplete list proves nothing").isEmpty();

        mma.failNext("GetMmsJob", new MmaException.Malformed("GetMmsJob", 200, "req", "status is a number", null));
        cycle.run(SRC, false);
        assertThat(metrics.malformed()).isEqualTo(2);
        assertThat(sink.published()).isEmpty();

        cycle.run(SRC, false);
        assertThat(sink.published()).singleElement().matches(Published::isTombstone);
    }

    @Test
    void aFlakyAnswerIsRetriedWithinTheCycle() throws InterruptedException {
        fleet(5, 2, 0, 0);
        mma.failNext("ListMmsJobs", new MmaException.ServerError("ListMmsJobs", 500, "InternalError", "req", "oops"));
        mma.failNext("ListMmsJobs", new MmaException.Throttled("ListMmsJobs", 400, "Throttling.User", "req", "slow"));

        assertThat(cycle.run(SRC, true)).isEqualTo(Outcome.POLLED);

        assertThat(sink.published(ObjectKind.JOB)).hasSize(5);
        assertThat(metrics.requests("ListMmsJobs", "server_error")).isEqualTo(1);
        assertThat(metrics.requests("ListMmsJobs", "ok")).isEqualTo(1);
    }

    @Test
    void aFailureThatPersistsEndsTheCycleAndThrottlingSlowsTheBudget() {
        fleet(5, 2, 0, 0);
        for (int i = 0; i < MmaCalls.ATTEMPTS; i++) {
            mma.failNext("ListMmsJobs", new MmaException.Throttled("ListMmsJobs", 400, "Throttling.User", "req",
                    "flow control"));
        }

        assertThatThrownBy(() -> cycle.run(SRC, false)).isInstanceOf(MmaException.Throttled.class);

        assertThat(budget.rate()).isLessThan(1000.0);
        assertThat(metrics.requests("ListMmsJobs", "throttled")).isEqualTo(MmaCalls.ATTEMPTS);
        assertThat(metrics.throttled()).isEqualTo(MmaCalls.ATTEMPTS);
    }

    @Test
    void anAuthorizationFailureIsNotRetried() {
        fleet(5, 2, 0, 0);
        mma.failNext("GetMmsDataSource", new MmaException.Unauthorized("GetMmsDataSource", 403, "Forbidden.RAM",
                "req", "no permission"));

        assertThatThrownBy(() -> cycle.run(SRC, false)).isInstanceOf(MmaException.Unauthorized.class);
        assertThat(mma.count("GetMmsDataSource")).isEqualTo(1);
    }

    @Test
    void aWatchedAsyncTaskIsPolledUntilItFinishesThenNoMore() throws InterruptedException {
        fleet(0, 0, 0, 0);
        mma.source(SRC).asyncTasks.put(5L, MmsAsyncTask.newBuilder().setId(5L).setSourceId(SRC)
                .setType("TASK_CREATE").setStatus("DOING").setRunning(true).build());
        watches.add(SRC, 5);
        watches.add(SRC, 6);
        settle();

        cycle.run(SRC, false);
        assertThat(mma.count("GetMmsAsyncTask")).as("task 5 still runs; task 6 was unknown and dropped").isEqualTo(1);
        mma.source(SRC).asyncTasks.put(5L, MmsAsyncTask.newBuilder(mma.source(SRC).asyncTasks.get(5L))
                .setStatus("DONE").setRunning(false).setEndTime("2026-01-01 00:01:00").build());

        cycle.run(SRC, false);
        assertThat(sink.published(ObjectKind.ASYNC_TASK)).singleElement()
                .satisfies(p -> assertThat(((MmsAsyncTask) p.data()).getStatus()).isEqualTo("DONE"));
        mma.clearCalls();

        cycle.run(SRC, false);
        assertThat(mma.count("GetMmsAsyncTask")).isZero();
    }

    @Test
    void aRunningScanIsFollowedAndItsIdWatchedAsAnAsyncTask() throws InterruptedException {
        fleet(0, 0, 0, 0);
        FakeMma.Source source = mma.source(SRC);
        source.scans.put(77L, MmsFetchMetadataJob.newBuilder(source.scans.get(77L)).setStatus("SCAN_DOING")
                .setEndTime(null).setProgress(5000.0).build());
        source.asyncTasks.put(77L, MmsAsyncTask.newBuilder().setId(77L).setSourceId(SRC).setStatus("DOING")
                .setRunning(true).build());
        settle();

        cycle.run(SRC, false);
        assertThat(mma.calls()).contains("GetMmsFetchMetadataJob", "GetMmsAsyncTask");
        assertThat(watches.of(SRC)).containsExactly(77L);
    }

    @Test
    void aRecordKafkaLostIsReadAndSentAgainByTheNextActiveCycle() throws InterruptedException {
        fleet(0, 0, 4, 0);
        sink.loseNext(2);

        cycle.run(SRC, true);
        assertThat(metrics.registry().get("mma_poller_publish_failures_total").counter().count()).isPositive();
        List<Published> firstRound = sink.published();
        sink.clear();

        cycle.run(SRC, false);
        assertThat(sink.published()).hasSize(2);
        assertThat(firstRound.size() + sink.published().size()).isEqualTo(1 + 1 + 4);
    }

    @Test
    void waitingTablesAreNotPolledButOnesThatFinishUnseenAreNoticedByTheCounters() throws InterruptedException {
        fleet(0, 0, 300, 0);
        FakeMma.Source source = mma.source(SRC);
        for (long id = 1; id <= 300; id++) {
            mma.editTable(SRC, id, t -> t.setStatus(t.getId() <= 200 ? "INIT" : "DONE"));
        }
        source.dataSource = MmsDataSource.newBuilder(source.dataSource).setTablesDoneNum(100).setTablesDoingNum(0)
                .setTablesFailedNum(0).setTablesPartDoneNum(0).build();
        settle();

        assertThat(cycle.run(SRC, false)).isEqualTo(Outcome.POLLED);
        assertThat(mma.count("ListMmsTables")).as("200 waiting tables cost nothing").isEqualTo(1);

        // table 5 goes INIT -> DONE between two cycles: no active list ever shows it
        mma.editTable(SRC, 5, t -> t.setStatus("DONE"));
        source.dataSource = MmsDataSource.newBuilder(source.dataSource).setTablesDoneNum(101).build();
        assertThat(cycle.run(SRC, false)).isEqualTo(Outcome.BEHIND);

        cycle.run(SRC, true);
        assertThat(sink.published(ObjectKind.TABLE)).singleElement()
                .satisfies(p -> assertThat(p.ref().objectId()).isEqualTo(5));
        assertThat(cycle.run(SRC, false)).isEqualTo(Outcome.POLLED);
    }

    @Test
    void aTableSeenRunningAndFinishingLeavesTheCountersInStep() throws InterruptedException {
        fleet(0, 0, 3, 0);
        FakeMma.Source source = mma.source(SRC);
        mma.editTable(SRC, 1, t -> t.setStatus("INIT"));
        source.dataSource = MmsDataSource.newBuilder(source.dataSource).setTablesDoneNum(2).build();
        settle();

        mma.editTable(SRC, 1, t -> t.setStatus("DOING"));
        assertThat(cycle.run(SRC, false)).isEqualTo(Outcome.POLLED);
        mma.editTable(SRC, 1, t -> t.setStatus("DONE"));
        source.dataSource = MmsDataSource.newBuilder(source.dataSource).setTablesDoneNum(3).build();

        assertThat(cycle.run(SRC, false)).isEqualTo(Outcome.POLLED);
        assertThat(mma.count("GetMmsTable")).isEqualTo(1);
    }

    @Test
    void aSettledScanIsReadAgainOnlyWhenTheDataSourceReportsADifferentScanStatus() throws InterruptedException {
        fleet(0, 0, 0, 0);
        FakeMma.Source source = mma.source(SRC);
        source.dataSource = MmsDataSource.newBuilder(source.dataSource).setScanStatus("SCAN_DONE").build();
        settle();

        source.dataSource = MmsDataSource.newBuilder(source.dataSource).setTablesDoneNum(0).setDbNum(3).build();
        cycle.run(SRC, false);
        assertThat(mma.count("GetMmsFetchMetadataJob")).as("the data source changed, its scan did not").isZero();

        source.scans.put(77L, MmsFetchMetadataJob.newBuilder(source.scans.get(77L)).setStatus("SCAN_FAILED")
                .setErrorMsg("agent offline").build());
        source.dataSource = MmsDataSource.newBuilder(source.dataSource).setScanStatus("SCAN_FAILED").build();
        cycle.run(SRC, false);
        assertThat(mma.count("GetMmsFetchMetadataJob")).isEqualTo(1);
        assertThat(sink.published(ObjectKind.SCAN)).singleElement()
                .satisfies(p -> assertThat(((MmsFetchMetadataJob) p.data()).getStatus()).isEqualTo("SCAN_FAILED"));
    }
}

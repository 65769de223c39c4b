package io.mmatracker.poller.run;

import static io.mmatracker.poller.FakeMma.job;
import static io.mmatracker.poller.FakeMma.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.mmatracker.poller.FakeMma;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.RecordingSink;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.PollWatermark;
import io.mmatracker.schema.kind.ObjectRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller's logic without a broker: an in-memory sink, MMA faked, the coordination group played by the test. */
class PollerCoreTest {

    private static final int PARTITIONS = 4;
    private static final Set<Integer> ALL = Set.copyOf(IntStream.range(0, PARTITIONS).boxed().toList());
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeMma mma = new FakeMma();
    private final RecordingSink sink = new RecordingSink();
    private final PollerConfig config = PollerConfig.builder("http://mma.test").pollerId("core-test")
            .activeInterval(Duration.ofMillis(50)).reconcileInterval(Duration.ofMinutes(10))
            .requestsPerSecond(1000).build();
    private volatile boolean owning;
    private PollerCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.stop();
        }
    }

    private void start() {
        start(config, (wanted, visitor, timeout) -> 0);
    }

    private void start(PollerConfig settings, Ownership.Restorer restorer) {
        core = new PollerCore(settings, mma, Clock.systemUTC(), sink, restorer, id -> owning);
        core.start();
    }

    private long listings() {
        return mma.calls().stream().filter("ListMmsDataSources"::equals).count();
    }

    @Test
    void discoveryDoesNotPollASourceWhosePublishedObjectsAreStillBeingReadBack() throws Exception {
        mma.addSource(1, "STARTED");
        mma.putJob(1, job(1, 10, "DONE"));
        CountDownLatch restoring = new CountDownLatch(1);
        CountDownLatch restoreMayEnd = new CountDownLatch(1);
        start(PollerConfig.builder("http://mma.test").pollerId("core-test").activeInterval(Duration.ofMillis(50))
                .reconcileInterval(Duration.ofMinutes(10)).discoveryInterval(Duration.ofMillis(50))
                .requestsPerSecond(1000).build(), (wanted, visitor, timeout) -> {
                    restoring.countDown();
                    try {
                        restoreMayEnd.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 0;
                });
        // the coordination group counts the partitions as owned before it calls the listener (on its own thread)
        owning = true;
        Thread kafkaThread = new Thread(() -> core.ownership().acquired(ALL, PARTITIONS), "test-kafka");
        kafkaThread.start();
        restoring.await();
        long discoveredBefore = listings();

        // discovery keeps listing the sources meanwhile, but leaves them to the end of the read-back
        await().atMost(WAIT).until(() -> listings() >= discoveredBefore + 3);
        assertThat(core.sources()).isEmpty();
        assertThat(sink.published(ObjectKind.JOB)).isEmpty();

        restoreMayEnd.countDown();
        kafkaThread.join();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(core.sources()).containsExactly(1L);
            assertThat(sink.published(ObjectKind.JOB)).extracting(p -> p.ref().key()).contains("1/10");
        });
    }

    @Test
    void discoveredSourcesOfOwnedPartitionsArePolledAndEachGetsAWatermark() {
        mma.addSource(1, "STARTED");
        mma.addSource(2, "STARTED");
        mma.putJob(1, job(1, 10, "DOING"));
        mma.putJob(2, job(2, 20, "DONE"));
        start();
        owning = true;
        core.ownership().acquired(ALL, PARTITIONS);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(sink.published(ObjectKind.JOB)).extracting(p -> p.ref().key()).contains("1/10", "2/20");
            assertThat(sink.watermarks()).extracting(PollWatermark::getSourceId).contains(1L, 2L);
        });
        assertThat(core.sources()).containsExactlyInAnyOrder(1L, 2L);
        PollWatermark first = sink.watermarks().stream().filter(w -> w.getSourceId() == 1L).findFirst().orElseThrow();
        assertThat(first.getLastSuccessAt()).isNotNull();
        assertThat(first.getErrorKind()).isNull();
        assertThat(first.getTrackedObjects()).containsEntry("JOB", 1L).containsEntry("DATA_SOURCE", 1L);
        // the running job is followed by the active cycle, the finished one is not
        await().atMost(WAIT).until(() -> core.movingObjects() == 1);
    }

    @Test
    void stoppingInterruptsALongFirstListingInsteadOfWaitingForIt() {
        mma.addSource(1, "STARTED");
        for (long id = 1; id <= 100; id++) {
            mma.putTable(1, table(1, id, "DONE"));
        }
        // 100 pages at 2 requests/s: the first listing would run for almost a minute, the close timeout is longer
        core = new PollerCore(PollerConfig.builder("http://mma.test").pollerId("stop-test").pageSize(1)
                .requestsPerSecond(2).closeTimeout(Duration.ofMinutes(5)).build(),
                mma, Clock.systemUTC(), sink, (wanted, visitor, timeout) -> 0, id -> owning);
        core.start();
        owning = true;
        core.ownership().acquired(ALL, PARTITIONS);
        await().atMost(WAIT).until(() -> !sink.published(ObjectKind.TABLE).isEmpty());

        long start = System.nanoTime();
        core.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the close timeout")
                .isLessThan(Duration.ofMinutes(1));
        assertThat(sink.published(ObjectKind.TABLE)).hasSizeLessThan(100);
        assertThat(sink.watermarks()).as("an interrupted cycle is no failure of its source")
                .allMatch(w -> w.getErrorKind() == null);
    }

    @Test
    void aSourceThatVanishesIsTombstonedAndItsWatermarkCleared() {
        mma.addSource(1, "STARTED");
        mma.putJob(1, job(1, 10, "DOING"));
        start();
        owning = true;
        core.ownership().acquired(ALL, PARTITIONS);
        await().atMost(WAIT).until(() -> !sink.watermarks().isEmpty());

        mma.removeSource(1);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(sink.published(ObjectKind.JOB)).anyMatch(p -> p.isTombstone()
                    && p.ref().equals(new ObjectRef(ObjectKind.JOB, 1, 10)));
            assertThat(sink.watermarks()).isEmpty();
            assertThat(core.sources()).isEmpty();
        });
    }

    @Test
    void releasedPartitionsStopTheirSourcesAndForgetWhatWasKnown() {
        mma.addSource(1, "STARTED");
        start();
        owning = true;
        core.ownership().acquired(ALL, PARTITIONS);
        await().atMost(WAIT).until(() -> core.sources().contains(1L) && !sink.watermarks().isEmpty());

        owning = false;
        core.ownership().released(ALL);

        assertThat(core.sources()).isEmpty();
        assertThat(core.trackedObjects().values()).allMatch(count -> count == 0);
        List<Long> polledAfter = sink.watermarks().stream().map(PollWatermark::getSourceId).toList();
        sink.clear();
        // nothing of it is polled any more
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> sink.watermarks().isEmpty());
        assertThat(polledAfter).contains(1L);
    }
}

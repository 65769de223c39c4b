package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.dataSource;
import static io.mmatracker.topology.Snapshots.job;
import static io.mmatracker.topology.Snapshots.table;
import static io.mmatracker.topology.TrackerDriver.T0;
import static io.mmatracker.topology.TrackerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.mmatracker.topology.summary.PendingDeltas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "How is source X doing" is one lookup, kept incrementally. */
class SourceSummaryTest {

    @TempDir
    Path stateDir;
    TrackerDriver tracker;

    @BeforeEach
    void start() {
        tracker = new TrackerDriver(stateDir);
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void onceThePendingDeltasAreSentAnIdleTaskRunsNoPunctuation() {
        tracker.tables.pipeInput(key(21), table(21, "DOING", 100, 20, 80, 0, T0));
        assertThat(tracker.summary().getTablesByStatus()).isEqualTo(Map.of("DOING", 1L));
        double afterFlush = tracker.punctuations();
        assertThat(afterFlush).as("the flush ran").isPositive();

        // Ten flush intervals without a record (well before the stall check's minute): no punctuation runs, so a
        // real task has nothing to commit. The flush was scheduled for good before, and committed every second.
        for (int i = 0; i < 10; i++) {
            tracker.advanceWallClock(PendingDeltas.FLUSH_INTERVAL);
        }
        assertThat(tracker.punctuations()).isEqualTo(afterFlush);

        // The next delta schedules the flush again.
        tracker.tables.pipeInput(key(22), table(22, "DONE", 50, 0, 50, 0, T0.plusSeconds(5)));
        assertThat(tracker.summary().getTablesByStatus()).isEqualTo(Map.of("DOING", 1L, "DONE", 1L));
        assertThat(tracker.punctuations()).isGreaterThan(afterFlush);
    }

    @Test
    void jobsAndTablesAreCountedByStatusWithPartitionTotals() {
        tracker.dataSources.pipeInput("2000015", dataSource("STARTED", null, T0));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        tracker.jobs.pipeInput(key(11), job(11, "DOING", 0, 10, T0));
        tracker.jobs.pipeInput(key(12), job(12, "DONE", 10, 10, T0));
        tracker.tables.pipeInput(key(21), table(21, "DOING", 100, 20, 80, 0, T0));
        tracker.tables.pipeInput(key(22), table(22, "DONE", 50, 0, 50, 0, T0.plusSeconds(5)));

        var summary = tracker.summary();
        assertThat(summary.getSourceId()).isEqualTo(Snapshots.SOURCE);
        assertThat(summary.getSourceName()).isEqualTo("demo");
        assertThat(summary.getJobsByStatus()).isEqualTo(Map.of("DOING", 2L, "DONE", 1L));
        assertThat(summary.getTablesByStatus()).isEqualTo(Map.of("DOING", 1L, "DONE", 1L));
        assertThat(summary.getPartitionsTotal()).isEqualTo(150);
        assertThat(summary.getPartitionsDoing()).isEqualTo(20);
        assertThat(summary.getPartitionsDone()).isEqualTo(130);
        assertThat(summary.getPartitionsFailed()).isZero();
        assertThat(summary.getOpenAlerts()).isZero();
        assertThat(summary.getUpdatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aChangeMovesAnObjectBetweenCountsAndADeletionRemovesIt() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        tracker.jobs.pipeInput(key(11), job(11, "DOING", 0, 10, T0));
        tracker.jobs.pipeInput(key(10), job(10, "DONE", 100, 100, T0.plusSeconds(60)));
        tracker.tables.pipeInput(key(21), table(21, "DOING", 100, 20, 80, 0, T0));
        tracker.tables.pipeInput(key(21), table(21, "DOING", 100, 10, 88, 2, T0.plusSeconds(60)));
        tracker.jobs.pipeInput(key(11), null, T0.plusSeconds(120));

        var summary = tracker.summary();
        assertThat(summary.getJobsByStatus()).isEqualTo(Map.of("DONE", 1L));
        assertThat(summary.getTablesByStatus()).isEqualTo(Map.of("DOING", 1L));
        assertThat(summary.getPartitionsDoing()).isEqualTo(10);
        assertThat(summary.getPartitionsDone()).isEqualTo(88);
        assertThat(summary.getPartitionsFailed()).isEqualTo(2);
    }

    @Test
    void openAlertsOfEveryKindAreCountedUntilResolved() {
        tracker.dataSources.pipeInput("2000015", dataSource("START_FAILED", "agent offline", T0));
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 5, 100, T0));
        tracker.tables.pipeInput(key(21), table(21, "DOING", 100, 20, 78, 2, T0));
        tracker.tables.pipeInput(key(22), table(22, "DOING", 10, 5, 5, 0, T0));
        assertThat(tracker.summary().getOpenAlerts()).isEqualTo(3);

        tracker.advanceWallClock(Duration.ofMinutes(31));
        assertThat(tracker.summary().getOpenAlerts()).isEqualTo(5);

        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0.plus(Duration.ofMinutes(40))));
        tracker.tables.pipeInput(key(21), null, T0.plus(Duration.ofMinutes(40)));
        assertThat(tracker.summary().getOpenAlerts()).isEqualTo(2);
    }

    @Test
    void aRepublishedSnapshotIsNotCountedTwice() {
        var snapshot = job(10, "DOING", 5, 100, T0);
        tracker.jobs.pipeInput(key(10), snapshot);
        tracker.jobs.pipeInput(key(10), snapshot);
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 4, 100, T0.minusSeconds(60)));

        assertThat(tracker.summary().getJobsByStatus()).isEqualTo(Map.of("DOING", 1L));
    }

    @Test
    void theDataSourceNamesItsSummaryAndAnEmptySummaryGoesAway() {
        tracker.jobs.pipeInput(key(10), job(10, "DONE", 100, 100, T0));
        assertThat(tracker.summary().getSourceName()).isEqualTo("demo");

        var renamed = dataSource("STARTED", null, T0.plusSeconds(10));
        renamed.getDataSource().setName("demo-renamed");
        tracker.dataSources.pipeInput("2000015", renamed);
        assertThat(tracker.summary().getSourceName()).isEqualTo("demo-renamed");

        tracker.jobs.pipeInput(key(10), null);
        tracker.dataSources.pipeInput("2000015", null);
        assertThat(tracker.summary()).isNull();
    }
}

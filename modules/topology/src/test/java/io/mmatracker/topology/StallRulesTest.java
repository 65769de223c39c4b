package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.asyncTask;
import static io.mmatracker.topology.Snapshots.dataSource;
import static io.mmatracker.topology.Snapshots.job;
import static io.mmatracker.topology.Snapshots.scan;
import static io.mmatracker.topology.Snapshots.table;
import static io.mmatracker.topology.TrackerDriver.T0;
import static io.mmatracker.topology.TrackerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ObjectKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An active object that stands still for the stall timeout (wall-clock time) raises one STALLED alert. */
class StallRulesTest {

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
    void aRunningJobWithoutProgressForTheTimeoutStallsOnce() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));

        tracker.advanceWallClock(Duration.ofMinutes(29));
        assertThat(tracker.alerts()).isEmpty();

        tracker.advanceWallClock(Duration.ofMinutes(2));
        var alerts = tracker.alerts();
        assertThat(alerts).hasSize(1);
        Alert stalled = alerts.get(0);
        assertThat(stalled.getType()).isEqualTo(AlertType.STALLED);
        assertThat(stalled.getState()).isEqualTo(AlertState.FIRING);
        assertThat(stalled.getAlertId()).isEqualTo("2000015/10:STALLED:" + T0.toEpochMilli());
        assertThat(stalled.getFirstSeenAt()).isEqualTo(T0);
        assertThat(stalled.getStatus()).isEqualTo("DOING");
        assertThat(stalled.getErrorMessage()).startsWith("no status or progress change for 30 minutes");
        assertThat(stalled.getContext()).containsEntry("jobName", "migrate_db_10");

        tracker.advanceWallClock(Duration.ofHours(3));
        assertThat(tracker.alerts()).isEmpty();
    }

    @Test
    void aMoveInTheMiddleOfACheckIntervalStallsOnlyOnceItsTimeoutHasPassed() {
        // the stall index rounds the last move down to the check interval (1 minute); the alert must not come early
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 6, 100, T0.plusSeconds(40)));

        tracker.advanceWallClock(Duration.ofMinutes(30));
        assertThat(tracker.alerts()).isEmpty();

        tracker.advanceWallClock(Duration.ofMinutes(1));
        assertThat(tracker.alerts()).extracting(Alert::getAlertId).containsExactly("2000015/10:STALLED:" + T0.plusSeconds(40).toEpochMilli());
        tracker.advanceWallClock(Duration.ofMinutes(5));
        assertThat(tracker.alerts()).isEmpty();
    }

    @Test
    void aJobThatKeepsMovingPastTheTimeoutStallsOnlyOnceItsTimeoutHasPassedSinceItsLastMove() {
        // its stall entry stays where the job first moved; the checks that meet it move it on instead of alerting
        for (int step = 0; step <= 5; step++) {
            tracker.jobs.pipeInput(key(10), job(10, "DOING", step, 100, T0.plus(Duration.ofMinutes(10L * step))));
            tracker.advanceWallClock(Duration.ofMinutes(10));
        }
        tracker.advanceWallClock(Duration.ofMinutes(19));
        assertThat(tracker.alerts()).isEmpty();

        tracker.advanceWallClock(Duration.ofMinutes(2));
        assertThat(tracker.alerts()).extracting(Alert::getAlertId)
                .containsExactly("2000015/10:STALLED:" + T0.plus(Duration.ofMinutes(50)).toEpochMilli());
        assertThat(stallEntries()).isEmpty();
    }

    @Test
    void aFinishedJobLeavesItsStallEntryForTheCheckToRemove() {
        tracker.jobs.pipeInput(key(11), job(11, "DOING", 1, 100, T0));
        tracker.jobs.pipeInput(key(11), job(11, "DONE", 100, 100, T0.plusSeconds(30)));
        assertThat(stallEntries()).hasSize(1);

        tracker.advanceWallClock(Duration.ofMinutes(31));
        assertThat(tracker.alerts()).isEmpty();
        assertThat(stallEntries()).isEmpty();
    }

    private List<String> stallEntries() {
        var keys = new ArrayList<String>();
        try (var all = tracker.<String>store(StoreNames.stallIndex(ObjectKind.JOB)).all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    @Test
    void aSnapshotWithoutNewStatusOrProgressDoesNotResetTheClock() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        var sameProgress = job(10, "DOING", 5, 100, T0.plus(Duration.ofMinutes(20)));
        sameProgress.getJob().setEta("soon");
        tracker.jobs.pipeInput(key(10), sameProgress);

        tracker.advanceWallClock(Duration.ofMinutes(31));

        assertThat(tracker.alerts()).extracting(Alert::getType).containsExactly(AlertType.STALLED);
    }

    @Test
    void progressBeforeTheTimeoutKeepsTheJobFromStalling() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        tracker.advanceWallClock(Duration.ofMinutes(20));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 6, 100, T0.plus(Duration.ofMinutes(20))));

        tracker.advanceWallClock(Duration.ofMinutes(20));
        assertThat(tracker.alerts()).isEmpty();

        tracker.advanceWallClock(Duration.ofMinutes(11));
        assertThat(tracker.alerts()).extracting(Alert::getAlertId)
                .containsExactly("2000015/10:STALLED:" + T0.plus(Duration.ofMinutes(20)).toEpochMilli());
    }

    @Test
    void movingAgainResolvesTheStallAndAnotherStallIsANewAlert() {
        tracker.tables.pipeInput(key(22), table(22, "DOING", 100, 50, 50, 0, T0));
        tracker.advanceWallClock(Duration.ofMinutes(31));
        var movedAt = T0.plus(Duration.ofMinutes(40));
        tracker.tables.pipeInput(key(22), table(22, "DOING", 100, 40, 60, 0, movedAt));
        tracker.advanceWallClock(Duration.ofMinutes(40));

        assertThat(tracker.alerts()).extracting(Alert::getAlertId, Alert::getState).containsExactly(
                tuple("2000015/22:STALLED:" + T0.toEpochMilli(), AlertState.FIRING),
                tuple("2000015/22:STALLED:" + T0.toEpochMilli(), AlertState.RESOLVED),
                tuple("2000015/22:STALLED:" + movedAt.toEpochMilli(), AlertState.FIRING));
    }

    @Test
    void finishingResolvesTheStall() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        tracker.advanceWallClock(Duration.ofMinutes(31));
        tracker.jobs.pipeInput(key(10), job(10, "DONE", 100, 100, T0.plus(Duration.ofMinutes(45))));
        tracker.advanceWallClock(Duration.ofHours(2));

        assertThat(tracker.alerts()).extracting(Alert::getType, Alert::getState).containsExactly(
                tuple(AlertType.STALLED, AlertState.FIRING),
                tuple(AlertType.STALLED, AlertState.RESOLVED));
    }

    @Test
    void objectsAtRestNeverStall() {
        tracker.jobs.pipeInput(key(10), job(10, "DONE", 100, 100, T0));
        tracker.jobs.pipeInput(key(11), job(11, "INIT", 0, 100, T0));
        var stopped = job(12, "DOING", 5, 100, T0);
        stopped.getJob().setStopped(true);
        tracker.jobs.pipeInput(key(12), stopped);
        tracker.tables.pipeInput(key(22), table(22, "FAILED", 10, 0, 0, 10, T0));
        tracker.dataSources.pipeInput("2000015", dataSource("STARTED", null, T0));

        var firing = tracker.alerts();
        tracker.advanceWallClock(Duration.ofHours(5));

        assertThat(firing).extracting(Alert::getType).doesNotContain(AlertType.STALLED);
        assertThat(tracker.alerts()).isEmpty();
    }

    @Test
    void aDataSourceStuckStartingStalls() {
        tracker.dataSources.pipeInput("2000015", dataSource("STARTING", null, T0));
        tracker.advanceWallClock(Duration.ofMinutes(31));

        assertThat(tracker.alerts()).extracting(Alert::getKey, Alert::getType)
                .containsExactly(tuple("2000015", AlertType.STALLED));
    }

    @Test
    void aDeletedObjectNoLongerStalls() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        tracker.jobs.pipeInput(key(10), null);
        tracker.advanceWallClock(Duration.ofMinutes(31));

        assertThat(tracker.alerts()).isEmpty();
    }

    @Test
    void aScanOrAsyncTaskReportingPlainDoneHasFinishedAndNeverStalls() {
        // the poller stops following them once they report DONE; before the kind catalog the topology still
        // expected a scan in plain DONE (not SCAN_DONE) and a DONE task still flagged running to move: a false STALLED
        tracker.scans.pipeInput(key(1000002), scan(1000002, "DONE", 10000, null, T0));
        tracker.asyncTasks.pipeInput(key(2523), asyncTask(2523, "DONE", true, null, T0));
        tracker.scans.pipeInput(key(1000003), scan(1000003, "SCAN_DOING", 5000, null, T0));

        tracker.advanceWallClock(Duration.ofMinutes(31));

        assertThat(tracker.alerts()).extracting(Alert::getKey, Alert::getType)
                .containsExactly(tuple(key(1000003), AlertType.STALLED));
    }
}

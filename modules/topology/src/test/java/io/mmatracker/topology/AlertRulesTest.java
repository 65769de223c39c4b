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

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ObjectKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One FIRING alert per transition into a failure, one RESOLVED alert per recovery. */
class AlertRulesTest {

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
    void aFailedJobFiresOnceWithAStableIdAndItsContext() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 7, 100, T0.plusSeconds(60)));
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 8, 100, T0.plusSeconds(120)));

        var alerts = tracker.alerts();
        assertThat(alerts).hasSize(1);
        Alert fired = alerts.get(0);
        assertThat(fired.getAlertId()).isEqualTo("2000015/10:JOB_FAILED:" + T0.plusSeconds(60).toEpochMilli());
        assertThat(fired.getType()).isEqualTo(AlertType.JOB_FAILED);
        assertThat(fired.getState()).isEqualTo(AlertState.FIRING);
        assertThat(fired.getKind()).isEqualTo(ObjectKind.JOB);
        assertThat(fired.getKey()).isEqualTo("2000015/10");
        assertThat(fired.getObjectId()).isEqualTo(10L);
        assertThat(fired.getStatus()).isEqualTo("FAILED");
        assertThat(fired.getErrorMessage()).contains("migrate_db_10");
        assertThat(fired.getFirstSeenAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(fired.getObservedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(fired.getContext())
                .containsEntry("sourceName", "demo").containsEntry("dbName", "mms_test").containsEntry("jobName", "migrate_db_10");
    }

    @Test
    void aRecoveryResolvesTheAlertUnderTheSameId() {
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 7, 100, T0));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 7, 100, T0.plusSeconds(60)));

        var alerts = tracker.alerts();
        assertThat(alerts).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        Alert resolved = alerts.get(1);
        assertThat(resolved.getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(resolved.getStatus()).isEqualTo("DOING");
        assertThat(resolved.getFirstSeenAt()).isEqualTo(T0);
        assertThat(resolved.getObservedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aSecondFailureAfterARecoveryIsANewAlert() {
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 7, 100, T0));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 7, 100, T0.plusSeconds(60)));
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 9, 100, T0.plusSeconds(120)));

        assertThat(tracker.alerts()).extracting(Alert::getAlertId, Alert::getState).containsExactly(
                tuple("2000015/10:JOB_FAILED:" + T0.toEpochMilli(), AlertState.FIRING),
                tuple("2000015/10:JOB_FAILED:" + T0.toEpochMilli(), AlertState.RESOLVED),
                tuple("2000015/10:JOB_FAILED:" + T0.plusSeconds(120).toEpochMilli(), AlertState.FIRING));
    }

    @Test
    void aFailedTableAndAPartlyDoneTableAreDifferentFailures() {
        tracker.tables.pipeInput(key(22), table(22, "FAILED", 10, 0, 4, 6, T0));
        tracker.tables.pipeInput(key(22), table(22, "PART_DONE", 10, 0, 9, 1, T0.plusSeconds(60)));
        tracker.tables.pipeInput(key(22), table(22, "DONE", 10, 0, 10, 0, T0.plusSeconds(120)));

        assertThat(tracker.alerts()).extracting(Alert::getType, Alert::getState).containsExactly(
                tuple(AlertType.TABLE_FAILED, AlertState.FIRING),
                tuple(AlertType.PARTITIONS_FAILED, AlertState.FIRING),
                tuple(AlertType.TABLE_FAILED, AlertState.RESOLVED),
                tuple(AlertType.TABLE_PART_DONE, AlertState.FIRING),
                tuple(AlertType.TABLE_PART_DONE, AlertState.RESOLVED),
                tuple(AlertType.PARTITIONS_FAILED, AlertState.RESOLVED));
    }

    @Test
    void failedPartitionsFireWhenTheyAppearAndResolveWhenNoneAreLeft() {
        tracker.tables.pipeInput(key(22), table(22, "DOING", 100, 50, 50, 0, T0));
        tracker.tables.pipeInput(key(22), table(22, "DOING", 100, 40, 57, 3, T0.plusSeconds(60)));
        tracker.tables.pipeInput(key(22), table(22, "DOING", 100, 30, 65, 5, T0.plusSeconds(120)));
        tracker.tables.pipeInput(key(22), table(22, "DOING", 100, 5, 95, 0, T0.plusSeconds(180)));

        var alerts = tracker.alerts();
        assertThat(alerts).extracting(Alert::getType, Alert::getState).containsExactly(
                tuple(AlertType.PARTITIONS_FAILED, AlertState.FIRING),
                tuple(AlertType.PARTITIONS_FAILED, AlertState.RESOLVED));
        assertThat(alerts.get(0).getErrorMessage()).isEqualTo("3 of 100 partitions of mms_test.t22 failed");
        assertThat(alerts.get(0).getContext())
                .containsEntry("partitionsFailed", "3").containsEntry("tableName", "t22").containsEntry("sourceName", "demo");
    }

    @Test
    void aScanFailsByStatusOrByAnErrorMessageAppearing() {
        tracker.scans.pipeInput(key(1000002), scan(1000002, "SCAN_DOING", 5000, null, T0));
        tracker.scans.pipeInput(key(1000002), scan(1000002, "SCAN_DOING", 6000, "null", T0.plusSeconds(10)));
        tracker.scans.pipeInput(key(1000002), scan(1000002, "SCAN_DOING", 6000, "unexpected exception", T0.plusSeconds(20)));
        tracker.scans.pipeInput(key(1000002), scan(1000002, "SCAN_FAILED", 6000, "unexpected exception", T0.plusSeconds(30)));
        tracker.scans.pipeInput(key(1000003), scan(1000003, "SCAN_FAILED", 100, null, T0));

        var alerts = tracker.alerts();
        assertThat(alerts).extracting(Alert::getKey, Alert::getType, Alert::getState, Alert::getErrorMessage).containsExactly(
                tuple("2000015/1000002", AlertType.SCAN_FAILED, AlertState.FIRING, "unexpected exception"),
                tuple("2000015/1000003", AlertType.SCAN_FAILED, AlertState.FIRING, "metadata scan 1000003 ended in SCAN_FAILED"));
    }

    @Test
    void anAsyncTaskFailsByStatusOrErrorMessage() {
        tracker.asyncTasks.pipeInput(key(2523), asyncTask(2523, "DOING", true, "null", T0));
        tracker.asyncTasks.pipeInput(key(2523), asyncTask(2523, "FAILED", false, "quota exceeded", T0.plusSeconds(10)));
        tracker.asyncTasks.pipeInput(key(2524), asyncTask(2524, "DONE", false, "table not found", T0));
        tracker.asyncTasks.pipeInput(key(2525), asyncTask(2525, "DONE", false, "null", T0));

        var alerts = tracker.alerts();
        assertThat(alerts).extracting(Alert::getKey, Alert::getType, Alert::getErrorMessage).containsExactly(
                tuple("2000015/2523", AlertType.ASYNC_TASK_FAILED, "quota exceeded"),
                tuple("2000015/2524", AlertType.ASYNC_TASK_FAILED, "table not found"));
        assertThat(alerts.get(0).getContext()).containsEntry("asyncTaskType", "TASK_CREATE");
    }

    @Test
    void aDataSourceThatFailsToStartOrStopFiresAndRecovers() {
        tracker.dataSources.pipeInput("2000015", dataSource("STARTING", null, T0));
        tracker.dataSources.pipeInput("2000015", dataSource("START_FAILED", "agent offline", T0.plusSeconds(10)));
        tracker.dataSources.pipeInput("2000015", dataSource("STARTED", null, T0.plusSeconds(20)));
        tracker.dataSources.pipeInput("2000015", dataSource("STOP_FAILED", null, T0.plusSeconds(30)));

        assertThat(tracker.alerts()).extracting(Alert::getType, Alert::getState, Alert::getErrorMessage).containsExactly(
                tuple(AlertType.DATA_SOURCE_FAILED, AlertState.FIRING, "agent offline"),
                tuple(AlertType.DATA_SOURCE_FAILED, AlertState.RESOLVED, "agent offline"),
                tuple(AlertType.DATA_SOURCE_FAILED, AlertState.FIRING, "data source demo is STOP_FAILED"));
    }

    @Test
    void aDeletedObjectResolvesItsOpenAlerts() {
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 7, 100, T0));
        tracker.jobs.pipeInput(key(10), null, T0.plus(Duration.ofHours(1)));

        var alerts = tracker.alerts();
        assertThat(alerts).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(alerts.get(1).getContext()).containsEntry("resolution", "deleted");
    }

    @Test
    void aStaleFailedSnapshotArrivingLateFiresNothing() {
        tracker.jobs.pipeInput(key(10), job(10, "DONE", 100, 100, T0.plusSeconds(60)));
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 7, 100, T0));

        assertThat(tracker.alerts()).isEmpty();
    }

    @Test
    void healthyObjectsFireNothing() {
        tracker.jobs.pipeInput(key(10), job(10, "DONE", 100, 100, T0));
        tracker.tables.pipeInput(key(22), table(22, "DONE", 100, 0, 100, 0, T0));
        tracker.dataSources.pipeInput("2000015", dataSource("STARTED", "null", T0));

        assertThat(tracker.alerts()).isEmpty();
    }
}

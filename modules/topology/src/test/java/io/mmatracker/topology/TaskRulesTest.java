package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.job;
import static io.mmatracker.topology.Snapshots.task;
import static io.mmatracker.topology.TrackerDriver.T0;
import static io.mmatracker.topology.TrackerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.TaskFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks as the sixth kind: their status changes, TASK_FAILED naming table, status and step, and the job's alert. */
class TaskRulesTest {

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
    void aFailedTaskFiresOnceWithTableStatusAndStepAndResolvesOnRetry() {
        tracker.tasks.pipeInput(key(501), task(501, "DATA_DOING", null, T0));
        tracker.tasks.pipeInput(key(501), task(501, "DATA_FAILED", "ODPS-0130071: partition quota exceeded", T0.plusSeconds(5)));
        tracker.tasks.pipeInput(key(501), task(501, "DATA_FAILED", "ODPS-0130071: partition quota exceeded", T0.plusSeconds(10)));
        tracker.tasks.pipeInput(key(501), task(501, "DATA_DOING", null, T0.plusSeconds(60)));

        List<StatusChange> changes = tracker.changes();
        assertThat(changes).extracting(StatusChange::getKind).containsOnly(ObjectKind.TASK);
        assertThat(changes).extracting(StatusChange::getChangeType, StatusChange::getToStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChangeType.CREATED, "DATA_DOING"),
                org.assertj.core.groups.Tuple.tuple(ChangeType.STATUS, "DATA_FAILED"),
                org.assertj.core.groups.Tuple.tuple(ChangeType.STATUS, "DATA_DOING"));
        assertThat(changes.get(1).getName()).isEqualTo("mms_test.t501");

        List<Alert> alerts = tracker.alerts();
        assertThat(alerts).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        Alert fired = alerts.get(0);
        assertThat(fired.getType()).isEqualTo(AlertType.TASK_FAILED);
        assertThat(fired.getKind()).isEqualTo(ObjectKind.TASK);
        assertThat(fired.getName()).isEqualTo("mms_test.t501");
        assertThat(fired.getStatus()).isEqualTo("DATA_FAILED");
        assertThat(fired.getErrorMessage()).isEqualTo("ODPS-0130071: partition quota exceeded");
        assertThat(fired.getContext()).containsEntry("tableName", "t501").containsEntry("dbName", "mms_test")
                .containsEntry("jobId", "10").containsEntry("jobName", "migrate_db_10")
                .containsEntry("step", "insert overwrite table mms_target.t501 select * from t501");
        assertThat(alerts.get(1).getAlertId()).isEqualTo(fired.getAlertId());
        assertThat(alerts.get(1).getStatus()).isEqualTo("DATA_DOING");
    }

    @Test
    void aFailedTaskWithoutALogStillSaysWhichTableAndStatus() {
        tracker.tasks.pipeInput(key(502), task(502, "SCHEMA_FAILED", null, T0));

        Alert fired = tracker.alerts().get(0);
        assertThat(fired.getErrorMessage()).isEqualTo("task of mms_test.t502 ended in SCHEMA_FAILED");
        assertThat(fired.getContext()).doesNotContainKey("step");
    }

    @Test
    void aFailedJobCarriesItsFailedTasksInTheAlertAndItsContext() {
        var first = List.of(failure(501, "DATA_FAILED", "quota exceeded"), failure(507, "SCHEMA_FAILED", "no such table"));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", T0, 0, null));
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", T0.plusSeconds(5), 7, first));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", T0.plusSeconds(60), 0, null));

        List<Alert> alerts = tracker.alerts();
        assertThat(alerts).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        Alert fired = alerts.get(0);
        assertThat(fired.getType()).isEqualTo(AlertType.JOB_FAILED);
        assertThat(fired.getFailedTaskCount()).isEqualTo(7);
        assertThat(fired.getFailedTasks()).isEqualTo(first);
        assertThat(fired.getErrorMessage()).isEqualTo(
                "job migrate_db_10 failed: 7 tasks failed (mms_test.t501 (DATA_FAILED), mms_test.t507 (SCHEMA_FAILED) and 5 more)");
        assertThat(fired.getContext()).containsEntry("failedTaskCount", "7")
                .containsEntry("failedTables", "mms_test.t501 (DATA_FAILED), mms_test.t507 (SCHEMA_FAILED) and 5 more");
        assertThat(alerts.get(1).getFailedTasks()).isNull();
    }

    @Test
    void theSummaryCountsTasksByStatus() {
        tracker.tasks.pipeInput(key(501), task(501, "DATA_DOING", null, T0));
        tracker.tasks.pipeInput(key(502), task(502, "DATA_DOING", null, T0));
        tracker.tasks.pipeInput(key(503), task(503, "DONE", null, T0));
        tracker.tasks.pipeInput(key(502), task(502, "DATA_FAILED", "boom", T0.plusSeconds(5)));
        tracker.tasks.pipeInput(key(503), null);

        assertThat(tracker.summary().getTasksByStatus()).isEqualTo(Map.of("DATA_DOING", 1L, "DATA_FAILED", 1L));
        assertThat(tracker.summary().getOpenAlerts()).isEqualTo(1);
    }

    private static TaskFailure failure(long taskId, String status, String message) {
        return TaskFailure.newBuilder().setTaskId(taskId).setTableName("mms_test.t" + taskId).setStatus(status)
                .setAction("insert overwrite ...").setMessage(message).build();
    }
}

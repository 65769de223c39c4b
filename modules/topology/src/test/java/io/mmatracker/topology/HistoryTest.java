package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.job;
import static io.mmatracker.topology.Snapshots.table;
import static io.mmatracker.topology.TrackerDriver.T0;
import static io.mmatracker.topology.TrackerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.topology.history.HistoryRecorder;
import io.mmatracker.topology.state.HistoryEntry;
import io.mmatracker.topology.state.ObjectHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each object's history: its status changes and alerts, newest first, bounded, gone with the object. */
class HistoryTest {

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

    private List<HistoryEntry> history(ObjectKind kind, long id) {
        ObjectHistory history = tracker.<ObjectHistory>store(StoreNames.history(kind)).get(key(id));
        return history == null ? null : history.getEntries();
    }

    private static String describe(HistoryEntry e) {
        return HistoryRecorder.ALERT.equals(e.getEvent())
                ? "alert " + e.getType() + " " + e.getState() + " " + e.getStatus()
                : e.getChangeType() + " " + e.getFromStatus() + "->" + e.getToStatus();
    }

    @Test
    void statusChangesAndAlertsAreKeptNewestFirstWithoutProgressOnlyChanges() {
        tracker.jobs.pipeInput(key(10), job(10, "INIT", 0, 100, T0));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0.plusSeconds(10)));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 50, 100, T0.plusSeconds(20)));
        tracker.jobs.pipeInput(key(10), job(10, "FAILED", 60, 100, T0.plusSeconds(30)));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 60, 100, T0.plusSeconds(40)));

        List<HistoryEntry> entries = history(ObjectKind.JOB, 10);
        assertThat(entries).extracting(HistoryTest::describe).containsExactly(
                "alert JOB_FAILED RESOLVED DOING",
                "STATUS FAILED->DOING",
                "alert JOB_FAILED FIRING FAILED",
                "STATUS DOING->FAILED",
                "STATUS INIT->DOING",
                "CREATED null->INIT");
        assertThat(entries).extracting(HistoryEntry::getObservedAt).containsExactly(
                T0.plusSeconds(40).toEpochMilli(), T0.plusSeconds(40).toEpochMilli(), T0.plusSeconds(30).toEpochMilli(),
                T0.plusSeconds(30).toEpochMilli(), T0.plusSeconds(10).toEpochMilli(), T0.toEpochMilli());
        assertThat(entries.get(3).getToProgress()).containsEntry("taskDone", 60L).containsEntry("taskNum", 100L);
        assertThat(entries.get(2).getAlertId()).isEqualTo("2000015/10:JOB_FAILED:" + T0.plusSeconds(30).toEpochMilli());
        assertThat(entries.get(2).getErrorMessage()).isNotBlank();
    }

    @Test
    void aStalledAlertIsPartOfTheHistory() {
        tracker.jobs.pipeInput(key(11), job(11, "DOING", 1, 10, T0));
        tracker.advanceWallClock(TrackerDriver.STALL_TIMEOUT.plus(Duration.ofMinutes(2)));

        assertThat(history(ObjectKind.JOB, 11)).extracting(HistoryTest::describe)
                .containsExactly("alert STALLED FIRING DOING", "CREATED null->DOING");
    }

    @Test
    void onlyTheNewestTwoHundredEntriesAreKept() {
        int snapshots = HistoryRecorder.MAX_ENTRIES + 50;
        for (int i = 0; i < snapshots; i++) {
            tracker.tables.pipeInput(key(7), table(7, i % 2 == 0 ? "INIT" : "DOING", 4, 0, 0, 0, T0.plusSeconds(i)));
        }

        List<HistoryEntry> entries = history(ObjectKind.TABLE, 7);
        assertThat(entries).hasSize(HistoryRecorder.MAX_ENTRIES);
        assertThat(entries.get(0).getObservedAt()).isEqualTo(T0.plusSeconds(snapshots - 1).toEpochMilli());
        assertThat(entries.get(HistoryRecorder.MAX_ENTRIES - 1).getObservedAt())
                .isEqualTo(T0.plusSeconds(snapshots - HistoryRecorder.MAX_ENTRIES).toEpochMilli());
        assertThat(entries).extracting(HistoryEntry::getChangeType).containsOnly("STATUS");
    }

    @Test
    void aDeletedObjectTakesItsHistoryWithItAndARecreatedOneStartsAfresh() {
        tracker.jobs.pipeInput(key(12), job(12, "DOING", 1, 10, T0));
        tracker.jobs.pipeInput(key(12), job(12, "FAILED", 1, 10, T0.plusSeconds(5)));
        assertThat(history(ObjectKind.JOB, 12)).hasSize(3);

        tracker.jobs.pipeInput(key(12), (io.mmatracker.schema.JobSnapshot) null);
        // the deletion resolves the open alert on mma.alerts, but the history went with the object
        assertThat(tracker.alerts()).extracting(a -> a.getState().name()).containsExactly("FIRING", "RESOLVED");
        assertThat(history(ObjectKind.JOB, 12)).isNull();

        tracker.jobs.pipeInput(key(12), job(12, "INIT", 0, 10, T0.plusSeconds(60)));
        assertThat(history(ObjectKind.JOB, 12)).extracting(HistoryTest::describe).containsExactly("CREATED null->INIT");
    }

    @Test
    void eachKindHasItsOwnHistoryButDataSourcesHaveNone() {
        tracker.scans.pipeInput(key(3), Snapshots.scan(3, "SCANNING", 0.5, null, T0));
        tracker.asyncTasks.pipeInput(key(4), Snapshots.asyncTask(4, "DOING", true, null, T0));
        tracker.dataSources.pipeInput(io.mmatracker.schema.topic.Keys.dataSource(Snapshots.SOURCE),
                Snapshots.dataSource("STARTED", null, T0));

        assertThat(history(ObjectKind.SCAN, 3)).hasSize(1);
        assertThat(history(ObjectKind.ASYNC_TASK, 4)).hasSize(1);
        assertThat(StoreNames.history(ObjectKind.DATA_SOURCE)).isNull();
        assertThat(tracker.driver.getAllStateStores().keySet()).noneMatch(name -> name.startsWith("data-source-history"));
    }
}

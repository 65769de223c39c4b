package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.job;
import static io.mmatracker.topology.Snapshots.table;
import static io.mmatracker.topology.TrackerDriver.T0;
import static io.mmatracker.topology.TrackerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.kind.KindCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Latest state per key and one status-change event per observed change. */
class StatusChangeRulesTest {

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
    void aNewKeyIsStoredAndAnnouncedAsCreatedWithItsContext() {
        var snapshot = job(10, "INIT", 0, 100, T0);
        tracker.jobs.pipeInput(key(10), snapshot);

        assertThat(tracker.<JobSnapshot>store(KindCatalog.JOB.storeName()).get(key(10))).isEqualTo(snapshot);
        var created = single(tracker);
        assertThat(created.getChangeType()).isEqualTo(ChangeType.CREATED);
        assertThat(created.getKind()).isEqualTo(ObjectKind.JOB);
        assertThat(created.getKey()).isEqualTo("2000015/10");
        assertThat(created.getSourceId()).isEqualTo(2000015L);
        assertThat(created.getObjectId()).isEqualTo(10L);
        assertThat(created.getName()).isEqualTo("migrate_db_10");
        assertThat(created.getFromStatus()).isNull();
        assertThat(created.getToStatus()).isEqualTo("INIT");
        assertThat(created.getToProgress()).isEqualTo(Map.of("taskDone", 0L, "taskNum", 100L));
        assertThat(created.getObservedAt()).isEqualTo(T0);
        assertThat(created.getContext())
                .containsEntry("sourceName", "demo").containsEntry("dbName", "mms_test").containsEntry("jobName", "migrate_db_10");
    }

    @Test
    void aNewStatusIsAStatusChangeCarryingTheProgressToo() {
        tracker.jobs.pipeInput(key(10), job(10, "INIT", 0, 100, T0));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0.plusSeconds(10)));

        var changes = tracker.changes();
        assertThat(changes).hasSize(2);
        var status = changes.get(1);
        assertThat(status.getChangeType()).isEqualTo(ChangeType.STATUS);
        assertThat(status.getFromStatus()).isEqualTo("INIT");
        assertThat(status.getToStatus()).isEqualTo("DOING");
        assertThat(status.getFromProgress()).containsEntry("taskDone", 0L);
        assertThat(status.getToProgress()).containsEntry("taskDone", 5L);
    }

    @Test
    void newProgressCountersAreAProgressChangeByMmaFieldName() {
        tracker.tables.pipeInput(key(22), table(22, "DOING", 100, 20, 80, 0, T0));
        tracker.tables.pipeInput(key(22), table(22, "DOING", 100, 10, 90, 0, T0.plusSeconds(10)));

        var progress = tracker.changes().get(1);
        assertThat(progress.getChangeType()).isEqualTo(ChangeType.PROGRESS);
        assertThat(progress.getFromStatus()).isEqualTo("DOING");
        assertThat(progress.getToStatus()).isEqualTo("DOING");
        assertThat(progress.getFromProgress()).isEqualTo(
                Map.of("partitions", 100L, "partitionsDoing", 20L, "partitionsDone", 80L, "partitionsFailed", 0L));
        assertThat(progress.getToProgress()).containsEntry("partitionsDoing", 10L).containsEntry("partitionsDone", 90L);
        assertThat(progress.getContext()).containsEntry("tableName", "t22").containsEntry("dbName", "mms_test");
        assertThat(progress.getName()).isEqualTo("mms_test.t22");
    }

    @Test
    void anIdenticalRepublishedSnapshotChangesNothing() {
        var snapshot = job(10, "DOING", 5, 100, T0);
        tracker.jobs.pipeInput(key(10), snapshot);
        tracker.jobs.pipeInput(key(10), snapshot);

        assertThat(tracker.changes()).hasSize(1);
    }

    @Test
    void aChangeOfOtherFieldsIsStoredWithoutAnEvent() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        var later = job(10, "DOING", 5, 100, T0.plusSeconds(30));
        later.getJob().setEta("10 minutes");
        tracker.jobs.pipeInput(key(10), later);

        assertThat(tracker.changes()).hasSize(1);
        assertThat(tracker.<JobSnapshot>store(KindCatalog.JOB.storeName()).get(key(10))).isEqualTo(later);
    }

    @Test
    void anOlderSnapshotArrivingLateIsIgnored() {
        var newer = job(10, "DONE", 100, 100, T0.plusSeconds(60));
        tracker.jobs.pipeInput(key(10), newer);
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 50, 100, T0));

        assertThat(tracker.changes()).extracting(StatusChange::getChangeType).containsExactly(ChangeType.CREATED);
        assertThat(tracker.<JobSnapshot>store(KindCatalog.JOB.storeName()).get(key(10))).isEqualTo(newer);
    }

    @Test
    void aSnapshotWithTheSameObservedAtButNewContentIsTaken() {
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 5, 100, T0));
        tracker.jobs.pipeInput(key(10), job(10, "DOING", 6, 100, T0));

        assertThat(tracker.changes()).extracting(StatusChange::getChangeType)
                .containsExactly(ChangeType.CREATED, ChangeType.PROGRESS);
    }

    @Test
    void aTombstoneDeletesTheObjectAndAnnouncesIt() {
        tracker.jobs.pipeInput(key(10), job(10, "DONE", 100, 100, T0));
        tracker.jobs.pipeInput(key(10), null, T0.plus(Duration.ofMinutes(5)));

        assertThat(tracker.<JobSnapshot>store(KindCatalog.JOB.storeName()).get(key(10))).isNull();
        var deleted = tracker.changes().get(1);
        assertThat(deleted.getChangeType()).isEqualTo(ChangeType.DELETED);
        assertThat(deleted.getFromStatus()).isEqualTo("DONE");
        assertThat(deleted.getToStatus()).isNull();
        assertThat(deleted.getFromProgress()).containsEntry("taskDone", 100L);
        assertThat(deleted.getToProgress()).isEmpty();
        assertThat(deleted.getObservedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aTombstoneForAnUnknownKeyIsNothing() {
        tracker.jobs.pipeInput(key(99), null);

        assertThat(tracker.changes()).isEmpty();
        assertThat(tracker.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void anObjectCreatedAgainAfterItsDeletionIsNewAgain() {
        tracker.jobs.pipeInput(key(10), job(10, "DONE", 100, 100, T0));
        tracker.jobs.pipeInput(key(10), null);
        tracker.jobs.pipeInput(key(10), job(10, "INIT", 0, 100, T0.plusSeconds(60)));

        assertThat(tracker.changes()).extracting(StatusChange::getChangeType)
                .containsExactly(ChangeType.CREATED, ChangeType.DELETED, ChangeType.CREATED);
    }

    @Test
    void aDataSourceIsKeyedBySourceIdAlone() {
        tracker.dataSources.pipeInput("2000015", Snapshots.dataSource("STARTED", null, T0));

        var created = single(tracker);
        assertThat(created.getKind()).isEqualTo(ObjectKind.DATA_SOURCE);
        assertThat(created.getSourceId()).isEqualTo(2000015L);
        assertThat(created.getObjectId()).isNull();
        assertThat(created.getName()).isEqualTo("demo");
        assertThat(created.getToProgress()).containsEntry("tablesDoneNum", 2L);
    }

    private static StatusChange single(TrackerDriver tracker) {
        var changes = tracker.changes();
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }
}

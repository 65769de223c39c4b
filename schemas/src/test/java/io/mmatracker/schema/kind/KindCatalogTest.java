package io.mmatracker.schema.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.topic.Topics;

class KindCatalogTest {

    @Test
    void everyKnownKindHasOneEntryAndItsOwnTopicAndStore() {
        assertThat(KindCatalog.all()).extracting(Kind::objectKind).containsExactlyElementsOf(
                Arrays.stream(ObjectKind.values()).filter(k -> k != ObjectKind.UNKNOWN).toList());
        assertThat(KindCatalog.all()).extracting(k -> k.topic(Topics.defaults())).doesNotHaveDuplicates()
                .containsExactlyElementsOf(Topics.defaults().snapshotTopics());
        assertThat(KindCatalog.all()).extracting(Kind::storeName).doesNotHaveDuplicates();
        assertThatThrownBy(() -> KindCatalog.of(ObjectKind.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSnapshotWrapsAndUnwrapsItsDataRecordAndTheKindIsFoundFromEither() {
        SnapshotMeta meta = new SnapshotMeta(Instant.parse("2026-01-01T00:00:00Z"), "e", "r", "p");
        MmsJob job = MmsJob.newBuilder().setId(10L).setSourceId(7L).setStatus("DOING").build();
        var snapshot = KindCatalog.JOB.wrapData(meta, job);
        assertThat(KindCatalog.JOB.unwrapSnapshot(snapshot)).isEqualTo(job);
        assertThat(KindCatalog.JOB.observedAt(snapshot)).isEqualTo(meta.getObservedAt());
        assertThat(KindCatalog.ofRecord(job)).contains(KindCatalog.JOB);
        assertThat(KindCatalog.ofRecord(snapshot)).contains(KindCatalog.JOB);
        assertThat(KindCatalog.ofTopic(Topics.defaults(), "mma.jobs")).contains(KindCatalog.JOB);
        assertThat(KindCatalog.ofTopic(Topics.defaults(), "mma.alerts")).isEmpty();
    }

    @Test
    void mmaNamesOperationsAndDerivedStoresComeFromTheEntry() {
        assertThat(KindCatalog.SCAN.getOperation()).isEqualTo("GetMmsFetchMetadataJob");
        assertThat(KindCatalog.ASYNC_TASK.historyStoreName()).isEqualTo("async-task-history-store");
        assertThat(KindCatalog.TABLE.listIndexStoreName()).isEqualTo("table-list-index-store");
        assertThat(KindCatalog.DATA_SOURCE.historyStoreName()).isNull();
        assertThat(KindCatalog.all()).filteredOn(Kind::isListed).extracting(Kind::sourceListOperation)
                .containsExactly("ListMmsJobs", "ListMmsTables", "ListMmsTasks");
    }

    /** A record of the kind that carries only this status, every other field as MMA leaves it absent. */
    static SpecificRecord withStatus(Kind<?, ?> kind, String status) {
        SpecificRecord data = (SpecificRecord) SpecificData.newInstance(kind.dataType(),
                SpecificData.get().getSchema(kind.dataType()));
        Schema.Field field = data.getSchema().getField("status");
        data.put(field.pos(), status);
        return data;
    }

    @Test
    void everyDocumentedStatusReadAloneIsInItsDocumentedPhase() {
        for (Kind<?, ?> kind : KindCatalog.all()) {
            assertThat(kind.lifecycle().documented()).as(kind + " documents statuses").isNotEmpty();
            kind.lifecycle().documented().forEach((status, phase) -> assertThat(kind.phaseOfData(withStatus(kind, status)))
                    .as(kind + " " + status).isEqualTo(phase));
        }
    }

    @Test
    void scansAndAsyncTasksReadTheirOtherSignals() {
        assertThat(KindCatalog.SCAN.phaseOf(MmsFetchMetadataJob.newBuilder().setStatus("SCAN_DOING")
                .setEndTime("2024-12-16 19:10:07").build())).isEqualTo(Phase.SETTLED);
        // MMA's own example: SCAN_DOING with an error message and an end time
        assertThat(KindCatalog.SCAN.phaseOf(MmsFetchMetadataJob.newBuilder().setStatus("SCAN_DOING")
                .setErrorMsg("unexpected exception").setEndTime("2024-12-16 19:10:07").build())).isEqualTo(Phase.FAILED);
        assertThat(KindCatalog.SCAN.phaseOf(MmsFetchMetadataJob.newBuilder().setStatus("SCAN_DOING")
                .setErrorMsg("null").setEndTime("null").build())).isEqualTo(Phase.MOVING);
        assertThat(KindCatalog.ASYNC_TASK.phaseOf(MmsAsyncTask.newBuilder().setStatus("DONE").setRunning(true).build()))
                .isEqualTo(Phase.SETTLED);
        assertThat(KindCatalog.ASYNC_TASK.phaseOf(MmsAsyncTask.newBuilder().setStatus("DOING").setRunning(false)
                .setEndTime("2024-12-17 17:44:17\n").build())).isEqualTo(Phase.SETTLED);
        assertThat(KindCatalog.ASYNC_TASK.phaseOf(MmsAsyncTask.newBuilder().setStatus("DOING").setRunning(false).build()))
                .isEqualTo(Phase.PENDING);
        assertThat(KindCatalog.ASYNC_TASK.phaseOf(MmsAsyncTask.newBuilder().setRunning(true).build()))
                .isEqualTo(Phase.MOVING);
        assertThat(KindCatalog.JOB.phaseOf(MmsJob.newBuilder().setStatus("DOING").setStopped(true).build()))
                .isEqualTo(Phase.PENDING);
    }
}

package io.mmatracker.poller.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.ObjectKind;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

    private final ChangeDetector detector = new ChangeDetector();
    private final ObjectRef job10 = new ObjectRef(ObjectKind.JOB, 2000015, 10);

    private static MmsJob job(long id, String status, int taskDone) {
        return MmsJob.newBuilder().setId(id).setSourceId(2000015L).setName("migrate_db_1")
                .setStatus(status).setTaskNum(100).setTaskDone(taskDone).build();
    }

    @Test
    void aNewObjectIsPublishedAnUnchangedOneIsNot() {
        assertThat(detector.offer(job10, job(10, "DOING", 5), true)).isTrue();
        assertThat(detector.offer(job10, job(10, "DOING", 5), true)).isFalse();
        assertThat(detector.offer(job10, job(10, "DOING", 6), true)).as("progress changed").isTrue();
        assertThat(detector.offer(job10, job(10, "DONE", 6), false)).as("status changed").isTrue();
        assertThat(detector.moving(ObjectKind.JOB, 2000015)).isEmpty();
    }

    @Test
    void unknownFieldsCountAsData() {
        MmsJob plain = job(10, "DOING", 5);
        MmsJob withExtra = MmsJob.newBuilder(plain).setUnmappedFields(Map.of("newField", "1")).build();
        detector.offer(job10, plain, true);
        assertThat(detector.offer(job10, withExtra, true)).isTrue();
    }

    @Test
    void aTombstoneIsDueOnlyForAKnownObject() {
        assertThat(detector.remove(job10)).isFalse();
        detector.offer(job10, job(10, "DOING", 5), true);
        assertThat(detector.remove(job10)).isTrue();
        assertThat(detector.remove(job10)).isFalse();
        assertThat(detector.offer(job10, job(10, "DOING", 5), true)).as("back again after deletion").isTrue();
    }

    @Test
    void keepsKindsAndSourcesApart() {
        detector.offer(job10, job(10, "DOING", 5), true);
        detector.offer(new ObjectRef(ObjectKind.JOB, 2000015, 11), job(11, "DONE", 5), false);
        detector.offer(new ObjectRef(ObjectKind.JOB, 99, 10), job(10, "DOING", 5), true);

        assertThat(detector.known(ObjectKind.JOB, 2000015)).containsExactly(10L, 11L);
        assertThat(detector.moving(ObjectKind.JOB, 2000015)).containsExactly(10L);
        assertThat(detector.known(ObjectKind.TABLE, 2000015)).isEmpty();
        assertThat(detector.sources()).containsExactly(99L, 2000015L);

        detector.dropSource(99);
        assertThat(detector.sources()).containsExactly(2000015L);
        assertThat(detector.isKnown(new ObjectRef(ObjectKind.JOB, 99, 10))).isFalse();
    }

    @Test
    void aDataSourceIsKeyedByItsIdAlone() {
        assertThat(ObjectRef.dataSource(2000015).key()).isEqualTo("2000015");
        assertThat(job10.key()).isEqualTo("2000015/10");
    }
}

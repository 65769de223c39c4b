package io.mmatracker.poller.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;

import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.kind.ObjectRef;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

    private final ChangeDetector detector = new ChangeDetector();
    private final ObjectRef job10 = new ObjectRef(ObjectKind.JOB, 2000015, 10);

    private static MmsJob job(long id, String status, int taskDone) {
        return MmsJob.newBuilder().setId(id).setSourceId(2000015L).setName("migrate_db_1")
                .setStatus(status).setTaskNum(100).setTaskDone(taskDone).build();
    }

    private static ObjectState moving(String status) {
        return new ObjectState(status, true);
    }

    private static ObjectState settled(String status) {
        return new ObjectState(status, false);
    }

    @Test
    void countsObjectsByStatus() {
        detector.offer(job10, job(10, "DOING", 5), moving("DOING"));
        detector.offer(new ObjectRef(ObjectKind.JOB, 2000015, 11), job(11, "DONE", 5), settled("DONE"));
        detector.offer(new ObjectRef(ObjectKind.JOB, 2000015, 12), job(12, "DONE", 5), settled("DONE"));
        detector.invalidate(new ObjectRef(ObjectKind.JOB, 2000015, 13));

        assertThat(detector.countByStatus(ObjectKind.JOB, 2000015)).containsExactly(
                entry("DOING", 1L), entry("DONE", 2L));
        assertThat(detector.moving(ObjectKind.JOB, 2000015)).containsExactly(10L, 13L);
    }

    @Test
    void aNewObjectIsPublishedAnUnchangedOneIsNot() {
        assertThat(detector.offer(job10, job(10, "DOING", 5), moving("DOING"))).isTrue();
        assertThat(detector.offer(job10, job(10, "DOING", 5), moving("DOING"))).isFalse();
        assertThat(detector.offer(job10, job(10, "DOING", 6), moving("DOING"))).as("progress changed").isTrue();
        assertThat(detector.offer(job10, job(10, "DONE", 6), settled("DONE"))).as("status changed").isTrue();
        assertThat(detector.moving(ObjectKind.JOB, 2000015)).isEmpty();
    }

    @Test
    void unknownFieldsCountAsData() {
        MmsJob plain = job(10, "DOING", 5);
        MmsJob withExtra = MmsJob.newBuilder(plain).setUnmappedFields(Map.of("newField", "1")).build();
        detector.offer(job10, plain, moving("DOING"));
        assertThat(detector.offer(job10, withExtra, moving("DOING"))).isTrue();
    }

    @Test
    void aTombstoneIsDueOnlyForAKnownObject() {
        assertThat(detector.remove(job10)).isFalse();
        detector.offer(job10, job(10, "DOING", 5), moving("DOING"));
        assertThat(detector.remove(job10)).isTrue();
        assertThat(detector.remove(job10)).isFalse();
        assertThat(detector.offer(job10, job(10, "DOING", 5), moving("DOING"))).as("back again after deletion").isTrue();
    }

    @Test
    void keepsKindsAndSourcesApart() {
        detector.offer(job10, job(10, "DOING", 5), moving("DOING"));
        detector.offer(new ObjectRef(ObjectKind.JOB, 2000015, 11), job(11, "DONE", 5), settled("DONE"));
        detector.offer(new ObjectRef(ObjectKind.JOB, 99, 10), job(10, "DOING", 5), moving("DOING"));

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

package io.mmatracker.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

import io.mmatracker.schema.ConfigItem;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.SnapshotMeta;

/** Avro 1.12 only loads trusted classes by name; the tracker's model trusts exactly its generated ones. */
class TrackerModelTest {

    private static DataSourceSnapshot snapshot() {
        return DataSourceSnapshot.newBuilder()
                .setMeta(SnapshotMeta.newBuilder().setObservedAt(Instant.ofEpochMilli(5)).setEndpoint("e").build())
                .setDataSource(MmsDataSource.newBuilder().setId(7L)
                        .setConfig(List.of(ConfigItem.newBuilder().setKey("k").build())).build())
                .build();
    }

    @Test
    void copiesRecordsWithNestedRecordsDeeply() {
        DataSourceSnapshot original = snapshot();

        DataSourceSnapshot copy = TrackerModel.copy(original);

        assertThat(copy).isEqualTo(original);
        assertThat(copy.getDataSource().getConfig().get(0)).isNotSameAs(original.getDataSource().getConfig().get(0));
    }

    @Test
    void avrosOwnDefaultModelRefusesThemUnlessTrustIsInstalled() {
        var previous = ClassSecurityValidator.getGlobal();
        try {
            assertThatThrownBy(() -> DataSourceSnapshot.newBuilder(snapshot()).build())
                    .isInstanceOf(SecurityException.class);

            TrackerModel.trustGeneratedClassesGlobally();
            TrackerModel.trustGeneratedClassesGlobally();

            assertThat(DataSourceSnapshot.newBuilder(snapshot()).build()).isEqualTo(snapshot());
            assertThat(ClassSecurityValidator.getGlobal().isTrusted(String.class)).isTrue();
            assertThat(ClassSecurityValidator.getGlobal().isTrusted(TrackerModelTest.class)).isFalse();
        } finally {
            ClassSecurityValidator.setGlobal(previous);
        }
    }

    @Test
    void onlyTheTrackersGeneratedClassesCount() {
        assertThat(TrackerModel.isGeneratedClass(MmsDataSource.class)).isTrue();
        assertThat(TrackerModel.isGeneratedClass(io.mmatracker.schema.ObjectKind.class)).isTrue();
        assertThat(TrackerModel.isGeneratedClass(AvroSerde.class)).isFalse();
        assertThat(TrackerModel.isGeneratedClass(String.class)).isFalse();
    }
}

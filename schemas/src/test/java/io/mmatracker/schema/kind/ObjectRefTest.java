package io.mmatracker.schema.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.mmatracker.schema.ObjectKind;

class ObjectRefTest {

    @Test
    void aDataSourceKeyIsItsSourceIdAndEverythingElseIsSourceIdSlashObjectId() {
        assertThat(ObjectRef.of(ObjectKind.DATA_SOURCE, "2000015")).isEqualTo(ObjectRef.dataSource(2000015));
        assertThat(ObjectRef.dataSource(2000015).key()).isEqualTo("2000015");
        assertThat(ObjectRef.dataSource(2000015).idWithinSource()).isNull();
        ObjectRef table = ObjectRef.of(ObjectKind.TABLE, "2000015/22");
        assertThat(table).isEqualTo(new ObjectRef(ObjectKind.TABLE, 2000015, 22));
        assertThat(table.key()).isEqualTo("2000015/22");
        assertThat(table.idWithinSource()).isEqualTo(22L);
    }

    @Test
    void aKeyOfTheWrongShapeIsRefusedWithTheShapeItNeeds() {
        assertThatThrownBy(() -> ObjectRef.of(ObjectKind.JOB, "2000015"))
                .hasMessage("key '2000015' of a JOB record is not sourceId/objectId");
        assertThatThrownBy(() -> ObjectRef.of(ObjectKind.DATA_SOURCE, "2000015/1"))
                .hasMessage("key '2000015/1' of a DATA_SOURCE record is not sourceId");
        assertThatThrownBy(() -> ObjectRef.of(ObjectKind.SCAN, null))
                .hasMessage("a SCAN record without a key");
    }

    @Test
    void aKeyTheWriterWouldNotWriteIsRefusedRatherThanNamingAnObjectTwice() {
        assertThatThrownBy(() -> ObjectRef.of(ObjectKind.JOB, "7/010"))
                .hasMessage("key '7/010' of a JOB record is not sourceId/objectId as written by the poller ('7/10')");
    }
}

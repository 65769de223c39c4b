package io.mmatracker.topology.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmatracker.schema.ObjectKind;
import org.junit.jupiter.api.Test;

class ObjectRefTest {

    @Test
    void aDataSourceKeyIsItsSourceIdAndEverythingElseIsSourceIdSlashObjectId() {
        assertThat(ObjectRef.of(ObjectKind.DATA_SOURCE, "2000015"))
                .isEqualTo(new ObjectRef(ObjectKind.DATA_SOURCE, "2000015", 2000015L, null));
        assertThat(ObjectRef.of(ObjectKind.TABLE, "2000015/22"))
                .isEqualTo(new ObjectRef(ObjectKind.TABLE, "2000015/22", 2000015L, 22L));
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
}

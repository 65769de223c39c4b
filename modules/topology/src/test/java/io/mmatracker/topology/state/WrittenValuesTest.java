package io.mmatracker.topology.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class WrittenValuesTest {

    private static SummaryDelta delta(long tables) {
        return SummaryDelta.newBuilder().setSourceId(7L).setSourceName(null).setNameFromDataSource(false)
                .setDataSourceDeleted(false).setJobsByStatus(Map.of()).setTablesByStatus(Map.of("DOING", tables))
                .setTasksByStatus(Map.of()).setPartitionsTotal(0).setPartitionsDoing(0).setPartitionsDone(0)
                .setPartitionsFailed(0).setOpenAlerts(0).setObservedAt(1L).build();
    }

    @Test
    void theArrayJustWrittenGivesBackItsValueAndAnyOtherIsDecoded() {
        var serde = new WrittenValues<>(new StateSerde<>(SummaryDelta.class));
        SummaryDelta written = delta(3);
        byte[] bytes = serde.serializer().serialize("store", written);

        assertThat(serde.deserializer().deserialize("store", bytes)).isSameAs(written);
        SummaryDelta copy = serde.deserializer().deserialize("store", bytes.clone());
        assertThat(copy).isNotSameAs(written).isEqualTo(written);
        assertThat(serde.deserializer().deserialize("store", null)).isNull();
    }

    @Test
    void anotherThreadDecodes() throws Exception {
        var serde = new WrittenValues<>(new StateSerde<>(SummaryDelta.class));
        SummaryDelta written = delta(4);
        byte[] bytes = serde.serializer().serialize("store", written);
        Object[] read = new Object[1];
        Thread reader = new Thread(() -> read[0] = serde.deserializer().deserialize("store", bytes));
        reader.start();
        reader.join();
        assertThat(read[0]).isNotSameAs(written).isEqualTo(written);
    }

    @Test
    void aFullMemoryForgetsAndDecodes() {
        var serde = new WrittenValues<>(new StateSerde<>(SummaryDelta.class));
        SummaryDelta first = delta(1);
        byte[] bytes = serde.serializer().serialize("store", first);
        for (int i = 0; i < WrittenValues.REMEMBERED; i++) {
            serde.serializer().serialize("store", delta(i));
        }
        assertThat(serde.deserializer().deserialize("store", bytes)).isNotSameAs(first).isEqualTo(first);
    }
}

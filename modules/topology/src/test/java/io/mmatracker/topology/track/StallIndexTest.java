package io.mmatracker.topology.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class StallIndexTest {

    @Test
    void entriesSortBytewiseInTimeOrderAndTheBoundSplitsAtTheCutoff() {
        List<String> entries = List.of(
                StallIndex.entry(999, "2/1"),
                StallIndex.entry(1_000, "10/5"),
                StallIndex.entry(1_000, "2/1"),
                StallIndex.entry(1_001, "1/1"),
                StallIndex.entry(1_767_607_200_000L, "1/1"));
        List<byte[]> bytes = entries.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(bytes).isSortedAccordingTo(Arrays::compareUnsigned);

        String bound = StallIndex.upperBound(1_000);
        assertThat(entries).filteredOn(e -> e.compareTo(bound) <= 0)
                .containsExactly(StallIndex.entry(999, "2/1"), StallIndex.entry(1_000, "10/5"), StallIndex.entry(1_000, "2/1"));
        assertThat(StallIndex.lastMovedAtOf(StallIndex.entry(1_767_607_200_000L, "1/1"))).isEqualTo(1_767_607_200_000L);
    }
}

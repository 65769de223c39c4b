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
                StallIndex.entry(999, 1, "2/1"),
                StallIndex.entry(1_000, 1, "10/5"),
                StallIndex.entry(1_000, 1, "2/1"),
                StallIndex.entry(1_001, 1, "1/1"),
                StallIndex.entry(1_767_607_200_000L, 1, "1/1"));
        List<byte[]> bytes = entries.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(bytes).isSortedAccordingTo(Arrays::compareUnsigned);

        String bound = StallIndex.upperBound(1_000);
        assertThat(entries).filteredOn(e -> e.compareTo(bound) <= 0)
                .containsExactly(StallIndex.entry(999, 1, "2/1"), StallIndex.entry(1_000, 1, "10/5"), StallIndex.entry(1_000, 1, "2/1"));
    }

    @Test
    void movesWithinOneIntervalKeepTheSameEntry() {
        assertThat(StallIndex.entry(60_000, 60_000, "1/1")).isEqualTo(StallIndex.entry(119_999, 60_000, "1/1"));
        assertThat(StallIndex.entry(120_000, 60_000, "1/1")).isNotEqualTo(StallIndex.entry(119_999, 60_000, "1/1"));
    }
}

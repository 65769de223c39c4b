package io.mmatracker.poller.coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class SourcePartitionerTest {

    @Test
    void agreesWithKafkasOwnKeyPartitioning() {
        for (long sourceId = 2_000_000; sourceId < 2_000_500; sourceId++) {
            byte[] key = Long.toString(sourceId).getBytes(StandardCharsets.UTF_8);
            assertThat(SourcePartitioner.partitionOf(sourceId, 12))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key, 12));
        }
    }

    @Test
    void spreadsSourcesOverEveryPartition() {
        Map<Integer, Integer> perPartition = new HashMap<>();
        for (long sourceId = 1; sourceId <= 1200; sourceId++) {
            perPartition.merge(SourcePartitioner.partitionOf(sourceId, 12), 1, Integer::sum);
        }
        assertThat(perPartition).hasSize(12);
        assertThat(perPartition.values()).allSatisfy(n -> assertThat(n).isBetween(60, 140));
    }

    @Test
    void needsAtLeastOnePartition() {
        assertThatThrownBy(() -> SourcePartitioner.partitionOf(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

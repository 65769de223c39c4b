package io.mmatracker.poller.coordinate;

import java.nio.charset.StandardCharsets;

import io.mmatracker.schema.topic.Keys;
import org.apache.kafka.common.utils.Utils;

/**
 * Which coordination partition a data source belongs to: Kafka's own key hash (murmur2 of the key
 * {@code sourceId}) modulo the partition count, so every instance, in any language with a Kafka client,
 * computes the same owner.
 */
public final class SourcePartitioner {

    private SourcePartitioner() {
    }

    public static int partitionOf(long sourceId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        byte[] key = Keys.dataSource(sourceId).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }
}

package io.mmatracker.query.state;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many of a data source's objects (of some statuses) some local partitions hold, per bucket of
 * {@code 2^ListIndex.BUCKET_BITS} consecutive ids: what another instance needs to place a deep page among every
 * instance's shares without being sent the matches before it.
 *
 * @param total    every match in the partitions read (the per-status counts)
 * @param buckets  bucket number ({@code id >> ListIndex.BUCKET_BITS}) to its matches, ascending; empty buckets absent
 * @param coverage the partitions read and those without a usable copy here
 */
public record IndexCounts(long total, NavigableMap<Long, Long> buckets, ScanResult coverage) {

    public IndexCounts {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }
}

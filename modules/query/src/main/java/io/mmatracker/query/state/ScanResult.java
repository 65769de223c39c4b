package io.mmatracker.query.state;

import java.util.Set;

/**
 * The outcome of scanning this instance's copies of some partitions: which partitions were read (and
 * whether any came from a standby) and which had no usable copy here.
 */
public record ScanResult(Set<Integer> scanned, Set<Integer> missing, boolean stale) {

    public ScanResult {
        scanned = Set.copyOf(scanned);
        missing = Set.copyOf(missing);
    }

    public boolean isComplete() {
        return missing.isEmpty();
    }
}

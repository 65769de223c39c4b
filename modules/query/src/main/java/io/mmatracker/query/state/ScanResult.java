package io.mmatracker.query.state;

import java.util.Set;

/**
 * The outcome of scanning this instance's copies of some partitions: which partitions were read (and
 * whether any came from a standby) and which had no usable copy here.
 */
public record ScanResult(Set<Integer> scanned, Set<Integer> missing, boolean stale, String whyMissing) {

    public ScanResult {
        scanned = Set.copyOf(scanned);
        missing = Set.copyOf(missing);
    }

    public ScanResult(Set<Integer> scanned, Set<Integer> missing, boolean stale) {
        this(scanned, missing, stale, "");
    }

    public boolean isComplete() {
        return missing.isEmpty();
    }
}

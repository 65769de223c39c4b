package io.mmatracker.topology.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.summary.Contribution;

/**
 * Metadata scans. MMA documents only SCAN_DOING; we read any status ending in _FAILED, or an error message,
 * as a failure, and anything not yet _DONE or _FAILED as running.
 */
public final class ScanRules implements ObjectRules<ScanSnapshot> {

    @Override
    public ObjectKind kind() {
        return ObjectKind.SCAN;
    }

    @Override
    public Class<ScanSnapshot> snapshotType() {
        return ScanSnapshot.class;
    }

    @Override
    public String topic(Topics topics) {
        return topics.scans();
    }

    @Override
    public String storeName() {
        return StoreNames.SCANS;
    }

    @Override
    public Instant observedAt(ScanSnapshot snapshot) {
        return snapshot.getMeta().getObservedAt();
    }

    @Override
    public ObjectView describe(ScanSnapshot snapshot) {
        var scan = snapshot.getScan();
        String status = scan.getStatus();
        var progress = new HashMap<String, Long>();
        Fields.putIfPresent(progress, "progress", scan.getProgress());
        boolean isFailed = Fields.endsWith(status, "_FAILED") || Fields.hasErrorText(scan.getErrorMsg());
        boolean isActive = status != null && !isFailed && !Fields.endsWith(status, "_DONE");
        var failures = isFailed
                ? Map.of(AlertType.SCAN_FAILED, Failure.of(Fields.hasErrorText(scan.getErrorMsg())
                        ? scan.getErrorMsg() : "metadata scan " + scan.getId() + " ended in " + status))
                : Map.<AlertType, Failure>of();
        return new ObjectView(null, status, progress, Map.of(), isActive, failures, Contribution.NONE);
    }
}

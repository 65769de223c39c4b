package io.mmatracker.topology.rules;

import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.Phase;
import io.mmatracker.topology.summary.Contribution;

/** Metadata scans: progress (of 10000) and SCAN_FAILED with MMA's error message; see the catalog's lifecycle. */
public final class ScanRules implements ObjectRules<ScanSnapshot> {

    @Override
    public Kind<ScanSnapshot, MmsFetchMetadataJob> kind() {
        return KindCatalog.SCAN;
    }

    @Override
    public ObjectView describe(ScanSnapshot snapshot) {
        var scan = snapshot.getScan();
        String status = scan.getStatus();
        Phase phase = kind().phaseOf(scan);
        var progress = new HashMap<String, Long>();
        Fields.putIfPresent(progress, "progress", scan.getProgress());
        var failures = phase == Phase.FAILED
                ? Map.of(AlertType.SCAN_FAILED, Failure.of(Fields.hasErrorText(scan.getErrorMsg())
                        ? scan.getErrorMsg() : "metadata scan " + scan.getId() + " ended in " + status))
                : Map.<AlertType, Failure>of();
        return new ObjectView(null, status, progress, Map.of(), phase == Phase.MOVING, failures, Contribution.NONE);
    }
}

package io.mmatracker.topology.rules;

import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.Phase;
import io.mmatracker.topology.summary.Contribution;

/**
 * Tables: progress is the partition counters; TABLE_FAILED, TABLE_PART_DONE (finished, partly) and
 * PARTITIONS_FAILED; see the catalog's lifecycle.
 */
public final class TableRules implements ObjectRules<TableSnapshot> {

    @Override
    public Kind<TableSnapshot, MmsTable> kind() {
        return KindCatalog.TABLE;
    }

    @Override
    public ObjectView describe(TableSnapshot snapshot) {
        var table = snapshot.getTable();
        String status = table.getStatus();
        var progress = new HashMap<String, Long>();
        Fields.putIfPresent(progress, "partitions", table.getPartitions());
        Fields.putIfPresent(progress, "partitionsDoing", table.getPartitionsDoing());
        Fields.putIfPresent(progress, "partitionsDone", table.getPartitionsDone());
        Fields.putIfPresent(progress, "partitionsFailed", table.getPartitionsFailed());
        var context = new HashMap<String, String>();
        Fields.putIfPresent(context, "sourceName", table.getSourceName());
        Fields.putIfPresent(context, "dbName", table.getDbName());
        Fields.putIfPresent(context, "tableName", table.getName());
        String name = table.getDbName() == null ? table.getName() : table.getDbName() + "." + table.getName();

        Phase phase = kind().phaseOf(table);
        var failures = new HashMap<AlertType, Failure>();
        if (phase == Phase.FAILED) {
            failures.put(AlertType.TABLE_FAILED, Failure.of("table " + name + " failed"));
        } else if ("PART_DONE".equals(status)) {
            failures.put(AlertType.TABLE_PART_DONE, Failure.of("table " + name + " was only partly migrated"));
        }
        long failed = Fields.orZero(table.getPartitionsFailed());
        if (failed > 0) {
            long total = Fields.orZero(table.getPartitions());
            failures.put(AlertType.PARTITIONS_FAILED, new Failure(
                    failed + " of " + total + " partitions of " + name + " failed",
                    Map.of("partitionsFailed", Long.toString(failed), "partitions", Long.toString(total))));
        }
        return new ObjectView(name, status, progress, context, phase == Phase.MOVING, failures,
                Contribution.table(table.getSourceName(), status, Fields.orZero(table.getPartitions()),
                        Fields.orZero(table.getPartitionsDoing()), Fields.orZero(table.getPartitionsDone()), failed));
    }
}

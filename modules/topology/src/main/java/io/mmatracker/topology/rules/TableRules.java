package io.mmatracker.topology.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.summary.Contribution;

/** Tables: INIT, DOING, DONE, PART_DONE, FAILED; progress is the partition counters. */
public final class TableRules implements ObjectRules<TableSnapshot> {

    @Override
    public ObjectKind kind() {
        return ObjectKind.TABLE;
    }

    @Override
    public Class<TableSnapshot> snapshotType() {
        return TableSnapshot.class;
    }

    @Override
    public String topic(Topics topics) {
        return topics.tables();
    }

    @Override
    public boolean isListed() {
        return true;
    }

    @Override
    public String storeName() {
        return StoreNames.TABLES;
    }

    @Override
    public Instant observedAt(TableSnapshot snapshot) {
        return snapshot.getMeta().getObservedAt();
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

        var failures = new HashMap<AlertType, Failure>();
        if ("FAILED".equals(status)) {
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
        return new ObjectView(name, status, progress, context, "DOING".equals(status), failures,
                Contribution.table(table.getSourceName(), status, Fields.orZero(table.getPartitions()),
                        Fields.orZero(table.getPartitionsDoing()), Fields.orZero(table.getPartitionsDone()), failed));
    }
}

package io.mmatracker.topology.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.summary.Contribution;

/**
 * Data sources: STARTING, STARTED, START_FAILED, STOPPING, STOPPED, STOP_FAILED; progress is the table and
 * partition counters MMA keeps per source. Only names and counters are read here, never the config items
 * (which may hold passwords).
 */
public final class DataSourceRules implements ObjectRules<DataSourceSnapshot> {

    @Override
    public ObjectKind kind() {
        return ObjectKind.DATA_SOURCE;
    }

    @Override
    public Class<DataSourceSnapshot> snapshotType() {
        return DataSourceSnapshot.class;
    }

    @Override
    public String topic(Topics topics) {
        return topics.dataSources();
    }

    @Override
    public String storeName() {
        return StoreNames.DATA_SOURCES;
    }

    @Override
    public Instant observedAt(DataSourceSnapshot snapshot) {
        return snapshot.getMeta().getObservedAt();
    }

    @Override
    public ObjectView describe(DataSourceSnapshot snapshot) {
        var source = snapshot.getDataSource();
        String status = source.getStatus();
        var progress = new HashMap<String, Long>();
        Fields.putIfPresent(progress, "tablesDoingNum", source.getTablesDoingNum());
        Fields.putIfPresent(progress, "tablesDoneNum", source.getTablesDoneNum());
        Fields.putIfPresent(progress, "tablesPartDoneNum", source.getTablesPartDoneNum());
        Fields.putIfPresent(progress, "tablesFailedNum", source.getTablesFailedNum());
        Fields.putIfPresent(progress, "partitionsDoingNum", source.getPartitionsDoingNum());
        Fields.putIfPresent(progress, "partitionsDoneNum", source.getPartitionsDoneNum());
        Fields.putIfPresent(progress, "partitionsFailedNum", source.getPartitionsFailedNum());
        var context = new HashMap<String, String>();
        Fields.putIfPresent(context, "sourceName", source.getName());
        boolean isFailed = "START_FAILED".equals(status) || "STOP_FAILED".equals(status);
        var failures = isFailed
                ? Map.of(AlertType.DATA_SOURCE_FAILED, Failure.of(Fields.hasErrorText(source.getErrMsg())
                        ? source.getErrMsg() : "data source " + source.getName() + " is " + status))
                : Map.<AlertType, Failure>of();
        boolean isActive = "STARTING".equals(status) || "STOPPING".equals(status);
        return new ObjectView(source.getName(), status, progress, context, isActive, failures,
                Contribution.dataSource(source.getName()));
    }
}

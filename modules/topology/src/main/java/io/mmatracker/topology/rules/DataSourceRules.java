package io.mmatracker.topology.rules;

import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.Phase;
import io.mmatracker.topology.summary.Contribution;

/**
 * Data sources: progress is the table and partition counters MMA keeps per source; DATA_SOURCE_FAILED on
 * START_FAILED/STOP_FAILED (see the catalog's lifecycle). Only names and counters are read here, never the config items
 * (which may hold passwords).
 */
public final class DataSourceRules implements ObjectRules<DataSourceSnapshot> {

    @Override
    public Kind<DataSourceSnapshot, MmsDataSource> kind() {
        return KindCatalog.DATA_SOURCE;
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
        Phase phase = kind().phaseOf(source);
        var failures = phase == Phase.FAILED
                ? Map.of(AlertType.DATA_SOURCE_FAILED, Failure.of(Fields.hasErrorText(source.getErrMsg())
                        ? source.getErrMsg() : "data source " + source.getName() + " is " + status))
                : Map.<AlertType, Failure>of();
        return new ObjectView(source.getName(), status, progress, context, phase == Phase.MOVING, failures,
                Contribution.dataSource(source.getName()));
    }
}

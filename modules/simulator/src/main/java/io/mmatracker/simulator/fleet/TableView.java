package io.mmatracker.simulator.fleet;

/** A table as ListMmsTables / GetMmsTable serve it. */
public record TableView(long id, long dbId, String dbName, String name, String dstProjectName, String dstSchemaName,
                        String dstName, String type, boolean hasPartitions, TableSchemaView schema, String owner,
                        String location, String inputFormat, String outputFormat, String serde, String extra,
                        int partitions, int partitionsDoing, int partitionsDone, int partitionsFailed, long sourceId,
                        String sourceName, long size, long numRows, boolean updated, String lastDdlTime,
                        String status, Pin pin) {
}

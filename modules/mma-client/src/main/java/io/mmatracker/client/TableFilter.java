package io.mmatracker.client;

import java.util.List;
import java.util.Map;

/**
 * Query of ListMmsTables (REFERENCE §3.3); {@code null} fields and an empty status list are not sent.
 *
 * @param dbId             source database id
 * @param dbName           source database name
 * @param name             table name
 * @param type             table type, e.g. {@code MANAGED_TABLE}
 * @param hasPartitions    partitioned tables only, or unpartitioned only
 * @param statuses         any of {@code INIT DOING DONE PART_DONE FAILED}, sent as one JSON array parameter
 *                         {@code status=["DONE","FAILED"]} like the SDK
 * @param lastDdlTimeStart {@code YYYY-MM-DD HH:mm:ss}
 * @param lastDdlTimeEnd   {@code YYYY-MM-DD HH:mm:ss}
 * @param dstProjectName   target project
 * @param dstSchemaName    target schema
 * @param dstName          target table
 * @param sorter           field to {@code asc}/{@code desc}, sent as {@code sorter.<field>} (MMA documents
 *                         {@code numRows}, {@code size}, {@code lastDdlTime})
 */
public record TableFilter(Long dbId, String dbName, String name, String type, Boolean hasPartitions,
                          List<String> statuses, String lastDdlTimeStart, String lastDdlTimeEnd,
                          String dstProjectName, String dstSchemaName, String dstName, Map<String, String> sorter) {

    public TableFilter {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        sorter = QueryBuilder.checkSorter(sorter);
    }

    /** No filter: every table of the data source. */
    public static TableFilter all() {
        return new TableFilter(null, null, null, null, null, List.of(), null, null, null, null, null, Map.of());
    }

    public TableFilter withDbId(Long value) {
        return new TableFilter(value, dbName, name, type, hasPartitions, statuses, lastDdlTimeStart, lastDdlTimeEnd,
                dstProjectName, dstSchemaName, dstName, sorter);
    }

    public TableFilter withDbName(String value) {
        return new TableFilter(dbId, value, name, type, hasPartitions, statuses, lastDdlTimeStart, lastDdlTimeEnd,
                dstProjectName, dstSchemaName, dstName, sorter);
    }

    public TableFilter withName(String value) {
        return new TableFilter(dbId, dbName, value, type, hasPartitions, statuses, lastDdlTimeStart, lastDdlTimeEnd,
                dstProjectName, dstSchemaName, dstName, sorter);
    }

    public TableFilter withType(String value) {
        return new TableFilter(dbId, dbName, name, value, hasPartitions, statuses, lastDdlTimeStart, lastDdlTimeEnd,
                dstProjectName, dstSchemaName, dstName, sorter);
    }

    public TableFilter withHasPartitions(Boolean value) {
        return new TableFilter(dbId, dbName, name, type, value, statuses, lastDdlTimeStart, lastDdlTimeEnd,
                dstProjectName, dstSchemaName, dstName, sorter);
    }

    public TableFilter withStatuses(List<String> value) {
        return new TableFilter(dbId, dbName, name, type, hasPartitions, value, lastDdlTimeStart, lastDdlTimeEnd,
                dstProjectName, dstSchemaName, dstName, sorter);
    }

    public TableFilter withStatuses(String... value) {
        return withStatuses(List.of(value));
    }

    public TableFilter withLastDdlTime(String start, String end) {
        return new TableFilter(dbId, dbName, name, type, hasPartitions, statuses, start, end,
                dstProjectName, dstSchemaName, dstName, sorter);
    }

    public TableFilter withDestination(String project, String schema, String table) {
        return new TableFilter(dbId, dbName, name, type, hasPartitions, statuses, lastDdlTimeStart, lastDdlTimeEnd,
                project, schema, table, sorter);
    }

    public TableFilter withSorter(Map<String, String> value) {
        return new TableFilter(dbId, dbName, name, type, hasPartitions, statuses, lastDdlTimeStart, lastDdlTimeEnd,
                dstProjectName, dstSchemaName, dstName, value);
    }

    Map<String, List<String>> toQuery() {
        return new QueryBuilder().add("dbId", dbId).add("dbName", dbName).add("name", name).add("type", type)
                .add("hasPartitions", hasPartitions).addJsonArray("status", statuses)
                .add("lastDdlTimeStart", lastDdlTimeStart).add("lastDdlTimeEnd", lastDdlTimeEnd)
                .add("dstProjectName", dstProjectName).add("dstSchemaName", dstSchemaName).add("dstName", dstName)
                .addSorter(sorter).build();
    }
}

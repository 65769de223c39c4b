package io.mmatracker.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of CreateMmsJob (REFERENCE §5); {@code null} fields and empty collections are left out of the JSON.
 * Build one with {@link #builder(String, String, String)}.
 */
public record CreateMmsJobRequest(String name, String sourceName, String srcDbName, String srcSchemaName,
                                  String dstDbName, String dstSchemaName, String taskType, List<String> tables,
                                  List<Long> partitions, List<String> tableWhiteList, List<String> tableBlackList,
                                  Map<String, String> partitionFilters, Map<String, String> tableMapping,
                                  Map<String, String> columnMapping, Boolean schemaOnly, Boolean increment,
                                  Boolean enableVerification, Boolean enableSchemaMigration,
                                  Boolean enableDataMigration, String eta, Map<String, Object> others) {

    public CreateMmsJobRequest {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("CreateMmsJob: name must not be blank");
        }
        if (srcDbName == null || srcDbName.isBlank()) {
            throw new IllegalArgumentException("CreateMmsJob: srcDbName must not be blank");
        }
        if (dstDbName == null || dstDbName.isBlank()) {
            throw new IllegalArgumentException("CreateMmsJob: dstDbName must not be blank");
        }
        tables = tables == null ? List.of() : List.copyOf(tables);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        tableWhiteList = tableWhiteList == null ? List.of() : List.copyOf(tableWhiteList);
        tableBlackList = tableBlackList == null ? List.of() : List.copyOf(tableBlackList);
        partitionFilters = partitionFilters == null ? Map.of() : Map.copyOf(partitionFilters);
        tableMapping = tableMapping == null ? Map.of() : Map.copyOf(tableMapping);
        columnMapping = columnMapping == null ? Map.of() : Map.copyOf(columnMapping);
        others = others == null ? Map.of() : Map.copyOf(others);
    }

    /** A job migrating {@code srcDbName} into the MaxCompute project {@code dstDbName}; narrow it with the builder. */
    public static Builder builder(String name, String srcDbName, String dstDbName) {
        return new Builder(name, srcDbName, dstDbName);
    }

    /** The JSON body, with MMA's field names; {@code sourceId} comes from the path of the call. */
    ObjectNode toJson(ObjectMapper mapper, String sourceId) {
        ObjectNode body = mapper.createObjectNode();
        body.put("sourceId", sourceId);
        putIfPresent(mapper, body, "sourceName", sourceName);
        body.put("name", name);
        body.put("srcDbName", srcDbName);
        putIfPresent(mapper, body, "srcSchemaName", srcSchemaName);
        body.put("dstDbName", dstDbName);
        putIfPresent(mapper, body, "dstSchemaName", dstSchemaName);
        putIfPresent(mapper, body, "taskType", taskType);
        putIfPresent(mapper, body, "tables", tables);
        putIfPresent(mapper, body, "partitions", partitions);
        putIfPresent(mapper, body, "tableWhiteList", tableWhiteList);
        putIfPresent(mapper, body, "tableBlackList", tableBlackList);
        putIfPresent(mapper, body, "partitionFilters", partitionFilters);
        putIfPresent(mapper, body, "tableMapping", tableMapping);
        putIfPresent(mapper, body, "columnMapping", columnMapping);
        putIfPresent(mapper, body, "schemaOnly", schemaOnly);
        putIfPresent(mapper, body, "increment", increment);
        putIfPresent(mapper, body, "enableVerification", enableVerification);
        putIfPresent(mapper, body, "enableSchemaMigration", enableSchemaMigration);
        putIfPresent(mapper, body, "enableDataMigration", enableDataMigration);
        putIfPresent(mapper, body, "eta", eta);
        putIfPresent(mapper, body, "others", others);
        return body;
    }

    private static void putIfPresent(ObjectMapper mapper, ObjectNode body, String field, Object value) {
        boolean empty = value == null
                || (value instanceof List<?> list && list.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty());
        if (!empty) {
            body.set(field, mapper.valueToTree(value));
        }
    }

    /** Fluent construction of a {@link CreateMmsJobRequest}; every option is optional. */
    public static final class Builder {
        private final String name;
        private final String srcDbName;
        private final String dstDbName;
        private String sourceName;
        private String srcSchemaName;
        private String dstSchemaName;
        private String taskType;
        private List<String> tables = List.of();
        private List<Long> partitions = List.of();
        private List<String> tableWhiteList = List.of();
        private List<String> tableBlackList = List.of();
        private Map<String, String> partitionFilters = Map.of();
        private Map<String, String> tableMapping = Map.of();
        private Map<String, String> columnMapping = Map.of();
        private Boolean schemaOnly;
        private Boolean increment;
        private Boolean enableVerification;
        private Boolean enableSchemaMigration;
        private Boolean enableDataMigration;
        private String eta;
        private Map<String, Object> others = Map.of();

        private Builder(String name, String srcDbName, String dstDbName) {
            this.name = name;
            this.srcDbName = srcDbName;
            this.dstDbName = dstDbName;
        }

        public Builder sourceName(String value) {
            sourceName = value;
            return this;
        }

        public Builder schemas(String srcSchema, String dstSchema) {
            srcSchemaName = srcSchema;
            dstSchemaName = dstSchema;
            return this;
        }

        /** e.g. {@code HIVE}, {@code BIGQUERY}, {@code MOCK}. */
        public Builder taskType(String value) {
            taskType = value;
            return this;
        }

        /** Migrate these tables only (a "Tables" job). */
        public Builder tables(List<String> value) {
            tables = Objects.requireNonNull(value, "tables");
            return this;
        }

        /** Migrate these partition ids only (a "Partitions" job). */
        public Builder partitions(List<Long> value) {
            partitions = Objects.requireNonNull(value, "partitions");
            return this;
        }

        /** If both are given MMA applies only the blacklist. */
        public Builder tableLists(List<String> whiteList, List<String> blackList) {
            tableWhiteList = Objects.requireNonNull(whiteList, "whiteList");
            tableBlackList = Objects.requireNonNull(blackList, "blackList");
            return this;
        }

        /** table to filter expression, e.g. {@code p1 >= '2022-03-04'}. */
        public Builder partitionFilters(Map<String, String> value) {
            partitionFilters = Objects.requireNonNull(value, "partitionFilters");
            return this;
        }

        public Builder mappings(Map<String, String> tables, Map<String, String> columns) {
            tableMapping = Objects.requireNonNull(tables, "tableMapping");
            columnMapping = Objects.requireNonNull(columns, "columnMapping");
            return this;
        }

        public Builder schemaOnly(boolean value) {
            schemaOnly = value;
            return this;
        }

        public Builder increment(boolean value) {
            increment = value;
            return this;
        }

        public Builder enableVerification(boolean value) {
            enableVerification = value;
            return this;
        }

        public Builder stages(boolean schemaMigration, boolean dataMigration) {
            enableSchemaMigration = schemaMigration;
            enableDataMigration = dataMigration;
            return this;
        }

        public Builder eta(String value) {
            eta = value;
            return this;
        }

        public Builder others(Map<String, Object> value) {
            others = Objects.requireNonNull(value, "others");
            return this;
        }

        public CreateMmsJobRequest build() {
            return new CreateMmsJobRequest(name, sourceName, srcDbName, srcSchemaName, dstDbName, dstSchemaName,
                    taskType, tables, partitions, tableWhiteList, tableBlackList, partitionFilters, tableMapping,
                    columnMapping, schemaOnly, increment, enableVerification, enableSchemaMigration,
                    enableDataMigration, eta, others);
        }
    }
}

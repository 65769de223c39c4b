package io.mmatracker.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The body of CreateMmsJob (REFERENCE §5). Null members take MMA's defaults; {@code name} and
 * {@code srcDbName} are required.
 */
public record CreateJobRequest(String name, String srcDbName, String srcSchemaName, String dstDbName,
                               String dstSchemaName, String taskType, List<String> tables, List<Long> partitions,
                               List<String> tableWhiteList, List<String> tableBlackList,
                               Map<String, String> partitionFilters, Map<String, String> tableMapping,
                               Map<String, String> columnMapping, Boolean schemaOnly, Boolean increment,
                               Boolean enableVerification, String eta, JsonNode others) {
}

package io.mmatracker.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The {@code config} object of a job, as CreateMmsJob took it and GetMmsJob serves it. */
public record JobConfigView(List<Long> partitions, List<String> tables, String taskType, List<String> tableBlackList,
                            List<String> tableWhiteList, Map<String, String> partitionFilters, boolean schemaOnly,
                            Map<String, String> tableMapping, boolean increment, boolean enableVerification,
                            String tunnelQuota, Map<String, String> columnMapping, JsonNode others) {

    public JobConfigView {
        partitions = List.copyOf(partitions);
        tables = List.copyOf(tables);
        tableBlackList = List.copyOf(tableBlackList);
        tableWhiteList = List.copyOf(tableWhiteList);
        partitionFilters = Map.copyOf(partitionFilters);
        tableMapping = Map.copyOf(tableMapping);
        columnMapping = Map.copyOf(columnMapping);
        others = others.deepCopy();
    }
}

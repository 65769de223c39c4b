package io.mmatracker.client;

import java.util.List;
import java.util.Map;

/**
 * Query of ListMmsDataSources (REFERENCE §3.1); {@code null} fields are not sent.
 *
 * @param name   data source name
 * @param type   {@code HIVE}, {@code BIGQUERY}, {@code MAXCOMPUTE}
 * @param region region id, e.g. {@code cn-shanghai}
 */
public record DataSourceFilter(String name, String type, String region) {

    /** No filter: every data source. */
    public static DataSourceFilter all() {
        return new DataSourceFilter(null, null, null);
    }

    public DataSourceFilter withName(String value) {
        return new DataSourceFilter(value, type, region);
    }

    public DataSourceFilter withType(String value) {
        return new DataSourceFilter(name, value, region);
    }

    public DataSourceFilter withRegion(String value) {
        return new DataSourceFilter(name, type, value);
    }

    Map<String, List<String>> toQuery() {
        return new QueryBuilder().add("name", name).add("type", type).add("region", region).build();
    }
}

package io.mmatracker.client;

import java.util.List;
import java.util.Map;

/**
 * Query of ListMmsJobs (REFERENCE §3.5); {@code null} fields are not sent.
 *
 * @param name         job name
 * @param srcDbName    source database
 * @param srcTableName source table
 * @param dstDbName    target project
 * @param dstTableName target table
 * @param status       one of {@code INIT}, {@code DOING}, {@code DONE}, {@code FAILED}
 * @param stopped      sent as {@code 1}/{@code 0}: MMA types this filter as an integer
 * @param timerId      jobs created by this timer
 * @param sorter       field to {@code asc}/{@code desc}, sent as {@code sorter.<field>} (MMA documents
 *                     {@code status})
 */
public record JobFilter(String name, String srcDbName, String srcTableName, String dstDbName, String dstTableName,
                        String status, Boolean stopped, Long timerId, Map<String, String> sorter) {

    public JobFilter {
        sorter = QueryBuilder.checkSorter(sorter);
    }

    /** No filter: every job of the data source. */
    public static JobFilter all() {
        return new JobFilter(null, null, null, null, null, null, null, null, Map.of());
    }

    public JobFilter withName(String value) {
        return new JobFilter(value, srcDbName, srcTableName, dstDbName, dstTableName, status, stopped, timerId, sorter);
    }

    public JobFilter withSrcDbName(String value) {
        return new JobFilter(name, value, srcTableName, dstDbName, dstTableName, status, stopped, timerId, sorter);
    }

    public JobFilter withSrcTableName(String value) {
        return new JobFilter(name, srcDbName, value, dstDbName, dstTableName, status, stopped, timerId, sorter);
    }

    public JobFilter withDstDbName(String value) {
        return new JobFilter(name, srcDbName, srcTableName, value, dstTableName, status, stopped, timerId, sorter);
    }

    public JobFilter withDstTableName(String value) {
        return new JobFilter(name, srcDbName, srcTableName, dstDbName, value, status, stopped, timerId, sorter);
    }

    public JobFilter withStatus(String value) {
        return new JobFilter(name, srcDbName, srcTableName, dstDbName, dstTableName, value, stopped, timerId, sorter);
    }

    public JobFilter withStopped(Boolean value) {
        return new JobFilter(name, srcDbName, srcTableName, dstDbName, dstTableName, status, value, timerId, sorter);
    }

    public JobFilter withTimerId(Long value) {
        return new JobFilter(name, srcDbName, srcTableName, dstDbName, dstTableName, status, stopped, value, sorter);
    }

    public JobFilter withSorter(Map<String, String> value) {
        return new JobFilter(name, srcDbName, srcTableName, dstDbName, dstTableName, status, stopped, timerId, value);
    }

    Map<String, List<String>> toQuery() {
        return new QueryBuilder().add("name", name).add("srcDbName", srcDbName).add("srcTableName", srcTableName)
                .add("dstDbName", dstDbName).add("dstTableName", dstTableName).add("status", status)
                .addAsInt("stopped", stopped).add("timerId", timerId).addSorter(sorter).build();
    }
}

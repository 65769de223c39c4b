package io.mmatracker.client;

import java.util.List;
import java.util.Map;

/**
 * Query of ListMmsTasks (REFERENCE §3.6); {@code null} fields are not sent.
 *
 * @param jobId        tasks of this job
 * @param jobName      tasks of jobs with this name
 * @param srcDbName    source database
 * @param srcTableName source table
 * @param dstDbName    target project
 * @param dstTableName target table
 * @param status       one task status, e.g. {@code DATA_FAILED} (REFERENCE §6.6)
 * @param partition    partition value {@code p1=1/p2=abc}: tasks that migrated it
 * @param sorter       field to {@code asc}/{@code desc}, sent as {@code sorter.<field>} (MMA documents
 *                     {@code startTime}, {@code status})
 */
public record TaskFilter(Long jobId, String jobName, String srcDbName, String srcTableName, String dstDbName,
                         String dstTableName, String status, String partition, Map<String, String> sorter) {

    public TaskFilter {
        sorter = QueryBuilder.checkSorter(sorter);
    }

    /** No filter: every task of the data source. */
    public static TaskFilter all() {
        return new TaskFilter(null, null, null, null, null, null, null, null, Map.of());
    }

    /** The tasks of one job. */
    public static TaskFilter ofJob(long jobId) {
        return all().withJobId(jobId);
    }

    public TaskFilter withJobId(Long value) {
        return new TaskFilter(value, jobName, srcDbName, srcTableName, dstDbName, dstTableName, status, partition,
                sorter);
    }

    public TaskFilter withJobName(String value) {
        return new TaskFilter(jobId, value, srcDbName, srcTableName, dstDbName, dstTableName, status, partition,
                sorter);
    }

    public TaskFilter withSource(String dbName, String tableName) {
        return new TaskFilter(jobId, jobName, dbName, tableName, dstDbName, dstTableName, status, partition, sorter);
    }

    public TaskFilter withDestination(String dbName, String tableName) {
        return new TaskFilter(jobId, jobName, srcDbName, srcTableName, dbName, tableName, status, partition, sorter);
    }

    public TaskFilter withStatus(String value) {
        return new TaskFilter(jobId, jobName, srcDbName, srcTableName, dstDbName, dstTableName, value, partition,
                sorter);
    }

    public TaskFilter withPartition(String value) {
        return new TaskFilter(jobId, jobName, srcDbName, srcTableName, dstDbName, dstTableName, status, value, sorter);
    }

    public TaskFilter withSorter(Map<String, String> value) {
        return new TaskFilter(jobId, jobName, srcDbName, srcTableName, dstDbName, dstTableName, status, partition,
                value);
    }

    Map<String, List<String>> toQuery() {
        return new QueryBuilder().add("jobId", jobId).add("jobName", jobName).add("srcDbName", srcDbName)
                .add("srcTableName", srcTableName).add("dstDbName", dstDbName).add("dstTableName", dstTableName)
                .add("status", status).add("partition", partition).addSorter(sorter).build();
    }
}

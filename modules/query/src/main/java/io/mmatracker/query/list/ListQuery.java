package io.mmatracker.query.list;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.mmatracker.query.state.SnapshotStore;

/**
 * One page of a data source's jobs or tables, optionally filtered by status, in MMA's list order
 * (ascending id). {@code pageNum} is 1-based as in MMA.
 */
public record ListQuery(SnapshotStore store, long sourceId, List<String> statuses, int pageNum, int pageSize) {

    public ListQuery {
        statuses = List.copyOf(statuses);
        if (pageNum < 1 || pageSize < 1) {
            throw new IllegalArgumentException("pageNum and pageSize start at 1");
        }
    }

    /** How many of the smallest ids each partition must contribute for this page to be exact. */
    public int limit() {
        return (int) Math.min(Integer.MAX_VALUE, (long) pageNum * pageSize);
    }

    /** The request in canonical form, as sent to other instances. */
    public String pathAndQuery() {
        String kind = store == SnapshotStore.JOBS ? "jobs" : "tables";
        StringBuilder out = new StringBuilder("/api/v1/mms/datasources/").append(sourceId).append('/').append(kind)
                .append("?pageNum=").append(pageNum).append("&pageSize=").append(pageSize);
        if (!statuses.isEmpty()) {
            String json = "[\"" + String.join("\",\"", statuses) + "\"]";
            out.append("&status=").append(URLEncoder.encode(json, StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}

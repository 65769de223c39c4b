package io.mmatracker.query.list;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.query.state.ListSelection;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.MmsDataSource;

/**
 * One page of a list in MMA's list order (ascending id, or the order of MMA's {@code sorter.*}): a data source's
 * jobs, tables or tasks, optionally filtered by status and MMA's other filters ({@link ListFilter}), or (store
 * {@link SnapshotStore#DATA_SOURCES}) the data sources themselves, filtered as ListMmsDataSources does. {@code pageNum} is 1-based as in MMA; a page size of {@link #ALL} is ListMmsDataSources without paging.
 */
public record ListQuery(SnapshotStore store, long sourceId, List<String> statuses, ListFilter filter,
                        DataSourceFilter dataSources, int pageNum, int pageSize) {

    /** The page size of a ListMmsDataSources request without {@code pageNum} and {@code pageSize}: every match. */
    public static final int ALL = Integer.MAX_VALUE;

    /**
     * ListMmsDataSources' filters (REFERENCE §3.1): {@code name} as a substring of the name (as MMA's console
     * searches, and the simulator), {@code type} and {@code region} exactly; an absent one matches every source.
     */
    public record DataSourceFilter(Optional<String> name, Optional<String> type, Optional<String> region,
            LongPredicate readable) {
        public static final DataSourceFilter NONE =
                new DataSourceFilter(Optional.empty(), Optional.empty(), Optional.empty(), sourceId -> true);

        boolean matches(MmsDataSource source) {
            return readable.test(source.getId())
                    && name.map(n -> source.getName() != null && source.getName().contains(n)).orElse(true)
                    && type.map(t -> t.equals(source.getType())).orElse(true)
                    && region.map(r -> r.equals(source.getRegion())).orElse(true);
        }
    }

    public ListQuery {
        statuses = List.copyOf(statuses);
        if (pageNum < 1 || pageSize < 1) {
            throw new IllegalArgumentException("pageNum and pageSize start at 1");
        }
    }

    /** A data source's jobs, tables or tasks. */
    public ListQuery(SnapshotStore store, long sourceId, List<String> statuses, int pageNum, int pageSize) {
        this(store, sourceId, statuses, ListFilter.NONE, DataSourceFilter.NONE, pageNum, pageSize);
    }

    /** A data source's jobs, tables or tasks, with MMA's other filters and sorters. */
    public ListQuery(SnapshotStore store, long sourceId, List<String> statuses, ListFilter filter, int pageNum, int pageSize) {
        this(store, sourceId, statuses, filter, DataSourceFilter.NONE, pageNum, pageSize);
    }

    /** ListMmsDataSources: one page, or every match with {@code pageSize} {@link #ALL}. */
    public static ListQuery dataSources(DataSourceFilter filter, int pageNum, int pageSize) {
        return new ListQuery(SnapshotStore.DATA_SOURCES, 0, List.of(), ListFilter.NONE, filter, pageNum, pageSize);
    }

    /** Whether the request chose a page (else it asks for every match, as ListMmsDataSources may). */
    public boolean isPaged() {
        return pageSize != ALL;
    }

    /** Whether the list index answers it: a data source's objects with no filter beyond status. */
    public boolean isIndexed() {
        return store != SnapshotStore.DATA_SOURCES && filter.isEmpty();
    }

    /** How many of the smallest ids each partition must contribute for this page to be exact. */
    public int limit() {
        return (int) Math.min(Integer.MAX_VALUE, (long) pageNum * pageSize);
    }

    /** The selection a state reader answers (the filters beyond status, the order), for a query with a filter. */
    public ListSelection selection() {
        return filter.selection(store, sourceId, statuses);
    }

    /** Whether a stored data source belongs in this ListMmsDataSources page (jobs and tables are read by index). */
    public boolean matches(SpecificRecord value) {
        return value instanceof DataSourceSnapshot snapshot && dataSources.matches(snapshot.getDataSource());
    }

    /** The request in canonical form, as sent to other instances. */
    public String pathAndQuery() {
        if (store == SnapshotStore.DATA_SOURCES) {
            StringBuilder out = new StringBuilder("/api/v1/mms/datasources?");
            if (isPaged()) {
                out.append("pageNum=").append(pageNum).append("&pageSize=").append(pageSize);
            }
            dataSources.name().ifPresent(n -> out.append("&name=").append(URLEncoder.encode(n, StandardCharsets.UTF_8)));
            dataSources.type().ifPresent(t -> out.append("&type=").append(URLEncoder.encode(t, StandardCharsets.UTF_8)));
            dataSources.region().ifPresent(r -> out.append("&region=").append(URLEncoder.encode(r, StandardCharsets.UTF_8)));
            return out.toString();
        }
        String kind = store.pathSegment();
        StringBuilder out = new StringBuilder("/api/v1/mms/datasources/").append(sourceId).append('/').append(kind)
                .append("?pageNum=").append(pageNum).append("&pageSize=").append(pageSize);
        if (!statuses.isEmpty()) {
            String json = "[\"" + String.join("\",\"", statuses) + "\"]";
            out.append("&status=").append(URLEncoder.encode(json, StandardCharsets.UTF_8));
        }
        filter.appendTo(out);
        return out.toString();
    }
}

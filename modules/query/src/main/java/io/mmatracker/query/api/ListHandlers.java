package io.mmatracker.query.api;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.mmatracker.query.auth.AccessRules;
import io.mmatracker.query.auth.Caller;
import io.mmatracker.openapi.ApiException;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.http.Params;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.list.ListGatherer;
import io.mmatracker.query.list.ListPage;
import io.mmatracker.query.list.ListQuery;
import io.mmatracker.query.state.SnapshotStore;

/**
 * The list routes: parse the query into a {@link ListQuery}, then either answer another instance's share of the
 * partitions ({@code X-MMA-Partitions}) or gather the whole list with {@link ListGatherer}; {@link ListJson} writes it.
 */
final class ListHandlers {

    /** Limits of the list endpoints: MMA documents no default page size; 10 is what its examples use. */
    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_PAGE_NUM = 100_000;
    /** ListMmsDataSources' {@code type} values (REFERENCE §3.1). */
    private static final List<String> DATA_SOURCE_TYPES = List.of("HIVE", "BIGQUERY", "MAXCOMPUTE");

    private final ListGatherer lists;
    private final ListJson json;
    private final Exchanges exchanges;

    ListHandlers(ListGatherer lists, Replies replies, Exchanges exchanges) {
        this.lists = lists;
        this.json = new ListJson(replies);
        this.exchanges = exchanges;
    }

    /** A source's objects of {@code store}, filtered by {@code status}, paged by {@code pageNum}/{@code pageSize}. */
    RouteHandler ofSource(SnapshotStore store) {
        return call -> {
            long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
            Params q = call.query();
            serve(call, new ListQuery(store, sourceId, q.statuses("status"), q.intInRange("pageNum", 1, 1, MAX_PAGE_NUM),
                    q.intInRange("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)));
        };
    }

    /** ListMmsTasks' filters the list index cannot answer yet: refused rather than ignored (query README). */
    private static final List<String> TASK_FILTERS_NOT_SERVED = List.of("jobId", "jobName", "srcDbName", "srcTableName",
            "dstDbName", "dstTableName", "partition");

    /** ListMmsTasks: a source's tasks by {@code status} and paging; the other filters of MMA are refused for now. */
    RouteHandler tasks() {
        RouteHandler tasks = ofSource(SnapshotStore.TASKS);
        return call -> {
            for (String name : call.exchange().getQueryParameters().keySet()) {
                if (TASK_FILTERS_NOT_SERVED.contains(name) || name.startsWith("sorter")) {
                    throw ApiException.invalid("ListMmsTasks: the tracker does not filter or sort tasks by " + name
                            + " yet; it serves status, pageNum and pageSize");
                }
            }
            tasks.handle(call);
        };
    }

    /** ListMmsDataSources: without {@code pageNum} and {@code pageSize} every match, as MMA documents (§3.1). */
    void dataSources(Call call) {
        Params q = call.query();
        boolean paged = q.single("pageNum").isPresent() || q.single("pageSize").isPresent();
        ListQuery.DataSourceFilter filter = new ListQuery.DataSourceFilter(q.single("name").filter(n -> !n.isEmpty()),
                q.single("type").filter(t -> !t.isEmpty()).map(ListHandlers::dataSourceType), q.single("region").filter(r -> !r.isEmpty()),
                Caller.readableSources(call.exchange(), AccessRules.LIST_DATA_SOURCES));
        serve(call, ListQuery.dataSources(filter, paged ? q.intInRange("pageNum", 1, 1, MAX_PAGE_NUM) : 1,
                paged ? q.intInRange("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE) : ListQuery.ALL));
    }

    private static String dataSourceType(String type) {
        if (!DATA_SOURCE_TYPES.contains(type)) {
            throw ApiException.invalid("type must be one of " + String.join(", ", DATA_SOURCE_TYPES));
        }
        return type;
    }

    /** A share of the partitions for another instance (its {@code X-MMA-Partitions}), or the whole list gathered. */
    private void serve(Call call, ListQuery query) {
        String partitionsHeader = call.exchange().getRequestHeaders().getFirst(MmaHeaders.PARTITIONS);
        if (partitionsHeader != null) {
            Set<Integer> partitions = PartitionsHeader.parse(partitionsHeader);
            boolean allowStale = "true".equalsIgnoreCase(call.exchange().getRequestHeaders().getFirst(MmaHeaders.ALLOW_STALE));
            exchanges.dispatch(call, () -> {
                ListPage page = lists.local(query, partitions, allowStale);
                json.render(call, page, 1, query.limit(), query.limit());
            });
            return;
        }
        exchanges.dispatch(call, () -> {
            CompletionStage<ListPage> page = lists.gather(query, call.requestId());
            exchanges.whenDone(call, page, p -> json.render(call, p, query.pageNum(), query.pageSize(), echoedPageSize(query, p)));
        });
    }

    /** The page size asked for; a list without paging echoes how many it holds, as MMA's example and the simulator. */
    private static int echoedPageSize(ListQuery query, ListPage page) {
        return !query.isPaged() && page instanceof ListPage.Page all ? (int) Math.min(Integer.MAX_VALUE, all.total())
                : query.pageSize();
    }
}

package io.mmatracker.query.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.auth.AccessRules;
import io.mmatracker.query.auth.Caller;
import io.mmatracker.openapi.ApiException;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.http.Params;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.list.ListFilter;
import io.mmatracker.query.list.ListGatherer;
import io.mmatracker.query.list.ListPage;
import io.mmatracker.query.list.ListQuery;
import io.mmatracker.query.list.ShareRound;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ListGatherer lists;
    private final ListJson json;
    private final Exchanges exchanges;

    ListHandlers(ListGatherer lists, Replies replies, Exchanges exchanges) {
        this.lists = lists;
        this.json = new ListJson(replies);
        this.exchanges = exchanges;
    }

    /** One of MMA's filters the tracker serves: its query parameter, the field of MMA's object it tests, and how. */
    private record Served(String param, String field, ListFilter.Mode mode) {
    }

    /** What a list of one kind serves beyond {@code status} and paging, and which of MMA's parameters it refuses. */
    private record ListSpec(String operation, List<Served> filters, List<String> sorters, List<String> refused) {
    }

    /** ListMmsJobs (REFERENCE §3.5): a job names no tables the tracker could match (its config may list none). */
    static final ListSpec JOBS = new ListSpec("ListMmsJobs", List.of(
            new Served("name", "name", ListFilter.Mode.CONTAINS),
            new Served("srcDbName", "srcDbName", ListFilter.Mode.CONTAINS),
            new Served("dstDbName", "dstDbName", ListFilter.Mode.CONTAINS),
            new Served("stopped", "stopped", ListFilter.Mode.FLAG)),
            List.of(), List.of("srcTableName", "dstTableName", "timerId", "sorter"));

    /** ListMmsTables (REFERENCE §3.3). */
    static final ListSpec TABLES = new ListSpec("ListMmsTables", List.of(
            new Served("dbId", "dbId", ListFilter.Mode.ID),
            new Served("dbName", "dbName", ListFilter.Mode.CONTAINS),
            new Served("name", "name", ListFilter.Mode.CONTAINS),
            new Served("type", "type", ListFilter.Mode.EQUALS),
            new Served("hasPartitions", "hasPartitions", ListFilter.Mode.FLAG),
            new Served("lastDdlTimeStart", "lastDdlTime", ListFilter.Mode.FROM),
            new Served("lastDdlTimeEnd", "lastDdlTime", ListFilter.Mode.TO),
            new Served("dstProjectName", "dstProjectName", ListFilter.Mode.CONTAINS),
            new Served("dstSchemaName", "dstSchemaName", ListFilter.Mode.CONTAINS),
            new Served("dstName", "dstName", ListFilter.Mode.CONTAINS)),
            List.of(), List.of("onlyName", "sorter"));

    /** ListMmsTasks (REFERENCE §3.6): tasks carry no partitions, so {@code partition} cannot be answered. */
    static final ListSpec TASKS = new ListSpec("ListMmsTasks", List.of(
            new Served("jobId", "jobId", ListFilter.Mode.ID),
            new Served("jobName", "jobName", ListFilter.Mode.CONTAINS),
            new Served("srcDbName", "srcDbName", ListFilter.Mode.CONTAINS),
            new Served("srcTableName", "srcTableName", ListFilter.Mode.CONTAINS),
            new Served("dstDbName", "dstDbName", ListFilter.Mode.CONTAINS),
            new Served("dstTableName", "dstTableName", ListFilter.Mode.CONTAINS)),
            List.of("startTime", "status"), List.of("partition"));

    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

    /** A source's jobs ({@link #JOBS}), tables or tasks: by {@code status}, MMA's other filters, paging. */
    RouteHandler ofSource(SnapshotStore store) {
        ListSpec spec = switch (store) {
            case JOBS -> JOBS;
            case TABLES -> TABLES;
            case TASKS -> TASKS;
            default -> throw new IllegalArgumentException("no list of " + store);
        };
        return call -> {
            long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
            Params q = call.query();
            ListFilter filter = filter(spec, call, q);
            serve(call, new ListQuery(store, sourceId, q.statuses("status"), filter, q.intInRange("pageNum", 1, 1, MAX_PAGE_NUM),
                    q.intInRange("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)));
        };
    }

    /** The served filters and sorters of a request; one of MMA's parameters the tracker cannot answer is a 400, never ignored. */
    private static ListFilter filter(ListSpec spec, Call call, Params q) {
        Map<String, Deque<String>> given = call.exchange().getQueryParameters();
        for (String name : given.keySet()) {
            String base = name.startsWith("sorter") ? "sorter" : name;
            boolean isRefused = spec.refused().contains(base)
                    && !(name.equals("onlyName") && !q.bool("onlyName", false));
            if (isRefused) {
                throw ApiException.invalid(spec.operation() + ": the tracker cannot answer the parameter " + name
                        + " (" + why(name) + "); it serves status, " + spec.filters().stream().map(Served::param).collect(Collectors.joining(", "))
                        + (spec.sorters().isEmpty() ? "" : ", sorter." + String.join(", sorter.", spec.sorters())) + ", pageNum and pageSize");
            }
        }
        List<ListFilter.Match> matches = new ArrayList<>();
        for (Served served : spec.filters()) {
            q.single(served.param()).filter(v -> !v.isEmpty())
                    .ifPresent(v -> matches.add(new ListFilter.Match(served.param(), served.field(), served.mode(), valueOf(served, v))));
        }
        return new ListFilter(matches, sorters(spec, call, q));
    }

    private static String why(String name) {
        return switch (name) {
            case "partition" -> "MMA's tasks as the tracker holds them carry no partitions";
            case "srcTableName", "dstTableName" -> "a job's tables are not in its snapshot";
            case "timerId" -> "a job's snapshot carries no timer";
            case "onlyName" -> "the tracker answers whole tables only";
            default -> "the tracker does not sort this list";
        };
    }

    /** A filter's value in canonical form; a malformed one is a 400 naming the parameter. */
    private static String valueOf(Served served, String raw) {
        return switch (served.mode()) {
            case ID -> Long.toString(Params.id(served.param(), raw));
            case FLAG -> switch (raw.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> "true";
                case "false", "0" -> "false";
                default -> throw ApiException.invalid(served.param() + " must be true, false, 1 or 0");
            };
            case FROM, TO -> {
                if (!TIME.matcher(raw).matches()) {
                    throw ApiException.invalid(served.param() + " must be a time like 2024-12-17 15:44:17");
                }
                yield raw;
            }
            case CONTAINS, EQUALS -> {
                if (raw.length() > 256) {
                    throw ApiException.invalid(served.param() + " is longer than 256 characters");
                }
                yield raw;
            }
        };
    }

    /**
     * MMA's sorters: {@code sorter.<field>=asc|desc} (the SDK's style) or one {@code sorter={"<field>":"asc"}}, in the
     * order sent (read from the raw query: the parsed parameters are sorted by name).
     */
    private static List<ListFilter.Sorter> sorters(ListSpec spec, Call call, Params q) {
        Map<String, String> given = new LinkedHashMap<>();
        String raw = "&" + Optional.ofNullable(call.exchange().getQueryString()).orElse("");
        List<String> names = call.exchange().getQueryParameters().keySet().stream().filter(n -> n.startsWith("sorter"))
                .sorted(Comparator.comparingInt(n -> {
                    int at = raw.indexOf("&" + n + "=");
                    return at < 0 ? Integer.MAX_VALUE : at;
                })).toList();
        for (String name : names) {
            String value = q.single(name).orElse("");
            if (value.isEmpty()) {
                continue;
            }
            if (name.equals("sorter")) {
                JsonNode node;
                try {
                    node = JSON.readTree(value);
                } catch (IOException e) {
                    node = null;
                }
                if (node == null || !node.isObject()) {
                    throw ApiException.invalid("sorter must be a JSON object like {\"status\":\"asc\"}");
                }
                node.properties().forEach(p -> given.put(p.getKey(), p.getValue().asText()));
            } else if (name.startsWith("sorter.")) {
                given.put(name.substring("sorter.".length()), value);
            } else {
                throw ApiException.invalid(name + " is not a parameter of " + spec.operation() + "; sorters are sorter.<field>");
            }
        }
        List<ListFilter.Sorter> sorters = new ArrayList<>();
        given.forEach((field, direction) -> {
            if (!spec.sorters().contains(field)) {
                throw ApiException.invalid(spec.operation() + " sorts by sorter." + String.join(" or sorter.", spec.sorters())
                        + ", not sorter." + Params.echo(field));
            }
            String d = direction.toLowerCase(Locale.ROOT);
            if (!d.equals("asc") && !d.equals("desc")) {
                throw ApiException.invalid("sorter." + field + " must be asc or desc");
            }
            sorters.add(new ListFilter.Sorter(field, d.equals("desc")));
        });
        return sorters;
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
            ShareRound round = shareRound(call, query);
            exchanges.dispatch(call, () -> {
                ListPage page = lists.share(query, partitions, allowStale, round);
                if (round instanceof ShareRound.Counts) {
                    json.renderCounts(call, page);
                } else if (round instanceof ShareRound.FromBucket from) {
                    json.renderFromBucket(call, page, from);
                } else {
                    json.render(call, page, 1, query.limit(), query.limit());
                }
            });
            return;
        }
        exchanges.dispatch(call, () -> {
            CompletionStage<ListPage> page = lists.gather(query, call.requestId());
            exchanges.whenDone(call, page, p -> json.render(call, p, query.pageNum(), query.pageSize(), echoedPageSize(query, p)));
        });
    }

    /** The round of a deep page another instance asks ({@code X-MMA-List-Round}), null for none; a bad one is a 400. */
    private static ShareRound shareRound(Call call, ListQuery query) {
        String header = call.exchange().getRequestHeaders().getFirst(MmaHeaders.LIST_ROUND);
        if (header == null) {
            return null;
        }
        if (!query.isIndexed()) {
            throw ApiException.invalid(MmaHeaders.LIST_ROUND + " is for lists without filters beyond status");
        }
        try {
            return ShareRound.parse(header);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(MmaHeaders.LIST_ROUND + " " + e.getMessage());
        }
    }

    /** The page size asked for; a list without paging echoes how many it holds, as MMA's example and the simulator. */
    private static int echoedPageSize(ListQuery query, ListPage page) {
        return !query.isPaged() && page instanceof ListPage.Page all ? (int) Math.min(Integer.MAX_VALUE, all.total())
                : query.pageSize();
    }
}

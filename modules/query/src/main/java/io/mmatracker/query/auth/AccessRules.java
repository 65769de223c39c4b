package io.mmatracker.query.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mmatracker.query.api.QueryApi;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;

/**
 * The one table of what each route needs: a RAM action and the resource it acts on, plus the paths that stay open
 * without a credential. Actions are MMA's own where the route is one of MMA's operations, the tracker's
 * ({@code mmatracker:*}) otherwise. A route missing here is refused to every caller while access control is on, so a
 * new route is closed until it is named here.
 */
public final class AccessRules {

    /** Where a rule's resource comes from. */
    public enum ResourceFrom {
        /** the {@code {sourceId}} path parameter: {@code acs:odps:*:*:mmsdatasource/{sourceId}} */
        PATH_SOURCE,
        /** the {@code source} query parameter when given; without it the answer is filtered per source */
        QUERY_SOURCE_OR_FILTERED,
        /** every data source: the route answers across sources and does not filter by itself */
        ALL_SOURCES,
        /** no check in front: the route answers across sources and keeps only those the caller may read */
        FILTERED,
        /** the tracker instance itself ({@link #INSTANCE_RESOURCE}) */
        INSTANCE
    }

    /** What one route needs. */
    public record Rule(String action, ResourceFrom resource) {
    }

    public static final String EVENTS = "mmatracker:Events";
    public static final String WATCH = "mmatracker:Watch";
    public static final String METRICS = "mmatracker:Metrics";
    public static final String GET_SUMMARY = "mmatracker:GetSourceSummary";
    public static final String LIST_DATA_SOURCES = "odps:ListMmsDataSources";
    /** The resource of instance-wide actions ({@code mmatracker:Metrics}). */
    public static final String INSTANCE_RESOURCE = "acs:mmatracker:*:*:instance";

    /** The resource of an action across every data source. */
    public static final String ALL_SOURCES_RESOURCE = "acs:odps:*:*:mmsdatasource/*";

    /** Exact paths answered without a credential: health, and the dashboard's page (it holds no data). */
    public static final Set<String> OPEN_PATHS = Set.of("/health/live", "/health/ready", "/", "/index.html", "/favicon.ico");
    /** Path prefixes answered without a credential: the dashboard's static assets. */
    public static final Set<String> OPEN_PATH_PREFIXES = Set.of("/assets/");

    private static final Map<String, Rule> RULES = rules();

    private static Map<String, Rule> rules() {
        Map<String, Rule> rules = new HashMap<>();
        // every kind: its GET, its history (read with the right to read the object) and its per-source list,
        // each with MMA's own action
        for (Kind<?, ?> kind : KindCatalog.all()) {
            Rule get = new Rule("odps:" + kind.getOperation(), ResourceFrom.PATH_SOURCE);
            rules.put(kind.getOperation(), get);
            if (kind.hasHistory()) {
                rules.put(QueryApi.historyRoute(kind), get);
            }
            if (kind.isListed()) {
                rules.put(kind.sourceListOperation(), new Rule("odps:" + kind.sourceListOperation(), ResourceFrom.PATH_SOURCE));
            }
        }
        // a task's log steps, with MMA's own action (read from the task's snapshot)
        rules.put(QueryApi.LIST_TASK_LOGS, new Rule("odps:" + QueryApi.LIST_TASK_LOGS, ResourceFrom.PATH_SOURCE));
        rules.put(QueryApi.GET_SUMMARY, new Rule(GET_SUMMARY, ResourceFrom.PATH_SOURCE));
        rules.put(QueryApi.WATCH_ASYNC_TASK, new Rule(WATCH, ResourceFrom.PATH_SOURCE));
        rules.put(QueryApi.EVENTS, new Rule(EVENTS, ResourceFrom.QUERY_SOURCE_OR_FILTERED));
        rules.put(QueryApi.LIST_DATA_SOURCES, new Rule(LIST_DATA_SOURCES, ResourceFrom.FILTERED));
        rules.put(QueryApi.METRICS, new Rule(METRICS, ResourceFrom.INSTANCE));
        return Map.copyOf(rules);
    }

    private AccessRules() {
    }

    public static Optional<Rule> rule(String route) {
        return Optional.ofNullable(RULES.get(route));
    }

    public static boolean isOpen(String path) {
        if (OPEN_PATHS.contains(path)) {
            return true;
        }
        for (String prefix : OPEN_PATH_PREFIXES) {
            if (path.startsWith(prefix) && !path.contains("..")) {
                return true;
            }
        }
        return false;
    }

    /** RAM's resource name of an MMA data source; the tracker knows neither region nor account, so both are {@code *}. */
    public static String sourceResource(long sourceId) {
        return "acs:odps:*:*:mmsdatasource/" + sourceId;
    }
}

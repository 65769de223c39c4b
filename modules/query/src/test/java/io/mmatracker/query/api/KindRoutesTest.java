package io.mmatracker.query.api;

import static io.undertow.util.Methods.GET;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.auth.AccessRules;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.http.Router;
import io.mmatracker.query.metrics.HttpMetrics;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;

/** Every kind of the catalog has its routes and its access rules, at the paths MMA's API gives them. */
class KindRoutesTest {

    private final Router<RouteHandler> router = new QueryApi(new Endpoint("localhost", 1), null, null, null, null, null,
            new HttpMetrics(), new Replies(new ObjectMapper(), "localhost", Duration.ofSeconds(1)), new ObjectMapper(),
            Clock.systemUTC()).router();
    private final Map<String, List<String>> templates = router.routes().stream().filter(r -> r.method().equals(GET))
            .collect(Collectors.groupingBy(Router.Route::name, Collectors.mapping(Router.Route::template, Collectors.toList())));

    @Test
    void everyKindHasItsGetListAndHistoryRoutesAndTheirRules() {
        String base = "/api/v1/mms/datasources/{sourceId}";
        for (Kind<?, ?> kind : KindCatalog.all()) {
            String object = kind == KindCatalog.DATA_SOURCE ? base
                    : base + "/" + kind.pathSegment() + "/{" + QueryApi.idParameter(kind) + "}";
            assertThat(templates.get(kind.getOperation())).as(kind + " GET").containsExactly(object);
            assertThat(AccessRules.rule(kind.getOperation())).as(kind + " GET rule").isPresent();
            if (kind.isListed()) {
                assertThat(templates.get(kind.sourceListOperation())).as(kind + " list")
                        .containsExactly(base + "/" + kind.pathSegment());
                assertThat(AccessRules.rule(kind.sourceListOperation())).as(kind + " list rule").isPresent();
            }
            if (kind.hasHistory()) {
                assertThat(templates.get(QueryApi.historyRoute(kind))).as(kind + " history").containsExactly(object + "/history");
                assertThat(AccessRules.rule(QueryApi.historyRoute(kind))).as(kind + " history rule").isPresent();
            }
        }
    }

    @Test
    void thePathsAreMmasOwn() {
        assertThat(templates).containsEntry(QueryApi.GET_SCAN, List.of("/api/v1/mms/datasources/{sourceId}/scans/{scanId}"))
                .containsEntry(QueryApi.GET_ASYNC_TASK, List.of("/api/v1/mms/datasources/{sourceId}/asyncTasks/{asyncTaskId}"))
                .containsEntry(QueryApi.LIST_TASKS, List.of("/api/v1/mms/datasources/{sourceId}/tasks"))
                .containsEntry(QueryApi.GET_TABLE_HISTORY, List.of("/api/v1/mms/datasources/{sourceId}/tables/{tableId}/history"))
                .containsEntry(QueryApi.LIST_DATA_SOURCES, List.of("/api/v1/mms/datasources"));
    }
}

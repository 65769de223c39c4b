package io.mmatracker.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.undertow.util.Methods;

class RouterTest {

    private final Router<String> router = new Router<String>()
            .add("GetJob", Methods.GET, "/api/v1/mms/datasources/{sourceId}/jobs/{jobId}", "job")
            .add("ListJobs", Methods.GET, "/api/v1/mms/datasources/{sourceId}/jobs", "jobs")
            .add("Watch", Methods.POST, "/api/v1/mms/datasources/{sourceId}/asyncTasks/{id}/watch", "watch");

    @Test
    void templatesBindTheirParameters() {
        Router.Match<String> match = router.match(Methods.GET, "/api/v1/mms/datasources/7/jobs/10");
        assertThat(match).isEqualTo(new Router.Match.Found<>(router.routes().get(0), Map.of("sourceId", "7", "jobId", "10")));
        assertThat(((Router.Match.Found<String>) router.match(Methods.GET, "/api/v1/mms/datasources/7/jobs")).route().name())
                .isEqualTo("ListJobs");
    }

    @Test
    void aKnownPathWithAnotherMethodIsWrongMethodNotNotFound() {
        assertThat(router.match(Methods.DELETE, "/api/v1/mms/datasources/7/jobs/10")).isEqualTo(new Router.Match.WrongMethod<>(Set.of(Methods.GET)));
        assertThat(router.match(Methods.GET, "/api/v1/mms/datasources/7/asyncTasks/1/watch"))
                .isEqualTo(new Router.Match.WrongMethod<>(Set.of(Methods.POST)));
    }

    @Test
    void segmentsMatchExactly() {
        for (String path : new String[] {"/api/v1/mms/datasources/7/jobs/", "/api/v1/mms/datasources//jobs/1", "api/v1/mms/datasources/7/jobs",
                "/api/v1/mms/datasources/7/jobs/1/x", "/API/v1/mms/datasources/7/jobs", ""}) {
            assertThat(router.match(Methods.GET, path)).as(path).isInstanceOf(Router.Match.NotFound.class);
        }
    }
}

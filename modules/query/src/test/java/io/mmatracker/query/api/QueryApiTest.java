package io.mmatracker.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mmatracker.query.http.RequestIds;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;

/** The HTTP contract of one instance holding all state: answers, headers, and every error case. */
class QueryApiTest {

    private static TestInstance server;

    @BeforeAll
    static void start() {
        server = TestInstance.alone(Writers.mma());
        server.state.put(SnapshotStore.JOBS, "2000015/10", Snapshots.job(2000015, 10, "DOING"))
                .put(SnapshotStore.TABLES, "2000015/22", Snapshots.table(2000015, 22, "DONE"))
                .put(SnapshotStore.SCANS, "2000015/1000002", Snapshots.scan(2000015, 1000002))
                .put(SnapshotStore.ASYNC_TASKS, "2000017/2523", Snapshots.asyncTask(2000017, 2523))
                .put(SnapshotStore.TASKS, "2000015/2323", Snapshots.task(2000015, 2323, 10, "DATA_DOING", "2024-10-25 06:21:01"))
                .put(SnapshotStore.TASKS, "2000015/2324", failedTask())
                .put(SnapshotStore.SOURCE_SUMMARIES, "2000015", Snapshots.summary(2000015))
                .put(SnapshotStore.DATA_SOURCES, "2000015", Snapshots.dataSource(2000015,
                        Snapshots.configItem("bigquery.range.partition.migrate.type", "string", "\"Partition\""),
                        Snapshots.configItem("bigquery.credential", "password", "\"s3cr3t\""),
                        Snapshots.configItem("hive.keytab", "FILE", "\"BASE64KEYTAB\"")));
    }

    private static io.mmatracker.schema.TaskSnapshot failedTask() {
        var task = Snapshots.task(2000015, 2324, 10, "DATA_FAILED", "2024-10-25 06:21:01");
        task.setFailedStep(io.mmatracker.schema.MmsTaskLog.newBuilder().setId(77L).setTaskId(2324L).setSourceId(2000015L)
                .setStatus("DATA_FAILED").setAction("insert overwrite table t2324").setMsg("quota exceeded")
                .setCreateTime("2024-10-25 07:00:00").build());
        return task;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aKnownJobIsServedInMmasEnvelopeWithFreshnessHeaders() {
        HttpResponse<String> response = server.get("/api/v1/mms/datasources/2000015/jobs/10");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("x-mma-observed-at")).hasValue("2024-12-17T07:44:17.123Z");
        assertThat(response.headers().firstValue("x-mma-served-by")).hasValue(server.endpoint.toString());
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("false");
        Map<String, Object> body = TestInstance.json(response);
        assertThat(body).containsOnlyKeys("requestId", "data");
        assertThat(RequestIds.isWellFormed((String) body.get("requestId"))).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertThat(data).containsEntry("id", 10).containsEntry("status", "DOING").containsEntry("sourceId", 2000015);
    }

    @Test
    void aTasksLogIsMmasArrayOfTheStepsTheTrackerHolds() {
        HttpResponse<String> failed = server.get("/api/v1/mms/datasources/2000015/tasks/2324/logs");
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.headers().firstValue("x-mma-observed-at")).hasValue("2024-12-17T07:44:17.123Z");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) TestInstance.json(failed).get("data");
        assertThat(steps).singleElement().satisfies(step -> assertThat(step).containsEntry("id", 77).containsEntry("taskId", 2324)
                .containsEntry("sourceId", 2000015).containsEntry("status", "DATA_FAILED").containsEntry("msg", "quota exceeded")
                .containsEntry("action", "insert overwrite table t2324").containsEntry("createTime", "2024-10-25 07:00:00"));

        HttpResponse<String> moving = server.get("/api/v1/mms/datasources/2000015/tasks/2323/logs");
        assertThat(moving.statusCode()).isEqualTo(200);
        assertThat(TestInstance.json(moving).get("data")).isEqualTo(List.of());

        HttpResponse<String> unknown = server.get("/api/v1/mms/datasources/2000015/tasks/9/logs");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestInstance.json(unknown)).containsEntry("Code", "ObjectNotFound").containsKeys("RequestId", "HostId", "Message");
    }

    @Test
    void everyAnswerHasItsOwnRequestId() {
        Object first = TestInstance.json(server.get("/api/v1/mms/datasources/2000015/jobs/10")).get("requestId");
        Object second = TestInstance.json(server.get("/api/v1/mms/datasources/2000015/jobs/10")).get("requestId");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theOtherFourObjectsAreServedAtMmasPaths() {
        assertThat(server.get("/api/v1/mms/datasources/2000015/tables/22").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/mms/datasources/2000015/scans/1000002").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/mms/datasources/2000017/asyncTasks/2523").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/mms/datasources/2000015?withConfig=true&lang=en_US").statusCode()).isEqualTo(200);
    }

    @Test
    void passwordAndFileConfigValuesAreRedactedEvenWhenTheStateHoldsThem() {
        HttpResponse<String> response = server.get("/api/v1/mms/datasources/2000015?withConfig=true");

        assertThat(response.body()).doesNotContain("s3cr3t").doesNotContain("BASE64KEYTAB").contains("Partition");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> config = (List<Map<String, Object>>) ((Map<String, Object>) TestInstance.json(response).get("data")).get("config");
        assertThat(config).extracting(item -> item.get("value")).containsExactly("Partition", "******", "******");
    }

    @Test
    void aDataSourceWithoutWithConfigHasAnEmptyConfigArrayAsMmasDoes() {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) TestInstance.json(server.get("/api/v1/mms/datasources/2000015")).get("data");
        assertThat(data).containsEntry("id", 2000015).containsEntry("config", java.util.List.of());
    }

    @Test
    void anUnknownObjectIs404ObjectNotFoundInTheErrorFormat() {
        HttpResponse<String> response = server.get("/api/v1/mms/datasources/2000015/jobs/11");

        assertThat(response.statusCode()).isEqualTo(404);
        Map<String, Object> body = TestInstance.json(response);
        assertThat(body).containsOnlyKeys("RequestId", "HostId", "Code", "Message");
        assertThat(body).containsEntry("Code", "ObjectNotFound");
        assertThat((String) body.get("Message")).contains("MmsJob").contains("2000015/11");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/mms/datasources/abc/jobs/10",
            "/api/v1/mms/datasources/2000015/jobs/-1",
            "/api/v1/mms/datasources/2000015/jobs/%2B1",
            "/api/v1/mms/datasources/2000015/jobs/1.5",
            "/api/v1/mms/datasources/2000015/jobs/9223372036854775808",
            "/api/v1/mms/datasources/2000015/jobs/99999999999999999999999",
            "/api/v1/mms/datasources/2000015/tables/0x10",
            "/api/v1/mms/datasources/%201/scans/1",
            "/api/v1/mms/datasources/2000015?withConfig=yes",
            "/api/v1/mms/datasources/2000015?withConfig=true&withConfig=false",
            "/api/v1/mms/datasources/2000015?lang=%3Cscript%3E",
            "/api/v1/mms/datasources/2000015/jobs?pageSize=0",
            "/api/v1/mms/datasources/2000015/jobs?pageSize=1001",
            "/api/v1/mms/datasources/2000015/jobs?pageNum=-1",
            "/api/v1/mms/datasources/2000015/jobs?status=DONE;DROP",
            "/events?source=x",
            "/events?types=changes,gossip",
    })
    void malformedIdsAndParametersAre400InvalidParameter(String path) {
        HttpResponse<String> response = server.get(path);

        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(TestInstance.json(response)).containsEntry("Code", "InvalidParameter").containsKeys("RequestId", "Message");
    }

    @Test
    void theLargestIdIsValidAndSimplyUnknown() {
        assertThat(server.get("/api/v1/mms/datasources/9223372036854775807/jobs/9223372036854775807").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/missing.js", "/assets", "/index.htm", "/api", "/api/v1/mms", "/api/v1/mms/datasources/1/jobs/2/",
            "/api/v1/mms/datasources/1/partitions/2", "/api/v1/mms/datasources//jobs/2", "/API/v1/mms/datasources/1"})
    void unknownPathsAre404InvalidActionNotFound(String path) {
        HttpResponse<String> response = server.get(path);

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(TestInstance.json(response)).containsEntry("Code", "InvalidAction.NotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodsOnAGetPathAre405WithAllow(String method) {
        HttpResponse<String> response = server.send(method, "/api/v1/mms/datasources/2000015/jobs/10");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET");
        assertThat(TestInstance.json(response)).containsEntry("Code", "MethodNotAllowed");
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() {
        HttpResponse<String> response = server.send("HEAD", "/api/v1/mms/datasources/2000015/jobs/10");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void headOnTheEventStreamAnswersWithoutOpeningOne() {
        HttpResponse<String> response = server.send("HEAD", "/events");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(server.hub.subscriberCount()).isZero();
    }

    @Test
    void theSummaryOfASourceIsServedWithItsUpdateTime() {
        HttpResponse<String> response = server.get("/api/v1/mms/datasources/2000015/summary");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-observed-at")).hasValue("2024-12-17T07:44:17.123Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) TestInstance.json(response).get("data");
        assertThat(data).containsEntry("sourceId", 2000015).containsEntry("jobsByStatus", Map.of("DOING", 2, "FAILED", 1));
    }

    @Test
    void aWatchRequestIsPublishedAndAnswered202() {
        HttpResponse<String> response = server.send("POST", "/api/v1/mms/datasources/2000017/asyncTasks/2600/watch?reason=ci");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(TestInstance.json(response).get("data")).isEqualTo(Map.of("sourceId", 2000017, "asyncTaskId", 2600, "key", "2000017/2600"));
        assertThat(server.watches).anySatisfy(w -> {
            assertThat(w.getSourceId()).isEqualTo(2000017);
            assertThat(w.getAsyncTaskId()).isEqualTo(2600);
            assertThat(w.getReason()).isEqualTo("ci");
            assertThat(w.getRequestedAt()).isEqualTo(TestInstance.CLOCK.instant());
        });
    }

    @Test
    void aWatchThatCannotBeStoredIs503() {
        server.isWatchTopicDown.set(true);
        try {
            HttpResponse<String> response = server.send("POST", "/api/v1/mms/datasources/2000017/asyncTasks/2601/watch");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            assertThat(TestInstance.json(response)).containsEntry("Code", "ServiceUnavailable");
        } finally {
            server.isWatchTopicDown.set(false);
        }
    }

    @Test
    void healthTellsLivenessAndReadiness() {
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        server.isReady.set(false);
        try {
            HttpResponse<String> notReady = server.get("/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(TestInstance.json(notReady)).containsEntry("status", "DOWN").containsEntry("streams", "REBALANCING");
        } finally {
            server.isReady.set(true);
        }
    }

    @Test
    void metricsCountRequestsByRouteAndStatusInPrometheusTextFormat() {
        server.get("/api/v1/mms/datasources/2000015/jobs/10");
        server.get("/nowhere");

        HttpResponse<String> response = server.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .containsPattern("mma_query_requests_total\\{route=\"GetMmsJob\",status=\"200\"\\} [1-9]")
                .containsPattern("mma_query_requests_total\\{route=\"Unmatched\",status=\"404\"\\} [1-9]")
                .contains("# TYPE mma_query_request_duration_seconds histogram")
                .containsPattern("mma_query_request_duration_seconds_bucket\\{route=\"GetMmsJob\",le=\"\\+Inf\"\\} [1-9]")
                .contains("mma_query_cache_hits_total");
    }

    @Test
    void noStateAtAllIs503WithRetryAfter() {
        server.state.closeAll();
        try {
            HttpResponse<String> response = server.get("/api/v1/mms/datasources/2000015/jobs/10");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            assertThat(TestInstance.json(response)).containsEntry("Code", "ServiceUnavailable");
        } finally {
            server.state.reopenAll();
        }
    }
}

package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets Alibaba's error format with the right status and code; never a stack trace or a 500. */
class BadInputTest {

    private static final String API = "/api/v1/mms/datasources";

    private static Simulator sim;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorConfig.defaults().withPort(0), Clock.systemUTC());
        http = new TestHttp(sim.baseUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Asserts the answer is a clean Alibaba error with this status and code. */
    static void assertError(TestHttp.Answer a, int status, String code) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(JsonShapes.names(a.json()))
            .containsExactlyInAnyOrder("RequestId", "HostId", "Code", "Message", "Recommend");
        assertThat(a.json().get("Code").asText()).isEqualTo(code);
        assertThat(a.body()).doesNotContain("Exception", "\tat ", "io.mmatracker", "io.undertow");
        assertThat(a.body().length()).isLessThan(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/mms/nothing", "/api/v1/mms/datasources/1/widgets", "/api/v2/mms/datasources",
        "/", "/api/v1/mms/datasources//jobs", "/api/v1/mms/datasources/2000001/jobs/1/stop/now",
        "/api/v1/mms/../../etc/passwd", "/api/v1/mms/%3Cscript%3E", "/api/v1/mms/datasources/2000001/jobs/1/%2e%2e"})
    void unknownPathsAreInvalidActionNotFound(String path) {
        assertError(http.get(path), 404, "InvalidAction.NotFound");
    }

    @Test
    void hostileLongPathsAndQueriesAreAnsweredBriefly() {
        assertError(http.get("/api/v1/mms/" + "a".repeat(20_000)), 404, "InvalidAction.NotFound");
        assertError(http.get(API + "/" + "9".repeat(5_000)), 400, "InvalidParameter");
        assertError(http.get(API + "/2000001/tables?pageSize=" + "9".repeat(5_000)), 400, "InvalidParameter");
        TestHttp.Answer longFilter = http.get(API + "/2000001/tables?name=" + "x".repeat(20_000));
        assertThat(longFilter.status()).isEqualTo(200);
        assertThat(longFilter.data().get("total").asInt()).isZero();
        StringBuilder many = new StringBuilder(API + "/2000001/jobs?");
        for (int i = 0; i < 2_000; i++) {
            many.append("p").append(i).append("=1&");
        }
        assertThat(http.get(many.toString()).status()).isEqualTo(200);
    }

    @Test
    void oddCharactersInTheRequestLineGetTheErrorFormat() throws IOException {
        for (String target : List.of("/api/v1/mms/datasources/\"<x>\"", "/api/v1/mms/datasources/é",
            "/api/v1/mms/datasources/2000001/jobs/{1}", "/api/v1/mms/datasources?name=|`^")) {
            String answer = rawGet(target);
            assertThat(answer).as(target).matches("(?s)HTTP/1.1 (200|400|404) .*\"(Code|requestId)\":.*");
            assertThat(answer).doesNotContain("Exception", "\tat ");
        }
    }

    /** Undertow's own parser refuses request lines with broken %-escapes before the simulator sees them. */
    @Test
    void brokenEscapesAreRefusedByTheHttpParserWithoutATrace() throws IOException {
        for (String target : List.of("/api/v1/mms/datasources/2000001/jobs?status=%zz",
            "/api/v1/mms/datasources?name=%", "/api/v1/mms/datasources/%zz")) {
            String answer = rawGet(target);
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
            assertThat(answer).doesNotContain("Exception", "\tat ");
        }
    }

    private static String rawGet(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void wrongMethodsAre405InTheErrorFormat() {
        TestHttp.Answer a = http.delete(API + "/2000001/jobs/10001");
        assertError(a, 405, "InvalidAction.NotFound");
        assertThat(a.header("allow")).contains("GET, POST");
        assertError(http.method("PATCH", API), 405, "InvalidAction.NotFound");
        assertError(http.get(API + "/2000001/jobs/10001/stop"), 405, "InvalidAction.NotFound");
    }

    @Test
    void operationsMmaHasButTheSimulatorDoesNotAreNamed() {
        TestHttp.Answer a = http.put(API + "/2000001", "{}");
        assertError(a, 404, "InvalidAction.NotFound");
        assertThat(a.json().get("Message").asText()).contains("UpdateMmsDataSource");
        assertError(http.get(API + "/2000001/dbs"), 404, "InvalidAction.NotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "0", "1.5", "99999999999999999999", "9223372036854775808", "%31", "+5",
        "0x10", "1e3", "%00"})
    void badIdsAreInvalidParameter(String id) {
        assertError(http.get(API + "/" + id), 400, "InvalidParameter");
        assertError(http.get(API + "/2000001/jobs/" + id), 400, "InvalidParameter");
        assertError(http.post(API + "/2000001/jobs/" + id + "/stop", ""), 400, "InvalidParameter");
    }

    @Test
    void unknownObjectsAreNotFoundByKind() {
        assertError(http.get(API + "/9223372036854775807"), 404, "NotFound.DataSource");
        assertError(http.get(API + "/2000001/jobs/1"), 404, "NotFound.Job");
        assertError(http.get(API + "/2000001/tables/1"), 404, "NotFound.Table");
        assertError(http.get(API + "/2000001/tasks/1"), 404, "NotFound.Task");
        assertError(http.get(API + "/2000001/scans/1"), 404, "NotFound.FetchMetadataJob");
        assertError(http.get(API + "/2000001/asyncTasks/1"), 404, "NotFound.AsyncTask");
        assertError(http.post(API + "/2000001/jobs/1/retry", ""), 404, "NotFound.Job");
        assertError(http.post(API + "/2000009/scans", ""), 404, "NotFound.DataSource");
        long otherSourcesTable = http.get(API + "/2000002/tables?pageSize=1").data().get("objectList").get(0)
            .get("id").asLong();
        assertError(http.get(API + "/2000001/tables/" + otherSourcesTable), 404, "NotFound.Table");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pageNum=0", "pageNum=-1", "pageNum=abc", "pageNum=", "pageSize=0", "pageSize=1001",
        "pageSize=1.5", "pageNum=99999999999", "status=BOGUS", "status=%5B%22DONE%22", "status=%5B1%5D",
        "hasPartitions=maybe", "lastDdlTimeStart=yesterday", "dbId=x", "name=%C3", "name=%ED%A0%80"})
    void badQueryValuesAreInvalidParameter(String query) {
        assertError(http.get(API + "/2000001/tables?" + query), 400, "InvalidParameter");
    }

    @Test
    void badFiltersOfOtherListsAreInvalidParameter() {
        assertError(http.get(API + "?type=ORACLE"), 400, "InvalidParameter");
        assertError(http.get(API + "/2000001?withConfig=yes"), 400, "InvalidParameter");
        assertError(http.get(API + "/2000001/jobs?status=RUNNING"), 400, "InvalidParameter");
        assertError(http.get(API + "/2000001/jobs?stopped=2"), 400, "InvalidParameter");
        assertError(http.get(API + "/2000001/tasks?status=DOING"), 400, "InvalidParameter");
        assertError(http.get(API + "/2000001/tasks?jobId=-3"), 400, "InvalidParameter");
    }

    @Test
    void badRequestBodiesAreRejected() {
        String jobs = API + "/2000001/jobs";
        assertError(http.post(jobs, "{not json"), 400, "InvalidParameter");
        assertError(http.post(jobs, "[1,2]"), 400, "InvalidParameter");
        assertError(http.post(jobs, "{}"), 400, "MissingParameter");
        assertError(http.post(jobs, "{\"name\":\"x\"}"), 400, "MissingParameter");
        assertError(http.post(jobs, "{\"name\":\"x\",\"srcDbName\":\"no_such_db\"}"), 400, "InvalidParameter");
        assertError(http.post(jobs, "{\"name\":7,\"srcDbName\":\"x\"}"), 400, "InvalidParameter");
        String db = http.get(API + "/2000001/tables?pageSize=1").data().get("objectList").get(0).get("dbName")
            .asText();
        assertError(http.post(jobs, "{\"name\":\"x\",\"srcDbName\":\"" + db + "\",\"tables\":\"t\"}"), 400,
            "InvalidParameter");
        assertError(http.post(jobs, "{\"name\":\"x\",\"srcDbName\":\"" + db + "\",\"tables\":[\"nope\"]}"), 400,
            "InvalidParameter");
        assertError(http.post(jobs, "{\"name\":\"x\",\"srcDbName\":\"" + db + "\",\"partitions\":[\"1\"]}"), 400,
            "InvalidParameter");
        assertError(http.post(API + "/2000001/scans", "{\"dbName\":\"nope\"}"), 400, "InvalidParameter");
        assertError(http.post(API + "/2000001/scans", "{\"tableNames\":[\"a\"]}"), 400, "MissingParameter");
        assertError(http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + jobs))
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 << 20]))), 400, "InvalidParameter");
    }

    @Test
    void noBadInputCausedAServerError() {
        assertThat(sim.stats().total(io.mmatracker.simulator.stats.Outcome.SERVER_ERROR)).isZero();
    }
}

package io.mmatracker.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.testkit.FreePorts;

/**
 * Three instances over one fake cluster layout: a GET reaching any instance is answered by the owner of the
 * key, forwarded at most once, and falls back to standby copies (marked stale) when the owner is away.
 */
class ForwardingTest {

    private static final String JOB = "/api/v1/mms/datasources/2000015/jobs/10";
    private static final String KEY = "2000015/10";

    private Map<SnapshotStore, Map<String, SpecificRecord>> data;
    private Endpoint a;
    private Endpoint b;
    private Endpoint c;
    private TestInstance instanceA;
    private TestInstance instanceB;
    private TestInstance instanceC;
    private FakeState.Layout layout;

    @BeforeEach
    void start() {
        data = FakeState.newData();
        a = new Endpoint("localhost", FreePorts.next());
        b = new Endpoint("localhost", FreePorts.next());
        c = new Endpoint("localhost", FreePorts.next());
        layout = new FakeState.Layout(1);
        instanceA = new TestInstance(a, new FakeState(a, layout, data), Writers.mma());
        instanceB = new TestInstance(b, new FakeState(b, layout, data), Writers.mma());
        instanceC = new TestInstance(c, new FakeState(c, layout, data), Writers.mma());
        instanceA.state.put(SnapshotStore.JOBS, KEY, Snapshots.job(2000015, 10, "DOING"));
    }

    @AfterEach
    void stop() {
        for (TestInstance instance : List.of(instanceA, instanceB, instanceC)) {
            instance.close();
        }
    }

    @Test
    void aRequestToAnotherInstanceIsForwardedOnceToTheOwner() {
        layout.assign(0, b, c);

        HttpResponse<String> response = instanceA.get(JOB);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-served-by")).hasValue(b.toString());
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("false");
        assertThat(response.headers().firstValue("x-mma-observed-at")).hasValue("2024-12-17T07:44:17.123Z");
        assertThat(forwarded(instanceA)).isEqualTo(1);
        assertThat(forwarded(instanceB)).isZero();
    }

    @Test
    void theOwnerAnswersWithTheRequestIdTheForwardingInstanceChose() {
        layout.assign(0, b, c);
        String chosen = "D9F872FD-5DDE-40A6-8C8A-1B8C6A81059F";

        HttpResponse<String> response = instanceB.get(JOB, "X-MMA-Forwarded-By", a.toString(), "X-MMA-Request-Id", chosen);

        assertThat(TestInstance.json(response)).containsEntry("requestId", chosen);
    }

    @Test
    void anUnknownObjectIs404FromTheOwner() {
        layout.assign(0, b, c);

        HttpResponse<String> response = instanceA.get("/api/v1/mms/datasources/2000015/jobs/404");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestInstance.json(response)).containsEntry("Code", "ObjectNotFound");
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgainEvenWhenInstancesDisagreeOnTheOwner() {
        // A believes B owns the key; B believes A does: without the loop guard they would bounce forever.
        FakeState.Layout seenByA = new FakeState.Layout(1).assign(0, b);
        FakeState.Layout seenByB = new FakeState.Layout(1).assign(0, a);
        try (TestInstance confusedA = restart(instanceA, seenByA); TestInstance confusedB = restart(instanceB, seenByB)) {
            HttpResponse<String> response = confusedA.get(JOB);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("retry-after")).isPresent();
            assertThat(forwarded(confusedA)).isEqualTo(1);
            assertThat(forwarded(confusedB)).isZero();
        }
    }

    @Test
    void whenTheOwnerIsDownALocalStandbyAnswersMarkedStale() {
        layout.assign(0, b, a);
        instanceB.close();

        HttpResponse<String> response = instanceA.get(JOB);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-served-by")).hasValue(a.toString());
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("true");
    }

    @Test
    void aStandbyThatLacksAnObjectCannotSayItDoesNotExist() {
        layout.assign(0, b, a);
        instanceB.close();

        HttpResponse<String> response = instanceA.get("/api/v1/mms/datasources/2000015/jobs/404");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(TestInstance.json(response).get("Message").toString()).contains("standbys may lag");
    }

    @Test
    void whenTheOwnerIsDownAndNoLocalCopyExistsAStandbyInstanceAnswers() {
        layout.assign(0, b, c);
        instanceB.close();

        HttpResponse<String> response = instanceA.get(JOB);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-served-by")).hasValue(c.toString());
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("true");
    }

    @Test
    void whenTheOwnersCopyIsMigratingTheStandbyAnswers() {
        layout.assign(0, b, c);
        instanceB.state.close(0);

        HttpResponse<String> response = instanceA.get(JOB);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-served-by")).hasValue(c.toString());
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("true");
    }

    @Test
    void duringARebalanceALocalCopyAnswersMarkedStale() {
        layout.assign(0, b, a);
        layout.rebalancing(true);

        HttpResponse<String> response = instanceA.get(JOB);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-mma-stale")).hasValue("true");
    }

    @Test
    void withNoReachableCopyTheAnswerIs503WithRetryAfter() {
        layout.assign(0, b, c);
        instanceB.close();
        instanceC.close();

        HttpResponse<String> response = instanceA.get(JOB);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
        assertThat(TestInstance.json(response)).containsEntry("Code", "ServiceUnavailable");
    }

    @Test
    void aLookupNoCopyCanAnswerIsRetriedWithinItsBudgetBeforeA503() {
        // Four reads fail (a store closed for a moment), then the copy answers: the client sees a 200, not a 503.
        answersAfterRetrying(state -> state.failNextReads(4));
    }

    /** An instance holding the job's only copy, with a 1 s retry budget, answers 200 after the given trouble, by retrying. */
    private void answersAfterRetrying(java.util.function.Consumer<FakeState> trouble) {
        layout.assign(0, a);
        instanceA.close();
        try (TestInstance patient = new TestInstance(a, new FakeState(a, layout, data), Writers.mma(), QueryConfig.fromMap(
                Map.of("query.port", Integer.toString(a.port()), "query.advertised", a.toString(), "query.unavailable-retry-ms", "1000")))) {
            trouble.accept(patient.state);
            assertThat(patient.get(JOB).statusCode()).isEqualTo(200);
            assertThat(patient.get("/metrics").body()).containsPattern("mma_query_lookup_retries_total [1-9]");
        }
    }

    private TestInstance restart(TestInstance instance, FakeState.Layout layoutSeen) {
        instance.close();
        return new TestInstance(instance.endpoint, new FakeState(instance.endpoint, layoutSeen, data), Writers.mma());
    }

    private static long forwarded(TestInstance instance) {
        String metrics = instance.get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("mma_query_forwarded_total ")).mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow();
    }
}

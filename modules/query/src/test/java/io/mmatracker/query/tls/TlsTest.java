package io.mmatracker.query.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.AuthFixtures;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.testkit.FreePorts;

/** HTTPS from PEM files made in the test, and mTLS as the instance credential between two instances. */
class TlsTest {

    private static final String JOB = "/api/v1/mms/datasources/1/jobs/10";
    private static final String TOKEN = "reader-token-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void withTlsThePortSpeaksOnlyHttps() throws Exception {
        AuthFixtures.Pki pki = AuthFixtures.pki(dir);
        Endpoint endpoint = new Endpoint("localhost", FreePorts.next());
        Map<String, String> values = config(endpoint, pki);
        try (TestInstance instance = new TestInstance(endpoint, FakeState.alone(endpoint), Writers.mma(), QueryConfig.fromMap(values))) {
            instance.state.put(SnapshotStore.JOBS, "1/10", Snapshots.job(1, 10, "DOING"));
            HttpClient https = HttpClient.newBuilder().sslContext(pki.trustingClient()).connectTimeout(Duration.ofSeconds(30)).build();

            HttpResponse<String> answer = https.send(HttpRequest.newBuilder(URI.create("https://" + endpoint + JOB))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"requestId\"");
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://" + endpoint + JOB))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void instancesForwardOverMutualTlsAndAClientWithoutACertificateCannotPoseAsOne() throws Exception {
        AuthFixtures.Pki pki = AuthFixtures.pki(dir);
        Path authFile = AuthFixtures.writeJson(dir.resolve("auth.json"), Map.of("tokens", List.of(
                Map.of("name", "reader", "token", TOKEN, "policy", AuthFixtures.sources(1)))));
        Endpoint a = new Endpoint("localhost", FreePorts.next());
        Endpoint b = new Endpoint("localhost", FreePorts.next());
        FakeState.Layout layout = new FakeState.Layout(1).assign(0, b);
        Map<SnapshotStore, Map<String, org.apache.avro.specific.SpecificRecord>> data = FakeState.newData();
        try (TestInstance first = new TestInstance(a, new FakeState(a, layout, data), Writers.mma(), mutual(a, pki, authFile), Clock.systemUTC());
             TestInstance owner = new TestInstance(b, new FakeState(b, layout, data), Writers.mma(), mutual(b, pki, authFile), Clock.systemUTC())) {
            owner.state.put(SnapshotStore.JOBS, "1/10", Snapshots.job(1, 10, "DOING"));
            HttpClient https = HttpClient.newBuilder().sslContext(pki.trustingClient()).connectTimeout(Duration.ofSeconds(30)).build();

            HttpResponse<String> forwarded = https.send(HttpRequest.newBuilder(URI.create("https://" + a + JOB))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> posing = https.send(HttpRequest.newBuilder(URI.create("https://" + b + JOB))
                    .header("X-MMA-Forwarded-By", a.toString()).header("X-MMA-Caller", "reader").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
            assertThat(first.service().metrics().render()).contains("mma_query_forwarded_total 1");
            assertThat(forwarded.headers().firstValue("x-mma-served-by")).hasValue(b.toString());
            assertThat(posing.statusCode()).isEqualTo(403);
            assertThat(posing.body()).contains("\"Code\":\"Forbidden\"");
        }
    }

    private static Map<String, String> config(Endpoint endpoint, AuthFixtures.Pki pki) {
        Map<String, String> values = new HashMap<>(Map.of("query.port", Integer.toString(endpoint.port()), "query.advertised", endpoint.toString(),
                "query.unavailable-retry-ms", "0", "query.tls.cert-file", pki.certFile().toString(),
                "query.tls.key-file", pki.keyFile().toString()));
        return values;
    }

    private static QueryConfig mutual(Endpoint endpoint, AuthFixtures.Pki pki, Path authFile) {
        Map<String, String> values = config(endpoint, pki);
        values.put("query.tls.client-ca-file", pki.caFile().toString());
        values.put("query.auth-file", authFile.toString());
        return QueryConfig.fromMap(values);
    }
}

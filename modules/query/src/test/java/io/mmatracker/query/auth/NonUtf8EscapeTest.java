package io.mmatracker.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.AuthFixtures;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.HttpTestClient;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.signature.Acs3Signer;
import io.mmatracker.signature.Credentials;
import io.mmatracker.signature.SignableRequest;
import io.mmatracker.testkit.FreePorts;

/**
 * Rfc3986.decode rejects a percent escape that is not UTF-8 ({@code %FF}): over real HTTP, with auth on, a signed
 * request with one in its query or path (the signature check decodes them with Rfc3986) gets a 4xx in Alibaba's
 * error format, never a 500. With a token the signature check does not run; the answer is not a 5xx either, and an
 * error is in Alibaba's format.
 */
class NonUtf8EscapeTest {

    private static final String KEY_ID = "ak-escape";
    private static final String SECRET = "escape-secret-0001";
    private static final String TOKEN = "escape-token-0002";
    private static final String JOB = "/api/v1/mms/datasources/1/jobs/10";

    @TempDir
    Path dir;

    @Test
    void aNonUtf8EscapeIsABadRequestInAlibabasErrorFormat() {
        Path authFile = AuthFixtures.writeJson(dir.resolve("auth.json"), Map.of(
                "accessKeys", List.of(Map.of("id", KEY_ID, "secret", SECRET, "policy", AuthFixtures.sources(1))),
                "tokens", List.of(Map.of("name", "escape", "token", TOKEN, "policy", AuthFixtures.sources(1)))));
        Endpoint endpoint = new Endpoint("localhost", FreePorts.next());
        QueryConfig config = QueryConfig.fromMap(Map.of("query.port", Integer.toString(endpoint.port()),
                "query.advertised", endpoint.toString(), "query.unavailable-retry-ms", "0",
                "query.auth-file", authFile.toString()));
        try (TestInstance instance = new TestInstance(endpoint, FakeState.alone(endpoint), Writers.mma(), config,
                Clock.systemUTC())) {
            instance.state.put(SnapshotStore.JOBS, "1/10", Snapshots.job(1, 10, "DOING"));
            HttpTestClient http = new HttpTestClient(endpoint);
            assertThat(http.get(JOB, "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

            for (String pathAndQuery : List.of(JOB + "?name=%FF", JOB + "?name=%C3%28", JOB + "?%FE=x",
                    "/api/v1/mms/datasources/1/jobs?name=%FF", "/api/v1/mms/datasources/1/jobs/%FF")) {
                HttpResponse<String> withToken = http.get(pathAndQuery, "Authorization", "Bearer " + TOKEN);
                assertThat(withToken.statusCode()).as(pathAndQuery + ": " + withToken.body()).isLessThan(500);
                if (withToken.statusCode() >= 400) {
                    assertAlibabaError(withToken, pathAndQuery);
                }
                SignableRequest signed = Acs3Signer.withSystemClock().sign(
                        new SignableRequest("GET", JOB, Map.of(), Map.of("host", endpoint.toString()),
                                Acs3Signer.EMPTY_PAYLOAD_SHA256),
                        Credentials.of(KEY_ID, SECRET), "GetMmsJob", "2022-01-04");
                String[] headers = signed.headers().entrySet().stream().filter(h -> !h.getKey().equals("host"))
                        .flatMap(h -> java.util.stream.Stream.of(h.getKey(), h.getValue())).toArray(String[]::new);
                assertAlibabaError(http.get(pathAndQuery, headers), "signed " + pathAndQuery);
            }
            assertThat(http.get(JOB, "Authorization", "Bearer " + TOKEN).statusCode()).as("still serving")
                    .isEqualTo(200);
        }
    }

    private static void assertAlibabaError(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isBetween(400, 499);
        Map<String, Object> body = HttpTestClient.json(response);
        assertThat(body.keySet()).as(what).contains("RequestId", "HostId", "Code", "Message");
        assertThat(String.valueOf(body.get("Message"))).as(what).isNotBlank();
    }
}

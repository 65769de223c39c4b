package io.mmatracker.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.AuthFixtures;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.testkit.FreePorts;

/**
 * Alibaba's own OpenAPI client (tea-openapi, ACS3-HMAC-SHA256) calls two tracker instances that share an auth
 * file. The key is owned by instance B, the SDK calls A: every answer below went through a forward, and B
 * authorized it again for the same caller.
 */
class AlibabaSdkTest {

    private static final String KEY_ID = "ak-reader-source-1";
    private static final String SECRET = "s3cret-of-the-reader-0123456789";
    private static final String INSTANCE_SECRET = "instance-secret-0123456789abcdef";

    @TempDir
    Path dir;
    private TestInstance a;
    private TestInstance b;

    @BeforeEach
    void start() {
        Path authFile = AuthFixtures.writeJson(dir.resolve("auth.json"), Map.of(
                "accessKeys", List.of(Map.of("id", KEY_ID, "secret", SECRET,
                        "policy", AuthFixtures.allow(List.of("odps:GetMms*", "odps:ListMms*"), List.of("acs:odps:*:*:mmsdatasource/1")))),
                "instanceSecret", INSTANCE_SECRET));
        Map<SnapshotStore, Map<String, org.apache.avro.specific.SpecificRecord>> data = FakeState.newData();
        Endpoint ea = new Endpoint("localhost", FreePorts.next());
        Endpoint eb = new Endpoint("localhost", FreePorts.next());
        FakeState.Layout layout = new FakeState.Layout(1).assign(0, eb);
        a = new TestInstance(ea, new FakeState(ea, layout, data), Writers.mma(), config(ea, authFile), Clock.systemUTC());
        b = new TestInstance(eb, new FakeState(eb, layout, data), Writers.mma(), config(eb, authFile), Clock.systemUTC());
        b.state.put(SnapshotStore.JOBS, "1/10", Snapshots.job(1, 10, "DOING"));
        b.state.put(SnapshotStore.JOBS, "2/20", Snapshots.job(2, 20, "DOING"));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void theSdkReadsTheSourceItsPolicyAllowsThroughAForward() throws Exception {
        Map<String, ?> answer = sdk(a, SECRET).callApi(get("GetMmsJob", "/api/v1/mms/datasources/1/jobs/10"), new OpenApiRequest(),
                new RuntimeOptions());

        assertThat(answer.get("statusCode")).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) answer.get("body");
        assertThat(body).containsKeys("requestId", "data");
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) answer.get("headers");
        assertThat(headers.get("x-mma-served-by")).isEqualTo(b.endpoint.toString());
        assertThat(a.service().metrics().render()).contains("mma_query_forwarded_total 1");

        // a list share with a query string: the instance credential covers it exactly as sent
        Map<String, ?> list = sdk(a, SECRET).callApi(get("ListMmsJobs", "/api/v1/mms/datasources/1/jobs"),
                new OpenApiRequest().setQuery(Map.of("status", "[\"DOING\",\"FAILED\"]", "pageSize", "5")), new RuntimeOptions());
        assertThat(list.get("statusCode")).isEqualTo(200);
        assertThat(list.get("body").toString()).contains("total=1");
    }

    @Test
    void anotherSourceIsForbiddenAndAWrongSecretDoesNotMatch() throws Exception {
        TeaException other = refused(sdk(a, SECRET), "/api/v1/mms/datasources/2/jobs/20");
        assertThat(other.getStatusCode()).isEqualTo(403);
        assertThat(other.getCode()).isEqualTo("Forbidden.RAM");

        TeaException wrongSecret = refused(sdk(a, "not-the-secret-0123456789"), "/api/v1/mms/datasources/1/jobs/10");
        assertThat(wrongSecret.getStatusCode()).isEqualTo(403);
        assertThat(wrongSecret.getCode()).isEqualTo("SignatureDoesNotMatch");

        Config unknown = new Config().setAccessKeyId("ak-nobody").setAccessKeySecret(SECRET)
                .setEndpoint(a.endpoint.toString()).setProtocol("HTTP");
        TeaException unknownKey = refused(new Client(unknown), "/api/v1/mms/datasources/1/jobs/10");
        assertThat(unknownKey.getStatusCode()).isEqualTo(404);
        assertThat(unknownKey.getCode()).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    @Test
    void unsignedRequestsAndOutsidersUsingInstanceHeadersAreRefusedInAlibabasFormat() {
        HttpResponse<String> unsigned = a.get("/api/v1/mms/datasources/1/jobs/10");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(TestInstance.json(unsigned)).containsOnlyKeys("RequestId", "HostId", "Code", "Message")
                .containsEntry("Code", "MissingAuthorization");

        HttpResponse<String> outsider = b.get("/api/v1/mms/datasources/1/jobs/10", "X-MMA-Forwarded-By", a.endpoint.toString(),
                "X-MMA-Caller", KEY_ID);
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(TestInstance.json(outsider)).containsEntry("Code", "Forbidden");

        HttpResponse<String> forged = b.get("/api/v1/mms/datasources/1/jobs", "X-MMA-Partitions", "0", "X-MMA-Caller", KEY_ID,
                "X-MMA-Instance-Auth", "t=" + System.currentTimeMillis() / 1000 + ",s=00", "X-MMA-Request-Id",
                "D9F872FD-5DDE-40A6-8C8A-1B8C6A81059F");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(TestInstance.json(forged)).containsOnlyKeys("RequestId", "HostId", "Code", "Message");

        assertThat(a.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(a.get("/metrics").statusCode()).isEqualTo(401);
    }

    @Test
    void aReplayedSdkRequestIsRefused() throws Exception {
        // the SDK signs for a recorder that keeps the bytes it sent; the same bytes then reach the tracker twice
        byte[] request;
        try (ServerSocket recorder = new ServerSocket(0)) {
            CompletableFuture<byte[]> recorded = CompletableFuture.supplyAsync(() -> record(recorder));
            Config config = new Config().setAccessKeyId(KEY_ID).setAccessKeySecret(SECRET)
                    .setEndpoint("localhost:" + recorder.getLocalPort()).setProtocol("HTTP");
            new Client(config).callApi(get("GetMmsJob", "/api/v1/mms/datasources/1/jobs/10"), new OpenApiRequest(), new RuntimeOptions());
            request = recorded.get(10, TimeUnit.SECONDS);
        }

        String first = rawExchange(a.endpoint, request);
        String replay = rawExchange(a.endpoint, request);

        assertThat(first).startsWith("HTTP/1.1 200");
        assertThat(replay).startsWith("HTTP/1.1 400").contains("\"Code\":\"SignatureNonceUsed\"");
    }

    private static QueryConfig config(Endpoint endpoint, Path authFile) {
        return QueryConfig.fromMap(Map.of("query.port", Integer.toString(endpoint.port()), "query.advertised", endpoint.toString(),
                "query.unavailable-retry-ms", "0", "query.auth-file", authFile.toString()));
    }

    private static Client sdk(TestInstance instance, String secret) throws Exception {
        return new Client(new Config().setAccessKeyId(KEY_ID).setAccessKeySecret(secret)
                .setEndpoint(instance.endpoint.toString()).setProtocol("HTTP"));
    }

    /** One of MMA's ROA GETs as the SDK's generic call describes it. */
    private static Params get(String action, String path) {
        return new Params().setAction(action).setVersion("2022-01-04").setProtocol("HTTP").setPathname(path).setMethod("GET")
                .setAuthType("AK").setStyle("ROA").setReqBodyType("json").setBodyType("json");
    }

    private static TeaException refused(Client client, String path) {
        return catchThrowableOfType(TeaException.class,
                () -> client.callApi(get("GetMmsJob", path), new OpenApiRequest(), new RuntimeOptions()));
    }

    /** Accepts one connection, keeps the request head, answers an empty MMA envelope. */
    private static byte[] record(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.write(c);
            }
            byte[] body = "{\"requestId\":\"X\",\"data\":{}}".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return head.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sends raw request bytes on a new connection and returns the response (the request asks for keep-alive: read one). */
    private static String rawExchange(Endpoint target, byte[] request) throws Exception {
        String text = new String(request, StandardCharsets.ISO_8859_1).replaceFirst("(?i)\r\nconnection:[^\r]*", "");
        text = text.substring(0, text.length() - 2) + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket(target.host(), target.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.mmatracker.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.AuthFixtures;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.signature.Acs3Signer;
import io.mmatracker.signature.AcsAuthorization;
import io.mmatracker.signature.SignableRequest;
import io.mmatracker.testkit.FreePorts;

/**
 * Hostile auth headers, sent as raw bytes so that nothing is cleaned up by a client library: malformed and huge
 * Authorization values, signatures with bad dates, unicode, control characters, forged instance headers. Every
 * request ends quickly with a status below 500 (or is dropped by the HTTP parser), the instance keeps serving, and
 * neither its log (captured at TRACE) nor any answer shows the secret, the token or the instance secret.
 */
class AuthHeaderFuzzTest {

    private static final String KEY_ID = "ak-fuzz";
    private static final String SECRET = "fuzz-secret-that-must-never-show-0001";
    private static final String TOKEN = "fuzz-token-that-must-never-show-0002";
    private static final String INSTANCE_SECRET = "fuzz-instance-secret-never-shown-0003";
    private static final String JOB = "/api/v1/mms/datasources/1/jobs/10";
    private static final int REQUESTS = 1500;

    @TempDir
    Path dir;

    @Test
    void hostileAuthHeadersNeverCauseA5xxAHangOrALeakedSecret() throws Exception {
        Path authFile = AuthFixtures.writeJson(dir.resolve("auth.json"), Map.of(
                "accessKeys", List.of(Map.of("id", KEY_ID, "secret", SECRET, "policy", AuthFixtures.sources(1))),
                "tokens", List.of(Map.of("name", "fuzz", "token", TOKEN, "policy", AuthFixtures.sources(1))),
                "instanceSecret", INSTANCE_SECRET));
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.mmatracker");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        ours.setLevel(Level.TRACE);
        Endpoint endpoint = new Endpoint("localhost", FreePorts.next());
        QueryConfig config = QueryConfig.fromMap(Map.of("query.port", Integer.toString(endpoint.port()),
                "query.advertised", endpoint.toString(), "query.unavailable-retry-ms", "0", "query.auth-file", authFile.toString()));
        List<String> answers = new ArrayList<>();
        try (TestInstance instance = new TestInstance(endpoint, FakeState.alone(endpoint), Writers.mma(), config, Clock.systemUTC())) {
            instance.state.put(SnapshotStore.JOBS, "1/10", Snapshots.job(1, 10, "DOING"));
            Random random = new Random(14);
            for (int i = 0; i < REQUESTS; i++) {
                String answer = exchange(endpoint, hostileHead(random, endpoint, i));
                answers.add(answer);
                assertThat(answer).as("request %d", i).doesNotStartWith("HTTP/1.1 5");
            }
            assertThat(exchange(endpoint, head(endpoint, JOB, Map.of("Authorization", "Bearer " + TOKEN)))).startsWith("HTTP/1.1 200");
            assertThat(exchange(endpoint, head(endpoint, JOB, signed(endpoint, Acs3Signer.formatDate(Instant.now()), "fresh"))))
                    .startsWith("HTTP/1.1 200");
            assertThat(exchange(endpoint, head(endpoint, JOB, signed(endpoint, "2001-01-01T00:00:00Z", "old"))))
                    .startsWith("HTTP/1.1 400").contains("\"Code\":\"InvalidTimeStamp.Expired\"");
            assertThat(exchange(endpoint, head(endpoint, JOB, signed(endpoint, "yesterday", "vague"))))
                    .startsWith("HTTP/1.1 400").contains("\"Code\":\"InvalidTimeStamp.Format\"");
            assertThat(instance.service().unexpectedErrors()).isZero();
        } finally {
            root.detachAppender(log);
            ours.setLevel(before);
        }
        assertThat(answers.stream().filter(a -> a.startsWith("HTTP/1.1 4")).count()).isGreaterThan(REQUESTS / 2);
        for (ILoggingEvent event : log.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(SECRET, TOKEN, INSTANCE_SECRET);
        }
        assertThat(String.join("\n", answers)).doesNotContain(SECRET, TOKEN, INSTANCE_SECRET);
    }

    private static String hostileHead(Random random, Endpoint endpoint, int i) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (i % 10) {
            case 0 -> headers.put("Authorization", printable(random, random.nextInt(300)));
            case 1 -> headers.put("Authorization", mutate(random, signed(endpoint, Acs3Signer.formatDate(Instant.now()), "n" + i)
                    .get("Authorization")));
            case 2 -> headers.put("Authorization", "Bearer " + (random.nextBoolean() ? TOKEN.substring(0, random.nextInt(TOKEN.length()))
                    : TOKEN + printable(random, 1 + random.nextInt(5))));
            case 3 -> headers.put("Authorization", (random.nextBoolean() ? "Bearer " : "ACS3-HMAC-SHA256 Credential=")
                    + "A".repeat(1000 + random.nextInt(20_000)));
            case 4 -> headers.put("Authorization", random.nextBoolean() ? "Bearer ünïcødé-🔑-" + TOKEN
                    : "ACS3-HMAC-SHA256 Credential=ключ,SignedHeaders=host;x-acs-date,Signature=签名");
            case 5 -> headers.putAll(signed(endpoint, List.of("yesterday", "2025-13-45T99:99:99Z", "", "2001-01-01T00:00:00Z",
                    "2999-01-01T00:00:00Z", "２０２５-０１-０１T00:00:00Z", "2025-01-01 00:00:00").get(random.nextInt(7)), "d" + i));
            case 6 -> {
                headers.put("X-MMA-Forwarded-By", printable(random, 20));
                headers.put("X-MMA-Caller", random.nextBoolean() ? KEY_ID : "fuzz");
                headers.put("X-MMA-Instance-Auth", "t=" + Instant.now().getEpochSecond() + ",s=" + printable(random, 64));
                headers.put("X-MMA-Partitions", printable(random, 10));
            }
            case 7 -> headers.put("Authorization", "Bearer " + TOKEN + "\u0001\u007f" + printable(random, 3));
            case 8 -> headers.put("X-Acs-Signature-Nonce", printable(random, 40));
            default -> {
                Map<String, String> replay = signed(endpoint, Acs3Signer.formatDate(Instant.now()), "replayed-nonce");
                headers.putAll(replay);
            }
        }
        String path = random.nextInt(5) == 0 ? "/events?source=" + random.nextInt(3) : JOB;
        return head(endpoint, path, headers);
    }

    /** x-acs-* headers and an Authorization signed with the real secret over exactly these values. */
    private static Map<String, String> signed(Endpoint endpoint, String date, String nonce) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", endpoint.toString());
        headers.put("x-acs-action", "GetMmsJob");
        headers.put("x-acs-version", "2022-01-04");
        headers.put("x-acs-date", date);
        headers.put("x-acs-signature-nonce", nonce);
        headers.put("x-acs-content-sha256", Acs3Signer.EMPTY_PAYLOAD_SHA256);
        SignableRequest request = new SignableRequest("GET", JOB, Map.of(), headers, Acs3Signer.EMPTY_PAYLOAD_SHA256);
        List<String> signedHeaders = Acs3Signer.headersToSign(request.headers());
        String signature = Acs3Signer.signature(SECRET, Acs3Signer.stringToSign(Acs3Signer.canonicalRequest(request, signedHeaders)));
        headers.put("Authorization", new AcsAuthorization(Acs3Signer.ALGORITHM, KEY_ID, signedHeaders, signature).toHeaderValue());
        headers.remove("host");
        return headers;
    }

    private static String mutate(Random random, String value) {
        StringBuilder out = new StringBuilder(value);
        for (int n = 1 + random.nextInt(3); n > 0 && out.length() > 0; n--) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.setCharAt(at, (char) (33 + random.nextInt(94)));
                case 1 -> out.deleteCharAt(at);
                default -> out.setLength(at);
            }
        }
        return out.toString();
    }

    private static String printable(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (32 + random.nextInt(95)));
        }
        return out.toString();
    }

    private static String head(Endpoint endpoint, String path, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + endpoint + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("Connection: close\r\n\r\n").toString();
    }

    /** Sends the request and returns what came back (empty when the parser dropped the connection); fails on a hang. */
    private static String exchange(Endpoint endpoint, String head) throws Exception {
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    if (head.contains("/events") && out.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                        break; // an accepted event stream stays open: its head is the answer
                    }
                }
            } catch (java.net.SocketException reset) {
                // the parser refused the request and closed the connection
            } catch (SocketTimeoutException hang) {
                throw new AssertionError("no answer within 10 s to: " + head.substring(0, Math.min(200, head.length())));
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}

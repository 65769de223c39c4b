package io.mmatracker.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;

/**
 * Thousands of generated requests (random methods, paths, ids, parameters, headers, long and hostile input,
 * written as raw bytes so nothing is cleaned up on the way) against a running server: none gets a 5xx other
 * than 503, the catch-all never fires, and the server stays healthy.
 */
class FuzzTest {

    private static final int REQUESTS = 10_000;
    private static final long SEED = 20241217L;
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT", "get", "FOO", "G\u00c9T", "");
    private static final List<String> SEGMENTS = List.of("api", "v1", "mms", "datasources", "jobs", "tables", "scans", "asyncTasks",
            "summary", "watch", "events", "health", "live", "ready", "metrics", "partitions", "", "..", ".", "%2F", "%2e%2e", "*");
    private static final List<String> PARAMS = List.of("withConfig", "lang", "status", "pageNum", "pageSize", "source", "job", "types",
            "lastEventId", "reason", "sorter.status", "x");
    private static final List<String> HEADERS = List.of("X-MMA-Forwarded-By", "X-MMA-Partitions", "X-MMA-Allow-Stale", "X-MMA-List-Round", "X-MMA-Request-Id",
            "Last-Event-ID", "Content-Type", "Accept", "Transfer-Encoding", "Expect", "X-Forwarded-For", "Cookie");

    private static TestInstance server;

    @BeforeAll
    static void start() {
        server = TestInstance.alone(Writers.mma());
        for (long id = 1; id <= 20; id++) {
            server.state.put(SnapshotStore.JOBS, "7/" + id, Snapshots.job(7, id, id % 2 == 0 ? "DONE" : "FAILED"))
                    .put(SnapshotStore.TABLES, "7/" + id, Snapshots.table(7, id, "DONE"))
                    .put(SnapshotStore.SCANS, "7/" + id, Snapshots.scan(7, id))
                    .put(SnapshotStore.ASYNC_TASKS, "7/" + id, Snapshots.asyncTask(7, id));
        }
        server.state.put(SnapshotStore.DATA_SOURCES, "7", Snapshots.dataSource(7, Snapshots.configItem("p", "password", "\"x\"")))
                .put(SnapshotStore.SOURCE_SUMMARIES, "7", Snapshots.summary(7));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void generatedRequestsNeverGetAServerErrorOtherThan503AndLeaveTheServerHealthy() throws IOException {
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int unanswered = 0;
        RawClient client = new RawClient(server.endpoint.port());
        try {
            for (int i = 0; i < REQUESTS; i++) {
                String method = pick(random, METHODS);
                byte[] request = request(random, method);
                if (client.isClosed()) {
                    client = new RawClient(server.endpoint.port());
                }
                int status = client.exchange(request, method.equals("HEAD"));
                if (status < 0) {
                    unanswered++;
                    if (unanswered < 15) {
                        System.out.println("UNANSWERED " + printable(request));
                    }
                    client.close();
                    client = new RawClient(server.endpoint.port());
                } else {
                    statuses.merge(status, 1, Integer::sum);
                    assertThat(status).as("status of request %d: %s", i, printable(request)).satisfiesAnyOf(
                            s -> assertThat(s).isLessThan(500), s -> assertThat(s).isEqualTo(503));
                }
            }
        } finally {
            client.close();
        }

        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(REQUESTS * 9 / 10);
        assertThat(statuses).containsKeys(200, 400, 404, 405);
        assertThat(server.service().unexpectedErrors()).as("requests that reached the catch-all").isZero();
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/mms/datasources/7/jobs/3").statusCode()).isEqualTo(200);
        assertThat(unanswered).as("requests the server closed without answering").isLessThan(REQUESTS / 10);
    }

    private static byte[] request(Random random, String method) {
        StringBuilder path = new StringBuilder();
        int shape = random.nextInt(10);
        if (shape < 6) {
            // close to a real operation, with one part perturbed
            path.append("/api/v1/mms/datasources/").append(id(random));
            if (random.nextInt(5) > 0) {
                path.append('/').append(pick(random, List.of("jobs", "tables", "scans", "asyncTasks", "summary", "jobs", "tables")));
                if (random.nextBoolean()) {
                    path.append('/').append(id(random));
                }
                if (random.nextInt(8) == 0) {
                    path.append("/watch");
                }
            }
        } else if (shape < 8) {
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                path.append('/').append(random.nextInt(4) == 0 ? id(random) : pick(random, SEGMENTS));
            }
        } else {
            path.append(pick(random, List.of("/events", "/health/live", "/health/ready", "/metrics", "/", "*", "//", "/api//v1",
                    "http://evil/api/v1/mms/datasources/7", "/%", "/%zz", "/\u00e9", "/a b")));
        }
        int params = random.nextInt(4);
        for (int i = 0; i < params; i++) {
            path.append(i == 0 ? '?' : '&').append(pick(random, PARAMS)).append('=').append(value(random));
        }
        if (path.toString().startsWith("/events") && !method.equals("HEAD")) {
            // a valid stream would stay open: make the request invalid on purpose or ask for something else
            path.append(random.nextBoolean() ? "?source=-1" : "x");
        }
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(random.nextInt(50) == 0 ? " HTTP/1.0" : " HTTP/1.1").append("\r\n");
        head.append("Host: localhost\r\n");
        int headers = random.nextInt(4);
        for (int i = 0; i < headers; i++) {
            String name = pick(random, HEADERS);
            if (name.equals("Transfer-Encoding") || name.equals("Expect")) {
                continue;
            }
            head.append(name).append(": ").append(value(random).replace("\r", "").replace("\n", "")).append("\r\n");
        }
        byte[] body = new byte[0];
        if (random.nextInt(10) == 0) {
            body = value(random).getBytes(StandardCharsets.UTF_8);
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String id(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> "-1";
            case 1 -> "9223372036854775808";
            case 2 -> "9".repeat(1 + random.nextInt(40));
            case 3 -> "abc";
            case 4 -> "%20" + random.nextInt(100);
            case 5 -> "0x1F";
            case 6 -> "1e3";
            case 7 -> "%00";
            case 8 -> "\u00df\u4e2d";
            case 9 -> "1" + "0".repeat(random.nextInt(3000));
            default -> Long.toString(random.nextInt(25));
        };
    }

    private static String value(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> "true";
            case 2 -> "%5B%22DONE%22%2C%22FAILED%22%5D";
            case 3 -> "<script>alert(1)</script>";
            case 4 -> "' OR 1=1 --";
            case 5 -> "%" + Integer.toHexString(random.nextInt(256));
            case 6 -> "A".repeat(random.nextInt(6000));
            case 7 -> "mma.status-changes/0/" + random.nextInt(10);
            case 8 -> "\"quoted\"";
            case 9 -> Long.toString(random.nextLong());
            case 10 -> "changes,alerts";
            case 11 -> "zh_CN";
            case 12 -> "\u0000\u0001\u007f";
            case 13 -> "0,1,2,3," + random.nextInt(1_000_000);
            default -> Integer.toString(random.nextInt(2000) - 5);
        };
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String printable(byte[] request) {
        String s = new String(request, StandardCharsets.UTF_8);
        return (s.length() > 300 ? s.substring(0, 300) + "..." : s).replace("\r\n", " | ");
    }

    /** A keep-alive HTTP/1.1 client that sends bytes as given and reads just enough of the answer. */
    private static final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawClient(int port) throws IOException {
            socket = new Socket("localhost", port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** The status of the answer, or -1 when the server closed the connection without one. */
        int exchange(byte[] request, boolean isHead) {
            try {
                out.write(request);
                out.flush();
                String statusLine = line();
                if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
                    return -1;
                }
                int status = Integer.parseInt(statusLine.split(" ")[1]);
                long length = -1;
                boolean isStream = false;
                boolean isClosing = statusLine.startsWith("HTTP/1.0");
                for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).strip());
                    } else if (lower.startsWith("content-type:") && lower.contains("event-stream")) {
                        isStream = true;
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        isClosing = true;
                    }
                }
                if (isStream || isClosing || (length < 0 && !isHead)) {
                    return closing(status);
                }
                if (!isHead) {
                    in.readNBytes((int) length);
                }
                return status;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** The server will close this connection after the answer: report it and make the caller reconnect. */
        private int closing(int status) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            return status;
        }

        private String line() throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    String s = buffer.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                buffer.write(b);
            }
            return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
        }

        boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}

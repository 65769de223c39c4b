package io.mmatracker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mmatracker.signature.Credentials;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Every failure a call can meet ends as exactly one {@link MmaException} kind. */
class MmaClientErrorsTest {

    private static final String SECRET = "s3cr3t-value-must-not-leak";
    private static final String TOKEN = "t0k3n-value-must-not-leak";

    private static StubMmaServer server;
    private static MmaClient client;

    @BeforeAll
    static void start() {
        server = new StubMmaServer();
        client = new MmaClient(MmaClientConfig.forEndpoint(server.uri())
                .withCredentials(new Credentials("id", SECRET, TOKEN))
                .withRequestTimeout(Duration.ofMillis(400)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.clear();
    }

    static Stream<Arguments> errorResponses() {
        return Stream.of(
                Arguments.of(404, "{\"RequestId\":\"R1\",\"HostId\":\"h\",\"Code\":\"EntityNotExist.Job\",\"Message\":\"job 9 does not exist\"}",
                        MmaException.NotFound.class, "EntityNotExist.Job", "R1"),
                Arguments.of(404, "{\"requestId\":\"R2\",\"code\":\"NotFound\",\"message\":\"no such job\"}",
                        MmaException.NotFound.class, "NotFound", "R2"),
                Arguments.of(404, "{\"Code\":\"InvalidAction.NotFound\",\"RequestId\":\"R3\"}",
                        MmaException.InvalidParameter.class, "InvalidAction.NotFound", "R3"),
                Arguments.of(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\",\"RequestId\":\"R4\"}",
                        MmaException.Throttled.class, "Throttling.User", "R4"),
                Arguments.of(429, "", MmaException.Throttled.class, null, null),
                Arguments.of(503, "{\"Code\":\"Throttling.Api\",\"RequestId\":\"R5\"}",
                        MmaException.Throttled.class, "Throttling.Api", "R5"),
                Arguments.of(401, "{\"Code\":\"InvalidAccessKeyId\"}", MmaException.Unauthorized.class, "InvalidAccessKeyId", null),
                Arguments.of(403, "{\"Code\":\"Forbidden.RAM\",\"RequestId\":\"R6\"}", MmaException.Unauthorized.class, "Forbidden.RAM", "R6"),
                Arguments.of(403, "<html>denied</html>", MmaException.Unauthorized.class, null, null),
                Arguments.of(400, "{\"Code\":\"SignatureDoesNotMatch\"}", MmaException.Unauthorized.class, "SignatureDoesNotMatch", null),
                Arguments.of(404, "{\"Code\":\"InvalidAccessKeyId.NotFound\"}", MmaException.Unauthorized.class, "InvalidAccessKeyId.NotFound", null),
                Arguments.of(400, "{\"Code\":\"IncompleteSignature\"}", MmaException.Unauthorized.class, "IncompleteSignature", null),
                Arguments.of(400, "{\"Code\":\"InvalidParameter\",\"Message\":\"pageSize too large\"}",
                        MmaException.InvalidParameter.class, "InvalidParameter", null),
                Arguments.of(409, "{\"code\":\"Conflict\"}", MmaException.InvalidParameter.class, "Conflict", null),
                Arguments.of(500, "{\"Code\":\"InternalError\",\"RequestId\":\"R7\"}", MmaException.ServerError.class, "InternalError", "R7"),
                Arguments.of(503, "{\"Code\":\"ServiceUnavailable\"}", MmaException.ServerError.class, "ServiceUnavailable", null),
                Arguments.of(502, "<html>bad gateway</html>", MmaException.ServerError.class, null, null),
                Arguments.of(404, "<html>not found</html>", MmaException.Malformed.class, null, null),
                Arguments.of(400, "", MmaException.Malformed.class, null, null),
                Arguments.of(302, "", MmaException.Malformed.class, null, null));
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @MethodSource("errorResponses")
    void error_responses_map_to_one_kind_with_status_code_and_request_id(
            int status, String body, Class<? extends MmaException> kind, String code, String requestId) {
        server.respondAlways(StubMmaServer.status(status, body));

        MmaException error = catchThrowableOfType(MmaException.class, () -> client.getMmsTask("1", "9"));

        assertThat(error).isInstanceOf(kind);
        assertThat(error.operation()).isEqualTo("GetMmsTask");
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.code().orElse(null)).isEqualTo(code);
        assertThat(error.requestId().orElse(null)).isEqualTo(requestId);
        assertThat(error.getMessage()).startsWith(kind.getSimpleName() + " in GetMmsTask: HTTP " + status);
        assertThat(error.retryable()).isEqualTo(error instanceof MmaException.Throttled
                || error instanceof MmaException.ServerError);
    }

    @Test
    void the_server_message_is_kept_in_the_exception_message() {
        server.respondAlways(StubMmaServer.status(400,
                "{\"Code\":\"InvalidParameter\",\"Message\":\"pageSize too large\",\"RequestId\":\"R8\"}"));

        assertThatThrownBy(() -> client.getMmsTask("1", "9"))
                .hasMessage("InvalidParameter in GetMmsTask: HTTP 400, code InvalidParameter, requestId R8: "
                        + "pageSize too large");
    }

    @Test
    void a_success_body_that_is_not_json_is_malformed_without_echoing_the_body() {
        server.respondAlways(StubMmaServer.ok("password=hunter2 <html>"));

        MmaException error = catchThrowableOfType(MmaException.class, () -> client.getMmsTask("1", "9"));

        assertThat(error).isInstanceOf(MmaException.Malformed.class);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("not a JSON object").doesNotContain("hunter2");
    }

    @Test
    void a_success_body_without_data_is_malformed() {
        server.respondAlways(StubMmaServer.ok("{\"requestId\":\"R9\"}"));
        assertThat(catchThrowableOfType(MmaException.class, () -> client.getMmsTask("1", "9")))
                .isInstanceOf(MmaException.Malformed.class)
                .hasMessageContaining("no data")
                .satisfies(e -> assertThat(e.requestId()).contains("R9"));

        server.respondAlways(StubMmaServer.ok("{\"requestId\":\"R9\",\"data\":null}"));
        assertThatThrownBy(() -> client.getMmsTask("1", "9")).isInstanceOf(MmaException.Malformed.class);

        server.respondAlways(StubMmaServer.ok("[1,2]"));
        assertThatThrownBy(() -> client.getMmsTask("1", "9")).isInstanceOf(MmaException.Malformed.class);
    }

    @Test
    void data_of_the_wrong_shape_is_malformed_naming_the_field_not_the_value() {
        server.respondAlways(StubMmaServer.data("{\"id\":{\"secret\":\"hunter2\"}}"));

        MmaException error = catchThrowableOfType(MmaException.class, () -> client.getMmsTask("1", "9"));

        assertThat(error).isInstanceOf(MmaException.Malformed.class);
        assertThat(error.requestId()).contains("REQ-1");
        assertThat(error.getMessage()).contains("MmsTask: field id").doesNotContain("hunter2");
    }

    @Test
    void an_avro_mapping_error_is_malformed_naming_object_and_field_not_the_value() {
        server.respondAlways(StubMmaServer.data("{\"id\":10,\"taskNum\":\"hunter2\"}"));

        MmaException error = catchThrowableOfType(MmaException.class, () -> client.getMmsJob("1", "10"));

        assertThat(error).isInstanceOf(MmaException.Malformed.class);
        assertThat(error.getMessage()).contains("MmsJob").contains("taskNum").contains("a string")
                .doesNotContain("hunter2");
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain("hunter2");
        }
    }

    @Test
    void a_server_that_never_answers_is_a_transport_failure_after_the_request_timeout() {
        server.respondAlways(new StubMmaServer.Hang());

        long started = System.nanoTime();
        MmaException error = catchThrowableOfType(MmaException.class, () -> client.getMmsTask("1", "9"));

        assertThat(error).isInstanceOf(MmaException.Transport.class);
        assertThat(error.retryable()).isTrue();
        assertThat(error.httpStatus()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_body_that_stalls_after_the_headers_is_a_transport_failure() {
        server.respondAlways(new StubMmaServer.StallBody());

        assertThatThrownBy(() -> client.getMmsTask("1", "9"))
                .isInstanceOf(MmaException.Transport.class)
                .hasMessageContaining("PT0.4S");
    }

    @Test
    void a_connection_closed_without_a_response_is_a_transport_failure() throws Exception {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        // The JDK retries an idempotent GET once on a fresh connection, so every connection is closed.
        Thread closer = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket accepted = socket.accept(); InputStream in = accepted.getInputStream()) {
                    in.read(new byte[1024]);
                } catch (Exception closedByTheTest) {
                    return;
                }
            }
        }, "closing-server");
        closer.start();
        try {
            MmaClient closing = new MmaClient(MmaClientConfig.forEndpoint(
                    URI.create("http://127.0.0.1:" + socket.getLocalPort())).withRequestTimeout(Duration.ofSeconds(5)));

            assertThatThrownBy(() -> closing.getMmsTask("1", "9"))
                    .isInstanceOf(MmaException.Transport.class)
                    .hasMessageContaining("connection failed");
        } finally {
            // closing the socket ends the accept loop, also when the assertion failed
            socket.close();
            closer.join(5_000);
        }
    }

    @Test
    void a_refused_connection_is_a_transport_failure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MmaClient refused = new MmaClient(MmaClientConfig.forEndpoint(URI.create("http://127.0.0.1:" + port)));

        assertThatThrownBy(() -> refused.getMmsJob("1", "2"))
                .isInstanceOf(MmaException.Transport.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void neither_errors_nor_debug_logs_carry_the_secret_or_token() {
        Logger logger = (Logger) LoggerFactory.getLogger(MmaClient.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logger.addAppender(appender);
        try {
            server.respondAlways(StubMmaServer.status(403, "{\"Code\":\"SignatureDoesNotMatch\"}"));
            MmaException error = catchThrowableOfType(MmaException.class, () -> client.getMmsTask("1", "9"));

            assertThat(appender.list).isNotEmpty();
            assertThat(appender.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
                    .doesNotContain(SECRET).doesNotContain(TOKEN));
            assertThat(error.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
            assertThat(client.config().toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
        } finally {
            logger.detachAppender(appender);
            logger.setAdditive(true);
            logger.setLevel(before);
        }
    }
}

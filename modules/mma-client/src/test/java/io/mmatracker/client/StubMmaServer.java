package io.mmatracker.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmatracker.signature.AcsAuthorization;
import io.mmatracker.signature.Acs3Signer;
import io.mmatracker.signature.SignableRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny MMA stand-in on a free loopback port: records every request (and whether its ACS3 signature verifies
 * with {@link #SECRET}) and answers with whatever the test's responder says, including never answering.
 */
final class StubMmaServer implements AutoCloseable {

    static final String ACCESS_KEY_ID = "test-access-key-id";
    static final String SECRET = "test-secret-never-printed";

    /** One request as the server saw it. */
    record Received(String method, String rawPath, String rawQuery, Map<String, String> headers, String body,
                    boolean signatureValid) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to answer. */
    sealed interface Reply {
    }

    record Canned(int status, String body, String contentType) implements Reply {
    }

    /** Never answer until the server closes. */
    record Hang() implements Reply {
    }

    /** Send headers promising 100 bytes, send 10, then stall until the server closes. */
    record StallBody() implements Reply {
    }

    static Canned ok(String json) {
        return new Canned(200, json, "application/json;charset=utf-8");
    }

    static Canned data(String dataJson) {
        return ok("{\"requestId\":\"REQ-1\",\"data\":" + dataJson + "}");
    }

    static Canned status(int status, String body) {
        return new Canned(status, body, "application/json;charset=utf-8");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> responder = r -> data("{}");

    StubMmaServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void respond(Function<Received, Reply> value) {
        responder = value;
    }

    void respondAlways(Reply reply) {
        responder = r -> reply;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    void clear() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            URI uri = exchange.getRequestURI();
            SignableRequest asReceived = SignableRequest.received(exchange.getRequestMethod(), uri.getRawPath(),
                    uri.getRawQuery(), headers, body);
            boolean valid = headers.containsKey("authorization")
                    && Acs3Signer.matches(asReceived, AcsAuthorization.parse(headers.get("authorization")), SECRET);
            Received request = new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    headers, new String(body, StandardCharsets.UTF_8), valid);
            received.add(request);
            reply(exchange, responder.apply(request));
        }
    }

    private void reply(HttpExchange exchange, Reply reply) throws IOException {
        if (reply instanceof Canned canned) {
            byte[] bytes = canned.body() == null ? new byte[0] : canned.body().getBytes(StandardCharsets.UTF_8);
            if (canned.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", canned.contentType());
            }
            exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } else if (reply instanceof StallBody) {
            exchange.sendResponseHeaders(200, 100);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"data\":{}".getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitClose();
        } else {
            awaitClose();
        }
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}

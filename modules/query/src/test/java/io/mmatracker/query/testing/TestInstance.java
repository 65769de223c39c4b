package io.mmatracker.query.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.QueryService;
import io.mmatracker.query.encode.DataWriter;
import io.mmatracker.query.events.EventHub;
import io.mmatracker.query.health.Health;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.watch.WatchPublisher;
import io.mmatracker.schema.WatchRequest;

/** One query instance over a {@link FakeState}, listening on a free port, with an HTTP client for tests. */
public final class TestInstance implements AutoCloseable {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public final Endpoint endpoint;
    public final FakeState state;
    public final EventHub hub;
    public final List<WatchRequest> watches = new CopyOnWriteArrayList<>();
    public final AtomicBoolean isWatchTopicDown = new AtomicBoolean();
    public final AtomicBoolean isReady = new AtomicBoolean(true);
    private final QueryService service;

    public TestInstance(Endpoint endpoint, FakeState state, DataWriter writer) {
        this(endpoint, state, writer, QueryConfig.defaults(endpoint.port()).withPort(endpoint.host(), endpoint.port()));
    }

    public TestInstance(Endpoint endpoint, FakeState state, DataWriter writer, QueryConfig config) {
        this.endpoint = endpoint;
        this.state = state;
        this.hub = new EventHub(config.eventBuffer());
        WatchPublisher publisher = request -> {
            if (isWatchTopicDown.get()) {
                return CompletableFuture.failedFuture(new IOException("broker away"));
            }
            watches.add(request);
            return CompletableFuture.completedFuture(null);
        };
        this.service = new QueryService(config, state, writer, publisher, hub,
                () -> isReady.get() ? Health.up(Map.of("streams", "RUNNING")) : Health.down(Map.of("streams", "REBALANCING")),
                CLOCK, List.of());
        service.start();
    }

    /** A single instance holding all state, at a free port on localhost. */
    public static TestInstance alone(DataWriter writer) {
        Endpoint endpoint = new Endpoint("localhost", freePort());
        return new TestInstance(endpoint, FakeState.alone(endpoint), writer);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public QueryService service() {
        return service;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://" + endpoint + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), headers);
    }

    public HttpResponse<String> send(String method, String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        builder.timeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new ObjectMapper().readValue(response.body(), Map.class);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        service.close();
    }
}

package io.mmatracker.query.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.QueryService;
import io.mmatracker.query.encode.DataWriter;
import io.mmatracker.query.events.EventHub;
import io.mmatracker.query.health.Health;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.watch.WatchPublisher;
import io.mmatracker.schema.WatchRequest;
import io.mmatracker.testkit.FreePorts;

/** One query instance over a {@link FakeState}, listening on a free port, with an HTTP client for tests. */
public final class TestInstance implements AutoCloseable {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    public final Endpoint endpoint;
    public final FakeState state;
    public final EventHub hub;
    public final List<WatchRequest> watches = new CopyOnWriteArrayList<>();
    public final AtomicBoolean isWatchTopicDown = new AtomicBoolean();
    public final AtomicBoolean isReady = new AtomicBoolean(true);
    private final QueryService service;
    private final HttpTestClient client;

    public TestInstance(Endpoint endpoint, FakeState state, DataWriter writer) {
        this(endpoint, state, writer, QueryConfig.fromMap(Map.of("query.port", Integer.toString(endpoint.port()),
                "query.advertised", endpoint.toString(), "query.unavailable-retry-ms", "0")));
    }

    public TestInstance(Endpoint endpoint, FakeState state, DataWriter writer, QueryConfig config) {
        this(endpoint, state, writer, config, CLOCK);
    }

    /** @param clock the instance's clock; access control checks signature dates against it */
    public TestInstance(Endpoint endpoint, FakeState state, DataWriter writer, QueryConfig config, Clock clock) {
        this.endpoint = endpoint;
        this.client = new HttpTestClient(endpoint);
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
                clock, List.of());
        service.start();
    }

    /** A single instance holding all state, at a free port on localhost. */
    public static TestInstance alone(DataWriter writer) {
        Endpoint endpoint = new Endpoint("localhost", FreePorts.next());
        return new TestInstance(endpoint, FakeState.alone(endpoint), writer);
    }

    public QueryService service() {
        return service;
    }

    public URI uri(String pathAndQuery) {
        return client.uri(pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return client.get(pathAndQuery, headers);
    }

    public HttpResponse<String> send(String method, String pathAndQuery, String... headers) {
        return client.send(method, pathAndQuery, headers);
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        return HttpTestClient.json(response);
    }

    @Override
    public void close() {
        service.close();
    }
}

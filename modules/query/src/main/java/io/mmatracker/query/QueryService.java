package io.mmatracker.query;

import java.net.http.HttpClient;
import java.time.Clock;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.api.QueryApi;
import io.mmatracker.query.auth.AccessControl;
import io.mmatracker.query.auth.AuthGate;
import io.mmatracker.query.auth.SecurityConfig;
import io.mmatracker.query.lookup.Forwarder;
import io.mmatracker.query.tls.PemTls;
import io.undertow.server.HttpHandler;
import io.mmatracker.query.encode.DataWriter;
import io.mmatracker.query.encode.EncodedDataCache;
import io.mmatracker.query.events.EventHub;
import io.mmatracker.query.events.EventStreams;
import io.mmatracker.query.health.ReadinessCheck;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.list.ListGatherer;
import io.mmatracker.query.lookup.HttpForwarder;
import io.mmatracker.query.lookup.ObjectLookup;
import io.mmatracker.query.metrics.HttpMetrics;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.StateReader;
import io.mmatracker.query.watch.WatchPublisher;

/**
 * The query role assembled from its parts: the HTTP API over a {@link StateReader}, with forwarding between
 * instances, the encoded-JSON cache, the event streams, health and metrics. Independent of Kafka: the
 * Kafka assembly passes a {@code KafkaStateReader}, a Kafka watch publisher and an event feed.
 */
public final class QueryService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

    private final QueryConfig config;
    private final HttpMetrics metrics = new HttpMetrics();
    private final ExecutorService forwardExecutor;
    private final ScheduledExecutorService retryScheduler;
    private final HttpClient client;
    private final QueryApi api;
    private final QueryServer server;
    private final List<AutoCloseable> owned;
    private final AccessControl access;

    /**
     * @param owned closed after the server stops, in order (event feed, producer, ...)
     * @throws IllegalArgumentException when the auth file or a TLS file is malformed, naming the entry or setting
     */
    public QueryService(QueryConfig config, StateReader state, DataWriter writer, WatchPublisher watches, EventHub hub,
                        ReadinessCheck readiness, Clock clock, List<AutoCloseable> owned) {
        this.config = config;
        this.owned = List.copyOf(owned);
        AtomicInteger threads = new AtomicInteger();
        this.forwardExecutor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mma-query-forward-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.retryScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mma-query-retry");
            t.setDaemon(true);
            return t;
        });
        SecurityConfig security = config.security();
        PemTls tls = security.isTls()
                ? PemTls.load(security.tlsCert().get(), security.tlsKey().get(), security.tlsClientCa()) : null;
        this.access = security.authFile().map(file -> new AccessControl(file, clock)).orElse(null);
        HttpClient.Builder clientBuilder = HttpClient.newBuilder();
        if (tls != null) {
            clientBuilder.sslContext(tls.clientContext());
        }
        this.client = clientBuilder
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.forwardTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(forwardExecutor)
                .build();
        ObjectMapper mapper = new ObjectMapper();
        HttpForwarder http = new HttpForwarder(client, config.forwardTimeout(), tls == null ? "http" : "https");
        // a forward acts for the caller of the request it serves, with this instance's credential
        Forwarder forwarder = access == null ? http
                : (target, pathAndQuery, headers) -> http.get(target, pathAndQuery, access.forwardHeaders(headers, pathAndQuery));
        EncodedDataCache cache = new EncodedDataCache(writer, config.cacheMaxBytes());
        ObjectLookup lookup = new ObjectLookup(state, forwarder, cache, retryScheduler, config.unavailableRetry(), Duration.ofMillis(100));
        ListGatherer lists = new ListGatherer(state, forwarder, cache, mapper, retryScheduler, config.unavailableRetry(), Duration.ofMillis(100));
        EventStreams streams = new EventStreams(hub, config.sseMaxPending(), config.sseKeepAlive());
        Replies replies = new Replies(mapper, config.advertised().toString(), config.retryAfter());
        metrics.counter("mma_query_forwarded_total", "Requests this instance forwarded to another instance.", lookup::forwardedCount);
        metrics.counter("mma_query_list_share_items_total", "List items this instance read and sent as its share of another instance's list.",
                lists::sharedItems);
        metrics.counter("mma_query_stale_answers_total", "Answers read from a standby or restoring copy.", lookup::staleCount);
        metrics.counter("mma_query_unavailable_total", "Object requests no copy could answer (503).", lookup::unavailableCount);
        metrics.counter("mma_query_lookup_retries_total", "Lookups tried again because no copy could answer yet.", lookup::retryCount);
        metrics.counter("mma_query_cache_hits_total", "Encoded-JSON cache hits.", cache::hits);
        metrics.counter("mma_query_cache_misses_total", "Encoded-JSON cache misses (an encoding).", cache::misses);
        metrics.gauge("mma_query_cache_entries", "Entries in the encoded-JSON cache.", cache::size);
        metrics.gauge("mma_query_cache_bytes", "Approximate bytes held by the encoded-JSON cache.", cache::weightBytes);
        metrics.gauge("mma_query_sse_subscribers", "Open event streams.", hub::subscriberCount);
        metrics.counter("mma_query_events_total", "Events received by the event hub.", hub::publishedCount);
        metrics.counter("mma_query_sse_dropped_total", "Event streams closed for falling behind.", hub::droppedCount);
        this.api = new QueryApi(config.advertised(), lookup, lists, watches, streams, readiness, metrics, replies, mapper, clock);
        HttpHandler root = api.rootHandler();
        if (access != null) {
            root = new AuthGate(access, api.router(), root, replies, metrics);
            long every = security.authReload().toMillis();
            retryScheduler.scheduleWithFixedDelay(this::reloadAuth, every, every, TimeUnit.MILLISECONDS);
        }
        this.server = new QueryServer(config, root, tls);
    }

    public void start() {
        server.start();
        LOG.info("query API listening on {}://{}:{} as {}, {}", config.security().isTls() ? "https" : "http", config.bindHost(),
                server.port(), config.advertised(), access == null ? "without access control"
                        : "access control by " + config.security().authFile().get() + " (" + access.current().accessKeys().size()
                        + " AccessKeys, " + access.current().tokens().size() + " tokens)");
    }

    /** The address listened on. */
    public String bindHost() {
        return config.bindHost();
    }

    /** {@code https} with TLS on, else {@code http}. */
    public String scheme() {
        return config.security().isTls() ? "https" : "http";
    }

    /** The auth file in force, when access control is on. */
    public Optional<Path> authFile() {
        return access == null ? Optional.empty() : config.security().authFile();
    }

    /** Whether requests are authenticated and authorized (an auth file is configured). */
    public boolean isAccessControlled() {
        return access != null;
    }

    private void reloadAuth() {
        try {
            access.reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("checking the auth file for changes failed: {}", e.toString());
        }
    }

    public int port() {
        return server.port();
    }

    public Endpoint advertised() {
        return config.advertised();
    }

    public HttpMetrics metrics() {
        return metrics;
    }

    public long unexpectedErrors() {
        return api.rootHandler().unexpectedCount();
    }

    @Override
    public void close() {
        server.close();
        forwardExecutor.shutdownNow();
        retryScheduler.shutdownNow();
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", closeable, e.toString());
            }
        }
    }
}

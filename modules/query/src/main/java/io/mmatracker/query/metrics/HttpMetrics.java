package io.mmatracker.query.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The instance's meters, on one Micrometer Prometheus registry that {@code /metrics} renders: requests by route and
 * status, a latency histogram by route, and whatever other parts register (the query's counters, the app's
 * poller and Kafka Streams meters through {@link #registry()}).
 */
public final class HttpMetrics {

    /** Latency bucket bounds (the {@code le} labels of the histogram). */
    private static final Duration[] BOUNDS = durations(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    private record RouteStatus(String route, int status) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** The meters of the hot path, looked up once per route and status rather than through the registry per request. */
    private final Map<RouteStatus, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    /** Function meters hold their source weakly: these keep the suppliers alive as long as the registry. */
    private final List<DoubleSupplier> sources = new CopyOnWriteArrayList<>();

    public void record(String route, int status, long nanos) {
        requests.computeIfAbsent(new RouteStatus(route, status), k -> Counter.builder("mma_query_requests_total")
                .description("HTTP requests answered, by route and status.")
                .tags("route", k.route(), "status", Integer.toString(k.status()))
                .register(registry)).increment();
        latencies.computeIfAbsent(route, r -> Timer.builder("mma_query_request_duration")
                .description("Time from request to response, by route.")
                .tags("route", r)
                .serviceLevelObjectives(BOUNDS)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Registers a monotonically growing count kept elsewhere. */
    public void counter(String name, String help, DoubleSupplier value) {
        sources.add(value);
        FunctionCounter.builder(name, value, DoubleSupplier::getAsDouble).description(help).register(registry);
    }

    /** Registers a value that goes up and down. */
    public void gauge(String name, String help, DoubleSupplier value) {
        sources.add(value);
        Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(help).register(registry);
    }

    /** The registry, for meters with labels or binders. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The count of requests that got {@code status} on {@code route} (tests and health use it). */
    public long requests(String route, int status) {
        Counter counter = requests.get(new RouteStatus(route, status));
        return counter == null ? 0 : (long) counter.count();
    }

    /** The count of all requests answered with a status in [from, to]. */
    public long requestsWithStatus(int from, int to) {
        long sum = 0;
        for (Map.Entry<RouteStatus, Counter> e : requests.entrySet()) {
            if (e.getKey().status() >= from && e.getKey().status() <= to) {
                sum += (long) e.getValue().count();
            }
        }
        return sum;
    }

    /** Every meter in Prometheus' text format (version 0.0.4). */
    public String render() {
        return registry.scrape();
    }

    private static Duration[] durations(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }
}

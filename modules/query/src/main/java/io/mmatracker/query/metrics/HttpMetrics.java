package io.mmatracker.query.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Counters of the HTTP API, rendered by hand in Prometheus' text format (version 0.0.4): requests by route
 * and status, a latency histogram by route, and any counters or gauges other parts register.
 */
public final class HttpMetrics {

    /** Latency bucket bounds in seconds. */
    private static final double[] BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record RouteStatus(String route, int status) {
    }

    private static final class Latency {
        final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
        final LongAdder count = new LongAdder();
        final LongAdder sumNanos = new LongAdder();

        Latency() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    private record Extra(String name, String help, String type, DoubleSupplier value) {
    }

    private final ConcurrentHashMap<RouteStatus, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Latency> latencies = new ConcurrentHashMap<>();
    private final List<Extra> extras = new ArrayList<>();

    public void record(String route, int status, long nanos) {
        requests.computeIfAbsent(new RouteStatus(route, status), k -> new LongAdder()).increment();
        Latency latency = latencies.computeIfAbsent(route, k -> new Latency());
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
            bucket++;
        }
        latency.buckets[bucket].increment();
        latency.count.increment();
        latency.sumNanos.add(nanos);
    }

    /** Registers a monotonically growing count kept elsewhere. Call before the server starts. */
    public synchronized void counter(String name, String help, DoubleSupplier value) {
        extras.add(new Extra(name, help, "counter", value));
    }

    /** Registers a value that goes up and down. Call before the server starts. */
    public synchronized void gauge(String name, String help, DoubleSupplier value) {
        extras.add(new Extra(name, help, "gauge", value));
    }

    /** The count of requests that got {@code status} on {@code route} (tests and health use it). */
    public long requests(String route, int status) {
        LongAdder adder = requests.get(new RouteStatus(route, status));
        return adder == null ? 0 : adder.sum();
    }

    /** The count of all requests answered with a status in [from, to]. */
    public long requestsWithStatus(int from, int to) {
        long sum = 0;
        for (Map.Entry<RouteStatus, LongAdder> e : requests.entrySet()) {
            if (e.getKey().status() >= from && e.getKey().status() <= to) {
                sum += e.getValue().sum();
            }
        }
        return sum;
    }

    public String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP mma_query_requests_total HTTP requests answered, by route and status.\n");
        out.append("# TYPE mma_query_requests_total counter\n");
        new TreeMap<String, Long>(requests.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> "{route=\"" + e.getKey().route() + "\",status=\"" + e.getKey().status() + "\"}",
                e -> e.getValue().sum())))
                .forEach((labels, count) -> out.append("mma_query_requests_total").append(labels).append(' ').append(count).append('\n'));
        out.append("# HELP mma_query_request_duration_seconds Time from request to response, by route.\n");
        out.append("# TYPE mma_query_request_duration_seconds histogram\n");
        new TreeMap<>(latencies).forEach((route, latency) -> {
            long cumulative = 0;
            for (int i = 0; i < latency.buckets.length; i++) {
                cumulative += latency.buckets[i].sum();
                String le = i < BOUNDS.length ? Double.toString(BOUNDS[i]) : "+Inf";
                out.append("mma_query_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"").append(le)
                        .append("\"} ").append(cumulative).append('\n');
            }
            out.append("mma_query_request_duration_seconds_sum{route=\"").append(route).append("\"} ")
                    .append(latency.sumNanos.sum() / 1e9).append('\n');
            out.append("mma_query_request_duration_seconds_count{route=\"").append(route).append("\"} ")
                    .append(latency.count.sum()).append('\n');
        });
        List<Extra> registered;
        synchronized (this) {
            registered = List.copyOf(extras);
        }
        for (Extra extra : registered) {
            out.append("# HELP ").append(extra.name()).append(' ').append(extra.help()).append('\n');
            out.append("# TYPE ").append(extra.name()).append(' ').append(extra.type()).append('\n');
            double v = extra.value().getAsDouble();
            out.append(extra.name()).append(' ').append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v))
                    .append('\n');
        }
        return out.toString();
    }
}

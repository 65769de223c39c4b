package io.mmatracker.poller.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.mmatracker.simulator.stats.SimulatorStats;

/** Drives the simulator's {@code /_sim/} admin endpoints over HTTP, as an operator would. */
final class SimAdmin {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    SimAdmin(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Overrides fields of an object, e.g. {@code pin(1, "jobs", 10, "{\"status\":\"FAILED\"}")}. */
    String pin(long sourceId, String kind, long id, String json) {
        return send(HttpRequest.newBuilder(uri("/_sim/datasources/" + sourceId + "/" + kind + "/" + id))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Deletes an object of the fleet. */
    String delete(long sourceId, String kind, long id) {
        return send(HttpRequest.newBuilder(uri("/_sim/datasources/" + sourceId + "/" + kind + "/" + id)).DELETE());
    }

    /** Sets the injected faults, e.g. {@code {"serverErrorRate":0.2,"throttleRate":0.1}}. */
    String faults(String json) {
        return send(HttpRequest.newBuilder(uri("/_sim/faults")).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Requests of MMA operations the simulator answered (its admin calls not counted). */
    static long mmaRequests(SimulatorStats stats) {
        return stats.byOperation().entrySet().stream()
                .filter(e -> e.getKey().startsWith("ListMms") || e.getKey().startsWith("GetMms"))
                .mapToLong(e -> e.getValue().values().stream().mapToLong(Long::longValue).sum()).sum();
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("simulator answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.mmatracker.query.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.state.Endpoint;

/** Plain HTTP calls to one instance, for tests. */
public final class HttpTestClient {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Endpoint endpoint;

    public HttpTestClient(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://" + endpoint + pathAndQuery);
    }

    /** A GET; {@code headers} are name, value pairs. */
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

    /** The body as a JSON object. */
    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new ObjectMapper().readValue(response.body(), Map.class);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}

package io.mmatracker.query.lookup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.mmatracker.query.state.Endpoint;

/**
 * {@link Forwarder} over the JDK's HTTP client: asynchronous, pooled keep-alive connections, a timeout on
 * every request. Of the answer it keeps the status, the body and the headers a client needs
 * (content type, freshness, Retry-After).
 */
public final class HttpForwarder implements Forwarder {

    private static final List<String> RELAYED_HEADERS = List.of(
            "content-type", "retry-after", "x-mma-observed-at", "x-mma-served-by", "x-mma-stale");

    private final HttpClient client;
    private final Duration timeout;
    private final String scheme;

    public HttpForwarder(HttpClient client, Duration timeout) {
        this(client, timeout, "http");
    }

    /** @param scheme {@code https} when the instances listen with TLS */
    public HttpForwarder(HttpClient client, Duration timeout, String scheme) {
        this.client = client;
        this.timeout = timeout;
        this.scheme = scheme;
    }

    @Override
    public CompletionStage<Answer.Relayed> get(Endpoint target, String pathAndQuery, Map<String, String> headers) {
        HttpRequest request;
        try {
            String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + "://" + host + ":" + target.port() + pathAndQuery))
                    .timeout(timeout)
                    .GET();
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    Map<String, String> kept = new LinkedHashMap<>();
                    response.headers().map().forEach((name, values) -> {
                        String lower = name.toLowerCase(Locale.ROOT);
                        if (RELAYED_HEADERS.contains(lower) && !values.isEmpty()) {
                            kept.put(lower, values.get(0));
                        }
                    });
                    return new Answer.Relayed(response.statusCode(), kept, response.body());
                });
    }
}

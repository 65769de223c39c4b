package io.mmatracker.query.api;

import java.util.Map;

import io.mmatracker.query.http.Params;
import io.undertow.server.HttpServerExchange;

/** One routed request: the exchange, its request id, its path parameters and query parameters. */
public record Call(HttpServerExchange exchange, String requestId, String route, Map<String, String> path, Params query,
                   boolean isForwarded) {

    public String pathParam(String name) {
        return path.get(name);
    }
}

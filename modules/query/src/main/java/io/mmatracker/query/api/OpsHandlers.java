package io.mmatracker.query.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mmatracker.query.health.Health;
import io.mmatracker.query.health.ReadinessCheck;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.metrics.HttpMetrics;
import io.mmatracker.query.state.Endpoint;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** The operator's routes: {@code /health/live}, {@code /health/ready} and {@code /metrics}. */
final class OpsHandlers {

    private final Endpoint self;
    private final ReadinessCheck readiness;
    private final HttpMetrics metrics;
    private final Replies replies;
    private final ObjectMapper mapper;

    OpsHandlers(Endpoint self, ReadinessCheck readiness, HttpMetrics metrics, Replies replies, ObjectMapper mapper) {
        this.self = self;
        this.readiness = readiness;
        this.metrics = metrics;
        this.replies = replies;
        this.mapper = mapper;
    }

    void live(Call call) {
        sendJson(call.exchange(), 200, "{\"status\":\"UP\",\"instance\":\"" + self + "\"}");
    }

    void ready(Call call) {
        Health health = readiness.check();
        ObjectNode body = mapper.createObjectNode();
        body.put("status", health.isUp() ? "UP" : "DOWN");
        body.put("instance", self.toString());
        health.details().forEach(body::put);
        if (!health.isUp()) {
            call.exchange().getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(Math.max(1, replies.retryAfter().toSeconds())));
        }
        sendJson(call.exchange(), health.isUp() ? 200 : 503, body.toString());
    }

    void metrics(Call call) {
        call.exchange().setStatusCode(200);
        call.exchange().getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        call.exchange().getResponseSender().send(metrics.render());
    }

    private static void sendJson(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(body);
    }
}

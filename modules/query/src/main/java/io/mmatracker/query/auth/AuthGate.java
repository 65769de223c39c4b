package io.mmatracker.query.auth;

import java.util.concurrent.atomic.LongAdder;

import io.mmatracker.query.api.RouteHandler;
import io.mmatracker.openapi.ApiException;
import io.mmatracker.openapi.ErrorCode;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.http.Params;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.http.RequestIds;
import io.mmatracker.query.http.Router;
import io.mmatracker.query.metrics.HttpMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;

/**
 * Access control in front of every route: open paths ({@link AccessRules#isOpen}) pass; any other request is
 * authenticated by {@link AccessControl} and then authorized by the route's rule ({@link AccessRules}) against the
 * caller's policy, before the route's handler runs. A refused request is answered here, in the one error format.
 * Handlers that span sources read the caller from the exchange ({@link Caller#readableSources}).
 */
public final class AuthGate implements HttpHandler {

    private final AccessControl access;
    private final Router<RouteHandler> router;
    private final HttpHandler next;
    private final Replies replies;
    private final LongAdder refused = new LongAdder();

    public AuthGate(AccessControl access, Router<RouteHandler> router, HttpHandler next, Replies replies, HttpMetrics metrics) {
        this.access = access;
        this.router = router;
        this.next = next;
        this.replies = replies;
        metrics.counter("mma_query_auth_refused_total", "Requests refused by access control (no or bad credential, no permission).",
                refused::sum);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (AccessRules.isOpen(exchange.getRequestPath())) {
            next.handleRequest(exchange);
            return;
        }
        String forwardedId = exchange.getRequestHeaders().getFirst(MmaHeaders.REQUEST_ID);
        String requestId = RequestIds.isWellFormed(forwardedId) ? forwardedId : RequestIds.next();
        Caller caller;
        try {
            caller = access.authenticate(exchange, requestId);
            authorize(exchange, caller);
        } catch (ApiException refusal) {
            refused.increment();
            replies.error(exchange, requestId, refusal);
            return;
        }
        access.register(exchange, requestId, caller);
        // the root handler answers with this id; an outsider's X-MMA-Request-Id never got this far
        exchange.getRequestHeaders().put(MmaHeaders.REQUEST_ID, requestId);
        next.handleRequest(exchange);
    }

    private void authorize(HttpServerExchange exchange, Caller caller) {
        var method = Methods.HEAD.equals(exchange.getRequestMethod()) ? Methods.GET : exchange.getRequestMethod();
        if (!(router.match(method, exchange.getRequestPath()) instanceof Router.Match.Found<RouteHandler> found)) {
            return; // 404 or 405 from the root handler: no data
        }
        String route = found.route().name();
        AccessRules.Rule rule = AccessRules.rule(route)
                .orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN_RAM, route + " is not open to any caller while access control is on"));
        String resource;
        switch (rule.resource()) {
            case PATH_SOURCE -> {
                String sourceId = found.pathParams().get("sourceId");
                if (!isPlainId(sourceId)) {
                    return; // the handler answers InvalidParameter
                }
                resource = AccessRules.sourceResource(Long.parseLong(sourceId));
            }
            case QUERY_SOURCE_OR_FILTERED -> {
                var source = exchange.getQueryParameters().get("source");
                if (source == null || source.size() != 1 || !isPlainId(source.getFirst())) {
                    return; // all sources, filtered per event; or InvalidParameter from the handler
                }
                resource = AccessRules.sourceResource(Long.parseLong(source.getFirst()));
            }
            case ALL_SOURCES -> resource = AccessRules.ALL_SOURCES_RESOURCE;
            case FILTERED -> {
                return; // the handler keeps only what the caller may read
            }
            default -> resource = AccessRules.INSTANCE_RESOURCE;
        }
        if (!caller.isAllowed(rule.action(), resource)) {
            throw new ApiException(ErrorCode.FORBIDDEN_RAM, "User not authorized to operate on the specified resource: "
                    + caller.name() + " may not " + rule.action() + " on " + resource);
        }
    }

    private static boolean isPlainId(String value) {
        try {
            Params.id("sourceId", value);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    public long refusedCount() {
        return refused.sum();
    }
}

package io.mmatracker.query.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * The one entry point of every request: routes it, times it for the metrics, and guarantees the error
 * contract. An {@link ApiException} becomes its documented status; anything unexpected becomes a 503
 * ServiceUnavailable (never a 500, never a stack trace to the client) and is logged once per kind.
 */
public final class RootHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RootHandler.class);
    static final String UNMATCHED = "Unmatched";

    private final Router<RouteHandler> router;
    private final Replies replies;
    private final HttpMetrics metrics;
    private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();
    private final LongAdder unexpected = new LongAdder();

    public RootHandler(Router<RouteHandler> router, Replies replies, HttpMetrics metrics) {
        this.router = router;
        this.replies = replies;
        this.metrics = metrics;
        metrics.counter("mma_query_unexpected_errors_total", "Requests that failed in an unexpected way (answered 503).",
                unexpected::sum);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long start = System.nanoTime();
        String requestId = requestId(exchange);
        String route = UNMATCHED;
        try {
            HttpString method = exchange.getRequestMethod();
            Router.Match<RouteHandler> match = router.match(Methods.HEAD.equals(method) ? Methods.GET : method, exchange.getRequestPath());
            if (match instanceof Router.Match.Found<RouteHandler> found) {
                route = found.route().name();
            }
            String routeName = route;
            exchange.addExchangeCompleteListener((ex, next) -> {
                metrics.record(routeName, ex.getStatusCode(), System.nanoTime() - start);
                next.proceed();
            });
            if (match instanceof Router.Match.Found<RouteHandler> found) {
                found.route().handler().handle(new Call(exchange, requestId, route, found.pathParams(),
                        new Params(exchange.getQueryParameters()), exchange.getRequestHeaders().contains(MmaHeaders.FORWARDED_BY)));
            } else if (match instanceof Router.Match.WrongMethod<RouteHandler> wrong) {
                String allowed = wrong.allowed().stream().map(HttpString::toString).sorted().collect(Collectors.joining(", "));
                exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
                replies.error(exchange, requestId, ErrorCode.METHOD_NOT_ALLOWED, "this path accepts " + allowed);
            } else {
                replies.error(exchange, requestId, ErrorCode.UNKNOWN_ACTION, "no operation at this path");
            }
        } catch (Throwable t) {
            fail(exchange, requestId, route, t);
        }
    }

    /** Ends an exchange that failed, in the error format: the documented error, or 503 for anything unexpected. */
    public void fail(HttpServerExchange exchange, String requestId, String route, Throwable failure) {
        if (failure instanceof ApiException error) {
            if (!exchange.isResponseStarted()) {
                replies.error(exchange, requestId, error);
            } else {
                exchange.endExchange();
            }
            return;
        }
        unexpected.increment();
        String kind = route + ":" + failure.getClass().getName();
        if (loggedFailures.add(kind)) {
            LOG.error("unexpected failure on {} (request {}); further failures of this kind are only counted", route, requestId, failure);
        }
        if (!exchange.isResponseStarted()) {
            replies.error(exchange, requestId, ErrorCode.SERVICE_UNAVAILABLE, "the request could not be answered; retry later");
        } else {
            exchange.endExchange();
        }
    }

    public long unexpectedCount() {
        return unexpected.sum();
    }

    private static String requestId(HttpServerExchange exchange) {
        String forwarded = exchange.getRequestHeaders().getFirst(MmaHeaders.REQUEST_ID);
        return RequestIds.isWellFormed(forwarded) ? forwarded : RequestIds.next();
    }
}

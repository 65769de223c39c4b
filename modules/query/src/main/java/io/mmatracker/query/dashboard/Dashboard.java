package io.mmatracker.query.dashboard;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;

/**
 * The browser dashboard: a static page and its assets, served from this jar's classpath
 * ({@code io/mmatracker/query/dashboard/}) by Undertow's own resource handler (content types, ETag and
 * Last-Modified revalidation, HEAD). The page itself reads only this API and {@code /events}; nothing is fetched
 * from elsewhere. {@code /} is the page; its assets live under {@code /assets/}.
 */
public final class Dashboard {

    private static final String ROOT = "io/mmatracker/query/dashboard/";

    private final ResourceHandler resources;

    /** @param notFound answers a path under {@code /assets/} that has no file (in the API's error format) */
    public Dashboard(HttpHandler notFound) {
        this.resources = new ResourceHandler(new ClassPathResourceManager(Dashboard.class.getClassLoader(), ROOT), notFound)
                .setDirectoryListingEnabled(false)
                .setWelcomeFiles("index.html");
    }

    /** Serves the request's path below the dashboard's root ({@code /} is {@code /index.html}). */
    public void serve(HttpServerExchange exchange) throws Exception {
        if ("/".equals(exchange.getRelativePath())) {
            exchange.setRelativePath("/index.html");
        }
        // revalidate on every load (cheap: ETag/Last-Modified), so a new version of the tracker shows at once
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        resources.handleRequest(exchange);
    }
}

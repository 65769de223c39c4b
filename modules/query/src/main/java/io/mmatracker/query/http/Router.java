package io.mmatracker.query.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.undertow.util.HttpString;

/**
 * Matches a method and path against path templates such as {@code /api/v1/mms/datasources/{sourceId}},
 * telling apart an unknown path (404) from a known path with the wrong method (405). Segments are
 * compared exactly: no trailing slash, no empty segment, no prefix matching.
 *
 * @param <H> what a route leads to
 */
public final class Router<H> {

    /** One operation: its name (used in metrics and logs), method and path template. */
    public record Route<H>(String name, HttpString method, String template, H handler, List<String> segments) {
    }

    /** The outcome of matching one request. */
    public sealed interface Match<H> {
        record Found<H>(Route<H> route, Map<String, String> pathParams) implements Match<H> {
        }

        record NotFound<H>() implements Match<H> {
        }

        record WrongMethod<H>(Set<HttpString> allowed) implements Match<H> {
        }
    }

    private final List<Route<H>> routes = new ArrayList<>();

    public Router<H> add(String name, HttpString method, String template, H handler) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a template starts with /: " + template);
        }
        routes.add(new Route<>(name, method, template, handler, List.of(template.substring(1).split("/", -1))));
        return this;
    }

    public List<Route<H>> routes() {
        return List.copyOf(routes);
    }

    public Match<H> match(HttpString method, String path) {
        if (path == null || !path.startsWith("/")) {
            return new Match.NotFound<>();
        }
        String[] segments = path.substring(1).split("/", -1);
        Set<HttpString> allowed = new LinkedHashSet<>();
        for (Route<H> route : routes) {
            Map<String, String> params = bind(route.segments(), segments);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match.Found<>(route, params);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Match.NotFound<>() : new Match.WrongMethod<>(allowed);
    }

    private static Map<String, String> bind(List<String> template, String[] segments) {
        if (template.size() != segments.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            String expected = template.get(i);
            String actual = segments[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>(4);
                }
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }
}

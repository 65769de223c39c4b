package io.mmatracker.simulator.http;

import io.mmatracker.openapi.ApiError;
import io.mmatracker.client.MmsOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a method and a raw path to an MMA operation and its numeric path ids. A path that names no operation
 * is {@code 404 InvalidAction.NotFound}, a known path with another method {@code 405}, a path id that is not a
 * positive 64-bit integer {@code 400 InvalidParameter}.
 */
public final class ApiRouter {

    /** A matched operation and its path ids by parameter name ({@code sourceId}, {@code jobId}, ...). */
    public record Route(MmsOperation operation, Map<String, Long> ids) {
        public long id(String name) {
            return ids.get(name);
        }
    }

    private static final String NOT_FOUND = "Specified api is not found, please check your url and method.";

    /** Matches a request; throws an {@code ApiException} when it cannot. */
    public Route match(String method, String rawPath) {
        if (!rawPath.startsWith(MmsOperation.PATH_PREFIX)) {
            throw ApiError.unknownAction(NOT_FOUND).toException();
        }
        String rest = rawPath.substring(MmsOperation.PATH_PREFIX.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] segments = rest.split("/", -1);
        List<MmsOperation> byPath = new ArrayList<>();
        for (MmsOperation op : MmsOperation.values()) {
            if (matches(op.pathSegments(), segments)) {
                byPath.add(op);
            }
        }
        if (byPath.isEmpty()) {
            throw ApiError.unknownAction(NOT_FOUND).toException();
        }
        for (MmsOperation op : byPath) {
            if (op.method().equals(method)) {
                return new Route(op, ids(op.pathSegments(), segments));
            }
        }
        TreeSet<String> allowed = new TreeSet<>();
        byPath.forEach(op -> allowed.add(op.method()));
        throw ApiError.methodNotAllowed(Texts.sample(method), String.join(", ", allowed)).toException();
    }

    /** The methods a path allows, for the {@code Allow} header of a 405; empty when the path names nothing. */
    public String allowedMethods(String rawPath) {
        if (!rawPath.startsWith(MmsOperation.PATH_PREFIX)) {
            return "";
        }
        String rest = rawPath.substring(MmsOperation.PATH_PREFIX.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] segments = rest.split("/", -1);
        TreeSet<String> allowed = new TreeSet<>();
        for (MmsOperation op : MmsOperation.values()) {
            if (matches(op.pathSegments(), segments)) {
                allowed.add(op.method());
            }
        }
        return String.join(", ", allowed);
    }

    private static boolean matches(List<String> template, String[] segments) {
        if (template.size() != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            String t = template.get(i);
            if (segments[i].isEmpty()) {
                return false;
            }
            if (!t.startsWith("{") && !t.equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Long> ids(List<String> template, String[] segments) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String t = template.get(i);
            if (t.startsWith("{")) {
                String name = t.substring(1, t.length() - 1);
                ids.put(name, parseId(name, segments[i]));
            }
        }
        return ids;
    }

    /** A path id: a positive decimal 64-bit integer (percent-escapes are not decoded: ids never need them). */
    static long parseId(String name, String raw) {
        boolean digits = !raw.isEmpty() && raw.length() <= 19;
        for (int i = 0; digits && i < raw.length(); i++) {
            char c = raw.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        long id = -1;
        if (digits) {
            try {
                id = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                id = -1;
            }
        }
        if (id <= 0) {
            throw ApiError.invalidParameter("The parameter " + name + " must be a positive 64-bit integer, got '"
                + Texts.sample(raw) + "'.").toException();
        }
        return id;
    }
}

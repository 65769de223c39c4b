package io.mmatracker.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmatracker.signature.Rfc3986;
import io.mmatracker.simulator.fleet.Filters;
import io.mmatracker.simulator.fleet.SimulatedTime;
import io.mmatracker.openapi.ApiError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of a request, decoded from the raw query string by the simulator itself, so that bad
 * escapes get an {@code InvalidParameter} answer and the signature check sees exactly what was sent. Typed
 * getters reject bad values with a message naming the parameter.
 */
public final class QueryParams {

    /** The largest page size the simulator serves. */
    public static final int MAX_PAGE_SIZE = 1000;
    /** The page size of lists other than ListMmsDataSources when none is asked for. */
    public static final int DEFAULT_PAGE_SIZE = 10;

    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Decodes a raw query string as RFC 3986 (the signature's own {@link Rfc3986#parseQuery}, so the check and the
     * operation read the same values; a {@code +} stays a {@code +}). A malformed escape or bytes that are not
     * UTF-8 are {@code 400 InvalidParameter}.
     */
    public static QueryParams parse(String rawQuery) {
        try {
            return new QueryParams(Rfc3986.parseQuery(rawQuery));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("The query string is not valid: " + e.getMessage() + ".").toException();
        }
    }

    /** All parameters, decoded, in the order sent. */
    public Map<String, List<String>> all() {
        return Collections.unmodifiableMap(values);
    }

    /** The first value of a parameter, or null when absent. */
    public String text(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A text filter: null when absent or empty. */
    public String filter(String name) {
        String v = text(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public Long longValue(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        long parsed = parseLong(v);
        if (parsed < 0) {
            throw invalid(name, v, "a non-negative integer");
        }
        return parsed;
    }

    public Boolean bool(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(name, v, "true or false");
    }

    /** A flag MMA types as integer but documents as boolean (ListMmsJobs {@code stopped}): 0/1/true/false. */
    public Boolean flag(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw invalid(name, v, "0, 1, true or false");
        };
    }

    /** One of a set of values; null when absent. */
    public String oneOf(String name, Set<String> allowed) {
        String v = filter(name);
        if (v != null && !allowed.contains(v)) {
            throw invalid(name, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    /**
     * A list of values from one parameter, accepted as {@code status=A}, {@code status=A,B},
     * {@code status=["A","B"]} (the SDK's JSON style) or repeated {@code status=A&status=B}; null when absent.
     */
    public Set<String> list(String name, Set<String> allowed, ObjectMapper mapper) {
        List<String> raw = values.get(name);
        if (raw == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : raw) {
            String trimmed = v.trim();
            if (trimmed.startsWith("[")) {
                JsonNode node;
                try {
                    node = mapper.readTree(trimmed);
                } catch (java.io.IOException e) {
                    throw invalid(name, v, "a JSON array of strings");
                }
                if (node == null || !node.isArray()) {
                    throw invalid(name, v, "a JSON array of strings");
                }
                for (JsonNode item : node) {
                    if (!item.isTextual()) {
                        throw invalid(name, v, "a JSON array of strings");
                    }
                    out.add(item.asText());
                }
            } else {
                for (String part : trimmed.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        for (String s : out) {
            if (!allowed.contains(s)) {
                throw invalid(name, s, "values among " + String.join(", ", allowed));
            }
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The sorters of a list, in the order sent: {@code sorter.<field>=asc|desc} (the SDK's style) or one
     * {@code sorter={"<field>":"asc"}} JSON object; each field must be one of {@code fields}.
     */
    public List<Filters.Sorter> sorters(Set<String> fields, ObjectMapper mapper) {
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("sorter.") && !e.getValue().isEmpty()) {
                given.put(key.substring("sorter.".length()), e.getValue().get(0));
            } else if (key.equals("sorter") && !e.getValue().isEmpty() && !e.getValue().get(0).isEmpty()) {
                String raw = e.getValue().get(0);
                JsonNode node;
                try {
                    node = mapper.readTree(raw);
                } catch (java.io.IOException ex) {
                    node = null;
                }
                if (node == null || !node.isObject()) {
                    throw invalid("sorter", raw, "a JSON object like {\"status\":\"asc\"}");
                }
                node.properties().forEach(p -> given.put(p.getKey(), p.getValue().asText()));
            }
        }
        List<Filters.Sorter> sorters = new ArrayList<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = "sorter." + e.getKey();
            if (!fields.contains(e.getKey())) {
                throw invalid(name, e.getValue(), "one of sorter." + String.join(", sorter.", fields)
                    + " (unknown field)");
            }
            String direction = e.getValue().toLowerCase(java.util.Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw invalid(name, e.getValue(), "asc or desc");
            }
            sorters.add(new Filters.Sorter(e.getKey(), direction.equals("desc")));
        }
        return sorters;
    }

    /** A timestamp in MMA's {@code YYYY-MM-DD HH:mm:ss} format, as epoch ms; null when absent. */
    public Long timestamp(String name) {
        String v = filter(name);
        if (v == null) {
            return null;
        }
        Long t = SimulatedTime.parse(v);
        if (t == null) {
            throw invalid(name, v, "a time like 2024-12-17 15:44:17");
        }
        return t;
    }

    /** The page to serve: 1-based page number and page size, validated. */
    public record Paging(long pageNum, int pageSize) {
        public long offset() {
            return (pageNum - 1) * pageSize;
        }
    }

    /** pageNum (default 1) and pageSize (default {@code defaultSize}; 0 means "all" for the caller). */
    public Paging paging(int defaultSize) {
        long pageNum = 1;
        int pageSize = defaultSize;
        String num = text("pageNum");
        if (num != null) {
            long n = parseLong(num);
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw invalid("pageNum", num, "an integer from 1 to " + Integer.MAX_VALUE);
            }
            pageNum = n;
        }
        String size = text("pageSize");
        if (size != null) {
            long s = parseLong(size);
            if (s < 1 || s > MAX_PAGE_SIZE) {
                throw invalid("pageSize", size, "an integer from 1 to " + MAX_PAGE_SIZE);
            }
            pageSize = (int) s;
        }
        return new Paging(pageNum, pageSize);
    }

    private static long parseLong(String v) {
        if (v.isEmpty() || v.length() > 19) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static RuntimeException invalid(String name, String value, String expected) {
        return ApiError.invalidParameter("The parameter " + name + " must be " + expected + ", got '"
            + Texts.sample(value) + "'.").toException();
    }
}

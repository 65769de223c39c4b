package io.mmatracker.query.http;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.mmatracker.openapi.ApiException;

/**
 * Parses path ids and query parameters strictly, so that every malformed value becomes a 400
 * InvalidParameter naming the parameter, never an exception further in.
 */
public final class Params {

    private static final int MAX_ECHO = 40;
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?");
    private static final Pattern STATUS = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    private final Map<String, Deque<String>> query;

    public Params(Map<String, Deque<String>> query) {
        this.query = query;
    }

    /**
     * An MMA id: a decimal int64 of at most 19 digits, no sign, no leading/trailing junk. Negative or
     * overflowing values are rejected rather than wrapped.
     */
    public static long id(String name, String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 19) {
            throw invalid(name, raw, "a non-negative integer of at most 19 digits");
        }
        long value = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(name, raw, "a non-negative integer of at most 19 digits");
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw invalid(name, raw, "at most " + Long.MAX_VALUE);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The one value of a parameter, if given; a repeated parameter is ambiguous and rejected. */
    public Optional<String> single(String name) {
        Deque<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ApiException.invalid(name + " must be given at most once");
        }
        return Optional.of(values.getFirst());
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> raw = single(name);
        if (raw.isEmpty() || raw.get().isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, raw.get(), "true or false");
        };
    }

    public Optional<Long> optionalId(String name) {
        return single(name).filter(s -> !s.isEmpty()).map(s -> id(name, s));
    }

    public int intInRange(String name, int fallback, int min, int max) {
        Optional<String> raw = single(name);
        if (raw.isEmpty() || raw.get().isEmpty()) {
            return fallback;
        }
        String s = raw.get();
        if (s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(name, s, "an integer from " + min + " to " + max);
        }
        long value = Long.parseLong(s);
        if (value < min || value > max) {
            throw invalid(name, s, "an integer from " + min + " to " + max);
        }
        return (int) value;
    }

    /** MMA's {@code lang} (e.g. en_US, zh_CN): validated, then ignored, since descriptions come as MMA sent them. */
    public Optional<String> lang() {
        Optional<String> raw = single("lang").filter(s -> !s.isEmpty());
        raw.ifPresent(s -> {
            if (!LANG.matcher(s).matches()) {
                throw invalid("lang", s, "a language tag such as en_US or zh_CN");
            }
        });
        return raw;
    }

    /**
     * Status filter values. Accepts MMA's SDK forms: {@code status=DONE}, the JSON-shrunk array
     * {@code status=["DONE","FAILED"]}, a comma list, and the parameter repeated.
     */
    public List<String> statuses(String name) {
        Deque<String> values = query.get(name);
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        if (values.size() > 32) {
            throw ApiException.invalid(name + " is repeated too often");
        }
        for (String value : values) {
            String v = value.strip();
            if (v.startsWith("[") && v.endsWith("]")) {
                v = v.substring(1, v.length() - 1);
            }
            for (String part : v.split(",", -1)) {
                String s = part.strip();
                if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                    s = s.substring(1, s.length() - 1);
                }
                if (s.isEmpty() && v.isEmpty()) {
                    continue;
                }
                if (!STATUS.matcher(s).matches()) {
                    throw invalid(name, value, "a status such as DONE, or a JSON array of them");
                }
                out.add(s.toUpperCase(java.util.Locale.ROOT));
            }
        }
        if (out.size() > 32) {
            throw ApiException.invalid(name + " lists too many values");
        }
        return out;
    }

    /** A comma-separated subset of {@code allowed}; empty input means all of them. */
    public List<String> subset(String name, List<String> allowed) {
        Optional<String> raw = single(name).filter(s -> !s.isBlank());
        if (raw.isEmpty()) {
            return allowed;
        }
        List<String> out = new ArrayList<>();
        for (String part : raw.get().split(",", -1)) {
            String s = part.strip().toLowerCase(java.util.Locale.ROOT);
            if (!allowed.contains(s)) {
                throw invalid(name, raw.get(), "a comma-separated list of " + String.join(", ", allowed));
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static ApiException invalid(String name, String raw, String expected) {
        return ApiException.invalid(name + " must be " + expected + ", got '" + echo(raw) + "'");
    }

    /** A bounded, printable rendering of client input for messages. */
    public static String echo(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length() && out.length() < MAX_ECHO; i++) {
            char c = raw.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return raw.length() > MAX_ECHO ? out + "..." : out.toString();
    }
}

package io.mmatracker.query.auth;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A RAM policy document, in RAM's own format: {@code {"Version":"1","Statement":[{"Effect":"Allow"|"Deny",
 * "Action":[...],"Resource":[...]}]}}, {@code Action} and {@code Resource} each a string or a list, {@code *}
 * matching any run of characters. An action is allowed when some Allow statement matches it and no Deny statement
 * does (Deny wins; nothing allowed by default). Actions compare case-insensitively, as in RAM; resources exactly.
 */
public final class Policy {

    /** One statement: its effect and the patterns it applies to. */
    record Statement(boolean isAllow, List<String> actions, List<String> resources) {
    }

    private static final Set<String> STATEMENT_KEYS = Set.of("Effect", "Action", "Resource");

    private final List<Statement> statements;

    private Policy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /**
     * Reads a policy document.
     *
     * @throws IllegalArgumentException saying what is wrong, with the JSON path of the offending part
     */
    public static Policy parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("a policy must be a JSON object {\"Version\":\"1\",\"Statement\":[...]}");
        }
        JsonNode version = document.get("Version");
        if (version == null || !"1".equals(version.asText())) {
            throw new IllegalArgumentException("Version must be \"1\"");
        }
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("Version") && !name.equals("Statement")) {
                throw new IllegalArgumentException("unknown key " + name + " (a policy has Version and Statement)");
            }
        }
        JsonNode list = document.get("Statement");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("Statement must be a list of statements");
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String where = "Statement[" + i + "]";
            if (!s.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!STATEMENT_KEYS.contains(name)) {
                    throw new IllegalArgumentException(where + " has " + name + ", which is not supported (Effect, Action, Resource)");
                }
            }
            String effect = s.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new IllegalArgumentException(where + ".Effect must be Allow or Deny");
            }
            statements.add(new Statement(effect.equals("Allow"), patterns(s.get("Action"), where + ".Action", true),
                    patterns(s.get("Resource"), where + ".Resource", false)));
        }
        return new Policy(statements);
    }

    /** Whether the policy allows {@code action} (e.g. {@code odps:GetMmsJob}) on {@code resource}. */
    public boolean isAllowed(String action, String resource) {
        String lowerAction = action.toLowerCase(Locale.ROOT);
        boolean allowed = false;
        for (Statement statement : statements) {
            if (matchesAny(statement.actions(), lowerAction) && matchesAny(statement.resources(), resource)) {
                if (!statement.isAllow()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    private static List<String> patterns(JsonNode node, String where, boolean isAction) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isTextual()) {
            out.add(node.asText());
        } else if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException(where + " must hold strings only");
                }
                out.add(item.asText());
            }
        } else {
            throw new IllegalArgumentException(where + " must be a string or a list of strings");
        }
        if (out.isEmpty() || out.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(where + " must name at least one non-empty pattern");
        }
        if (isAction) {
            for (String pattern : out) {
                if (!pattern.equals("*") && pattern.indexOf(':') < 0) {
                    throw new IllegalArgumentException(where + " holds " + pattern + ": an action is service:Name (odps:GetMmsJob, mmatracker:Events)");
                }
            }
            out.replaceAll(p -> p.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean matchesAny(List<String> patterns, String value) {
        for (String pattern : patterns) {
            if (Wildcard.matches(pattern, value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code *} matches any run of characters, including none; everything else matches itself. */
    static final class Wildcard {

        private Wildcard() {
        }

        static boolean matches(String pattern, String value) {
            int p = 0;
            int v = 0;
            int star = -1;
            int resume = 0;
            while (v < value.length()) {
                if (p < pattern.length() && pattern.charAt(p) == '*') {
                    star = p++;
                    resume = v;
                } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
                    p++;
                    v++;
                } else if (star >= 0) {
                    p = star + 1;
                    v = ++resume;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }
    }
}

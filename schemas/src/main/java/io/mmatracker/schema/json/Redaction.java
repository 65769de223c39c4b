package io.mmatracker.schema.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mmatracker.schema.ConfigItem;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.serde.TrackerModel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Removes data-source secrets before anything is published or served: the values of configuration items of type
 * {@code password} or {@code file} (a keytab, a key file) become the JSON string {@value #MASK}; in the free text of
 * a task's log step (an SQL statement, an error message) the values of secret-looking settings are masked and the
 * text is bounded.
 */
public final class Redaction {

    /** What a secret value becomes. */
    public static final String MASK = "******";

    private static final String MASK_JSON = "\"" + MASK + "\"";
    private static final String TYPE = "type";
    private static final String VALUE = "value";
    private static final String SUB_ITEMS = "subItems";

    /** The longest {@code action} or {@code msg} of a task log step that is kept, in characters. */
    public static final int MAX_LOG_TEXT = 2_000;

    private static final String TRUNCATED = "... (truncated)";
    /**
     * A setting whose name says it is secret ({@code password=x}, {@code 'odps.secret.key'='x'},
     * {@code "token": "x"}), or credentials after an authorization scheme: group 1 is kept, group 2 masked.
     */
    private static final Pattern SECRET_SETTING = Pattern.compile(
            "(?i)([\\w.\\-]{0,64}(?:password|passwd|pwd|secret|token|credential|private[_.\\-]?key)[\\w.\\-]{0,64}['\"]?\\s*[:=]\\s*['\"]?"
                    + "|\\b(?:bearer|basic)\\s+)([^\\s'\",;)}\\]]+)");

    private Redaction() {
    }

    /**
     * A copy of a task log step that can be published: secret-looking settings in {@code action} and {@code msg}
     * masked, each bounded to {@value #MAX_LOG_TEXT} characters. The input is not changed.
     */
    public static MmsTaskLog redact(MmsTaskLog step) {
        MmsTaskLog copy = TrackerModel.copy(step);
        copy.setAction(redactText(step.getAction()));
        copy.setMsg(redactText(step.getMsg()));
        copy.getUnmappedFields().replaceAll((name, text) -> redactText(text));
        return copy;
    }

    /** Free text with the values of secret-looking settings masked, bounded to {@value #MAX_LOG_TEXT} characters. */
    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        // Cut before matching: MMA's log text comes from upstream and may be huge, and the pattern's cost grows with
        // the length. A cut inside a secret leaves only its start, which the pattern still masks.
        boolean cut = text.length() > MAX_LOG_TEXT;
        String head = cut ? text.substring(0, MAX_LOG_TEXT) : text;
        String masked = SECRET_SETTING.matcher(head).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + MASK);
        return !cut && masked.length() <= MAX_LOG_TEXT ? masked
                : masked.substring(0, Math.min(masked.length(), MAX_LOG_TEXT - TRUNCATED.length())) + TRUNCATED;
    }

    /** Whether a configuration item of this type holds a secret: {@code password} or {@code file}, any case. */
    public static boolean isSecretConfigType(String type) {
        if (type == null) {
            return false;
        }
        String lower = type.trim().toLowerCase(Locale.ROOT);
        return lower.equals("password") || lower.equals("file");
    }

    /**
     * A copy of the data source whose secret configuration items keep only their descriptive fields: their value,
     * sub-items and any field the schema does not know yet are masked. Secret items nested in the sub-items of
     * other items are masked too. The input is not changed.
     */
    public static MmsDataSource redact(MmsDataSource source) {
        MmsDataSource copy = TrackerModel.copy(source);
        if (copy.getConfig() != null) {
            copy.getConfig().forEach(Redaction::redactInPlace);
        }
        return copy;
    }

    private static void redactInPlace(ConfigItem item) {
        if (isSecretConfigType(item.getType())) {
            if (item.getValue() != null) {
                item.setValue(MASK_JSON);
            }
            if (item.getSubItems() != null) {
                item.setSubItems(MASK_JSON);
            }
            // a field MMA adds to a secret item later (a default value, say) may be secret as well
            item.getUnmappedFields().replaceAll((name, text) -> MASK_JSON);
        } else if (item.getSubItems() != null) {
            item.setSubItems(redactSubItems(item.getSubItems()));
        }
    }

    /** Sub-items are free JSON: mask every object in them that looks like a secret item. */
    private static String redactSubItems(String subItemsJson) {
        JsonNode subItems;
        try {
            subItems = Codecs.parseJsonText(subItemsJson);
        } catch (MappingFailure notJson) {
            // what cannot be inspected cannot be shown
            return MASK_JSON;
        }
        return maskSecrets(subItems) ? Codecs.jsonText(subItems) : subItemsJson;
    }

    private static boolean maskSecrets(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get(TYPE);
            if (type != null && type.isTextual() && isSecretConfigType(type.textValue())) {
                List<String> secretFields = new ArrayList<>();
                for (Map.Entry<String, JsonNode> field : object.properties()) {
                    if (isSecretField(field.getKey()) && !field.getValue().isNull()) {
                        secretFields.add(field.getKey());
                    }
                }
                secretFields.forEach(name -> object.put(name, MASK));
                return !secretFields.isEmpty();
            }
        }
        for (JsonNode child : node) {
            changed |= maskSecrets(child);
        }
        return changed;
    }

    private static boolean isSecretField(String name) {
        return switch (name) {
            case "name", "key", "desc", "placeHolder", TYPE, "subType", "enums", "required", "group" -> false;
            default -> true;
        };
    }
}

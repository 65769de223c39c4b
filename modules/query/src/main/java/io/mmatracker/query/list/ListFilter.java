package io.mmatracker.query.list;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.mmatracker.query.state.ListSelection;
import io.mmatracker.query.state.SnapshotStore;

/**
 * MMA's list filters beyond {@code status} (REFERENCE §3.3, §3.5, §3.6) and its {@code sorter.*}, matched as the
 * simulator matches them: text filters keep objects whose field contains the text, ids, flags and types must equal,
 * time bounds are inclusive. Each one tests one field of MMA's object under the name MMA's JSON gives it (the
 * contract's Avro field of the same name), so a filter reads the same on the stored value and in a served item.
 *
 * @param matches the filters, each on its own field; all must hold
 * @param sorters the sort order as sent, first the most significant; ties by ascending id
 */
public record ListFilter(List<Match> matches, List<Sorter> sorters) {

    public static final ListFilter NONE = new ListFilter(List.of(), List.of());

    /** How a filter compares the object's field with the value asked for. */
    public enum Mode {
        /** Text: the field contains the value. */
        CONTAINS,
        /** Text: the field equals the value. */
        EQUALS,
        /** An id: the field is this number. */
        ID,
        /** A flag: the field is this boolean ({@code true}/{@code false}, or MMA's {@code 1}/{@code 0}). */
        FLAG,
        /** A time ({@code YYYY-MM-DD HH:mm:ss}): the field is this time or later. */
        FROM,
        /** A time: the field is this time or earlier. */
        TO
    }

    /** One filter: the query parameter, the field it tests, how, and the value asked for (as sent, canonical). */
    public record Match(String param, String field, Mode mode, String value) {

        boolean test(SpecificRecord object) {
            Object field = fieldOf(object, this.field);
            if (field == null) {
                return false;
            }
            String text = field.toString();
            return switch (mode) {
                case CONTAINS -> text.contains(value);
                case EQUALS -> text.equals(value);
                case ID -> field instanceof Long id && id == Long.parseLong(value);
                case FLAG -> field instanceof Boolean flag && flag == Boolean.parseBoolean(value);
                case FROM -> text.compareTo(value) >= 0;
                case TO -> text.compareTo(value) <= 0;
            };
        }
    }

    /** One {@code sorter.<field>=asc|desc}: the field of MMA's object, and its direction. */
    public record Sorter(String field, boolean isDescending) {
    }

    public ListFilter {
        matches = List.copyOf(matches);
        sorters = List.copyOf(sorters);
    }

    public boolean isEmpty() {
        return matches.isEmpty() && sorters.isEmpty();
    }

    /** The {@code jobId} of ListMmsTasks, when asked for: the per-job task index is then the range. */
    public Optional<Long> jobId() {
        return matches.stream().filter(m -> m.param().equals("jobId")).map(m -> Long.parseLong(m.value())).findFirst();
    }

    /** What a state reader needs: the filters on the stored value, the order, whether the index range is the answer. */
    ListSelection selection(SnapshotStore store, long sourceId, List<String> statuses) {
        Long jobId = store == SnapshotStore.TASKS ? jobId().orElse(null) : null;
        boolean isRange = sorters.isEmpty() && matches.stream().allMatch(m -> jobId != null && m.param().equals("jobId"));
        return new ListSelection(sourceId, jobId, statuses,
                value -> matches.stream().allMatch(m -> m.test(store.servedObject(value))),
                sorters.stream().map(s -> new ListSelection.Order(value -> text(fieldOf(store.servedObject(value), s.field())),
                        s.isDescending())).toList(), isRange);
    }

    /** The sort keys of a served item (MMA's JSON), as {@link #selection} orders stored values. */
    String[] sortKeys(JsonNode item) {
        String[] keys = new String[sorters.size()];
        for (int i = 0; i < keys.length; i++) {
            JsonNode field = item.path(sorters.get(i).field());
            keys[i] = field.isMissingNode() || field.isNull() ? "" : field.asText();
        }
        return keys;
    }

    /** Compares two sort keys of {@link #sortKeys}, in the sorters' directions. */
    int compare(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return sorters.get(i).isDescending() ? -c : c;
            }
        }
        return 0;
    }

    /** The filters and sorters as query parameters, for the shares asked of other instances. */
    void appendTo(StringBuilder query) {
        for (Match m : matches) {
            query.append('&').append(m.param()).append('=').append(URLEncoder.encode(m.value(), StandardCharsets.UTF_8));
        }
        for (Sorter s : sorters) {
            query.append("&sorter.").append(s.field()).append('=').append(s.isDescending() ? "desc" : "asc");
        }
    }

    private static Object fieldOf(SpecificRecord object, String name) {
        Schema.Field field = object.getSchema().getField(name);
        return field == null ? null : object.get(field.pos());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

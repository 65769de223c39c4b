package io.mmatracker.query.state;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;

/**
 * Which of a data source's objects a list wants and in which order, when it wants more than "these statuses by id":
 * the filters beyond status ({@code keep}, tested on each candidate of the smallest index range that applies) and
 * the sort order ({@code order}, then ascending id).
 *
 * @param jobId    the job whose tasks {@code keep} requires (the per-job task index is then the range); null otherwise
 * @param statuses the statuses to list, any when empty
 * @param keep     the other filters, on the stored value (they test the job too)
 * @param order    the sort keys, first the most significant; empty: by id
 * @param isRange  {@code keep} tests nothing but the job and {@code order} is empty: the index range is the answer
 */
public record ListSelection(long sourceId, Long jobId, List<String> statuses, Predicate<SpecificRecord> keep,
                            List<Order> order, boolean isRange) {

    /** One sort key: a text of the stored value (null read as empty text), ascending or descending. */
    public record Order(Function<SpecificRecord, String> key, boolean isDescending) {
    }

    public ListSelection {
        statuses = List.copyOf(statuses);
        order = List.copyOf(order);
    }

    /** The sort keys of one value, in {@link #order}. */
    String[] sortKeys(SpecificRecord value) {
        String[] keys = new String[order.size()];
        for (int i = 0; i < keys.length; i++) {
            String key = order.get(i).key().apply(value);
            keys[i] = key == null ? "" : key;
        }
        return keys;
    }

    /** Compares the sort keys of two values, then their ids. */
    <T> Comparator<T> comparator(Function<T, String[]> keysOf, Function<T, Long> idOf) {
        return (a, b) -> {
            String[] ka = keysOf.apply(a);
            String[] kb = keysOf.apply(b);
            for (int i = 0; i < ka.length; i++) {
                int c = ka[i].compareTo(kb[i]);
                if (c != 0) {
                    return order.get(i).isDescending() ? -c : c;
                }
            }
            return Long.compare(idOf.apply(a), idOf.apply(b));
        };
    }
}

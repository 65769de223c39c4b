package io.mmatracker.topology.list;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The list index of one kind (jobs, tables): per data source and status, the object ids in ascending order,
 * with counts, so that any page of "the source's objects [with these statuses] by id" is a bounded range read
 * instead of a scan of the whole source. One store, three kinds of keys (all {@code String -> String}):
 *
 * <pre>
 * e/&lt;sourceId&gt;/&lt;status&gt;/&lt;id, 19 digits&gt;          -> key       one entry per object, value its object key
 * b/&lt;sourceId&gt;/&lt;status&gt;/&lt;id &gt;&gt; 10, 16 digits&gt;   -> count     entries of a bucket of 1024 consecutive ids
 * c/&lt;sourceId&gt;/&lt;status&gt;                        -> count     entries of the source with this status
 * </pre>
 *
 * Zero-padded digits sort bytewise in numeric order, so entries and buckets come out by id. A reader skips to
 * page {@code n} by summing bucket counts (a bucket holds at most 1024 ids, so at most 1023 entries are read
 * and dropped) and answers {@code total} from the {@code c/} counts. A status MMA did not send is the empty
 * string; {@code /} and {@code %} in a status are escaped. Objects with a negative id (MMA's ids are
 * non-negative) are not indexed. The index lives in the same task as the snapshot store it indexes and is
 * written by the same processor, so under exactly-once both commit together.
 *
 * <p>A fourth key, {@code v/1}, marks the index as complete: it holds every object of its snapshot store. A store
 * without it (a state directory from before the index, a lost index changelog) is rebuilt from the snapshot store
 * when its task starts ({@link #isComplete()}, {@link #rebuild()}).
 */
public final class ListIndex {

    /** Ids per bucket, as a power of two. */
    public static final int BUCKET_BITS = 10;

    private static final int ID_DIGITS = 19;
    private static final int BUCKET_DIGITS = 16;

    /** Present once the index holds every object of its snapshot store; the digit is the layout's version. */
    public static final String COMPLETE = "v/1";

    private final KeyValueStore<String, String> store;

    public ListIndex(KeyValueStore<String, String> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Moves an object from one status to another; {@code isBefore} false means it is new,
     * {@code isAfter} false means it is gone. Equal statuses leave the index untouched.
     */
    public void move(String key, long sourceId, long id, boolean isBefore, String before, boolean isAfter, String after) {
        if (id < 0 || isBefore && isAfter && Objects.equals(before, after)) {
            return;
        }
        if (isBefore) {
            store.delete(entry(sourceId, before, id));
            add(bucket(sourceId, before, id), -1);
            add(count(sourceId, before), -1);
        }
        if (isAfter) {
            store.put(entry(sourceId, after, id), key);
            add(bucket(sourceId, after, id), 1);
            add(count(sourceId, after), 1);
        }
    }

    /** Whether the index holds every object of its snapshot store (it carries the completion mark). */
    public boolean isComplete() {
        return store.get(COMPLETE) != null;
    }

    /**
     * Starts rebuilding the index from scratch: removes whatever it holds now. Tell the returned rebuild every
     * object of the snapshot store, then {@link Rebuild#finish() finish} it, which writes the counts and the
     * completion mark.
     */
    public Rebuild rebuild() {
        List<String> stale = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> stale.add(kv.key));
        }
        stale.forEach(store::delete);
        return new Rebuild();
    }

    /** An index being rebuilt: entries are written as they come, counts are summed and written at the end. */
    public final class Rebuild {

        private final Map<String, Long> counts = new HashMap<>();
        private long objects;

        private Rebuild() {
        }

        /** Indexes one object of the snapshot store. */
        public void add(String key, long sourceId, long id, String status) {
            if (id < 0) {
                return;
            }
            store.put(entry(sourceId, status, id), key);
            counts.merge(bucket(sourceId, status, id), 1L, Long::sum);
            counts.merge(count(sourceId, status), 1L, Long::sum);
            objects++;
        }

        /** Writes the counts and marks the index complete; returns the number of objects indexed. */
        public long finish() {
            counts.forEach((key, count) -> store.put(key, Long.toString(count)));
            store.put(COMPLETE, "complete");
            return objects;
        }
    }

    private void add(String key, long delta) {
        String current = store.get(key);
        long next = (current == null ? 0 : Long.parseLong(current)) + delta;
        if (next <= 0) {
            store.delete(key);
        } else {
            store.put(key, Long.toString(next));
        }
    }

    // --- key layout, shared with the readers (modules/query) ---------------------------------------------

    /** The entry of one object. */
    public static String entry(long sourceId, String status, long id) {
        return entries(sourceId, status) + pad(id, ID_DIGITS);
    }

    /** The prefix of every entry of a source with this status. */
    public static String entries(long sourceId, String status) {
        return "e/" + sourceId + "/" + escape(status) + "/";
    }

    /** The first entry key of a source with this status whose id is in {@code bucket} or a later one. */
    public static String entriesFrom(long sourceId, String status, long bucket) {
        return entries(sourceId, status) + pad(bucket << BUCKET_BITS, ID_DIGITS);
    }

    /** The id of an entry key. */
    public static long idOf(String entryKey) {
        return Long.parseLong(entryKey.substring(entryKey.length() - ID_DIGITS));
    }

    /** The bucket key holding the count of entries of this bucket. */
    public static String bucket(long sourceId, String status, long id) {
        return buckets(sourceId, status) + pad(id >> BUCKET_BITS, BUCKET_DIGITS);
    }

    /** The prefix of every bucket key of a source with this status. */
    public static String buckets(long sourceId, String status) {
        return "b/" + sourceId + "/" + escape(status) + "/";
    }

    /** The bucket number of a bucket key. */
    public static long bucketOf(String bucketKey) {
        return Long.parseLong(bucketKey.substring(bucketKey.length() - BUCKET_DIGITS));
    }

    /** The count key of a source with this status. */
    public static String count(long sourceId, String status) {
        return counts(sourceId) + escape(status);
    }

    /** The prefix of every count key of a source: one per status the source has objects in. */
    public static String counts(long sourceId) {
        return "c/" + sourceId + "/";
    }

    /** The status a count key counts (the inverse of the escaping); "" for objects without a status. */
    public static String statusOf(String countKey) {
        String escaped = countKey.substring(countKey.indexOf('/', 2) + 1);
        return escaped.replace("%2F", "/").replace("%25", "%");
    }

    private static String escape(String status) {
        return status == null ? "" : status.replace("%", "%25").replace("/", "%2F");
    }

    private static String pad(long value, int digits) {
        String s = Long.toString(value);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }
}

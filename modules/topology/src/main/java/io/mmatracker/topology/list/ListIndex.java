package io.mmatracker.topology.list;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The list index of one kind (jobs, tables): per data source and status, the object ids in ascending order,
 * with counts, so that any page of "the source's objects [with these statuses] by id" is a bounded range read
 * instead of a scan of the whole source. Three kinds of keys (all {@code String -> String}), in two stores:
 *
 * <pre>
 * e/&lt;sourceId&gt;/&lt;status&gt;/&lt;id, 19 digits&gt;          -> key       one entry per object        (entries store)
 * b/&lt;sourceId&gt;/&lt;status&gt;/&lt;id &gt;&gt; 10, 16 digits&gt;   -> count     entries of a bucket of 1024 consecutive ids
 * c/&lt;sourceId&gt;/&lt;status&gt;                        -> count     entries of the source with this status
 * </pre>
 *
 * The counts (buckets and per-status counts) are in the index store ({@code Kind.listIndexStoreName}), which is
 * behind the record cache because every object of a source and status shares them (a commit writes each once); the
 * per-object entries are in a store of their own without the cache ({@link #entriesStore}), as each is written once
 * and the cache's sorted map only costs there. {@link #view} reads both as one store, as the query's pager does.
 *
 * <p>Zero-padded digits sort bytewise in numeric order, so entries and buckets come out by id. A reader skips to
 * page {@code n} by summing bucket counts (a bucket holds at most 1024 ids, so at most 1023 entries are read
 * and dropped) and answers {@code total} from the {@code c/} counts. A status MMA did not send is the empty
 * string; {@code /} and {@code %} in a status are escaped. Objects with a negative id (MMA's ids are
 * non-negative) are not indexed. The index lives in the same task as the snapshot store it indexes and is
 * written by the same processor, so under exactly-once both commit together.
 *
 * <p>Every key may sit below a scope (a prefix; the {@link JobTaskIndex} keeps one list index layout per data
 * source, with the job in the source's place). The index of a kind has the empty scope.
 *
 * <p>A fourth key, {@code v/2} in the index store, marks the index as complete: it holds every object of its snapshot
 * store. A store without it (a state directory from before the index, or from the layout {@code v/1} that kept the
 * entries in the index store, or a lost index changelog) is rebuilt from the snapshot store when its task starts
 * ({@link #isComplete()}, {@link #rebuild()}).
 */
public final class ListIndex {

    /** Ids per bucket, as a power of two. */
    public static final int BUCKET_BITS = 10;

    private static final int ID_DIGITS = 19;
    private static final int BUCKET_DIGITS = 16;
    private static final String ENTRY = "e/";

    /** Present once the index holds every object of its snapshot store; the digit is the layout's version. */
    public static final String COMPLETE = "v/2";

    /** Count and bucket keys whose value this index remembers (most recently used first out when full). */
    private static final int REMEMBERED_COUNTS = 4096;

    private final KeyValueStore<String, String> counts;
    private final KeyValueStore<String, String> entries;
    /**
     * The last value written or read of recently used count and bucket keys, 0 for an absent one: this instance
     * is their only writer (its tracker, in its task), so a value it remembers is the store's, and a count's
     * update skips the read of the cached store (key serialisation, the cache's sorted map, parsing; half of the
     * index's cost for new objects, profiled). A new instance (a task's processors are initialised again after
     * every rollback or restore) starts empty.
     */
    private final Map<String, Long> remembered = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_COUNTS;
        }
    };

    /**
     * @param counts  the index store (cached): buckets, counts and the completion mark
     * @param entries its {@link #entriesStore entries store} (not cached): one entry per object
     */
    public ListIndex(KeyValueStore<String, String> counts, KeyValueStore<String, String> entries) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.entries = Objects.requireNonNull(entries, "entries");
    }

    /**
     * The name of the store holding the per-object entries of the index store {@code indexStore}:
     * {@code table-list-index-store} -> {@code table-list-entry-index-store}.
     */
    public static String entriesStore(String indexStore) {
        String suffix = "-index-store";
        if (!indexStore.endsWith(suffix)) {
            throw new IllegalArgumentException("not the name of an index store: " + indexStore);
        }
        return indexStore.substring(0, indexStore.length() - suffix.length()) + "-entry" + suffix;
    }

    /** The index as one read-only store (keys as documented above): the entries from {@code entries}, the rest from {@code counts}. */
    public static ReadOnlyKeyValueStore<String, String> view(ReadOnlyKeyValueStore<String, String> counts,
                                                            ReadOnlyKeyValueStore<String, String> entries) {
        return new IndexView(counts, entries, ENTRY);
    }

    /**
     * Moves an object from one status to another; {@code isBefore} false means it is new,
     * {@code isAfter} false means it is gone. Equal statuses leave the index untouched.
     */
    public void move(String key, long sourceId, long id, boolean isBefore, String before, boolean isAfter, String after) {
        if (!isBefore || !isAfter || !Objects.equals(before, after)) {
            move("", key, isBefore ? sourceId : null, before, isAfter ? sourceId : null, after, id);
        }
    }

    /**
     * Moves an object within {@code scope} from (group, status) {@code groupBefore}/{@code before} to
     * {@code groupAfter}/{@code after}; a null group means none (new, gone, or not indexed). The caller
     * leaves out moves that change nothing.
     */
    void move(String scope, String key, Long groupBefore, String before, Long groupAfter, String after, long id) {
        if (id < 0) {
            return;
        }
        // The new entry first: a reader of a standby copy, which applies the changelog in batches, may see the
        // store between the two writes, and then sees the object under both statuses (the pager drops the second)
        // rather than under none.
        String entryAfter = groupAfter == null ? null : scope + entry(groupAfter, after, id);
        if (groupAfter != null) {
            entries.put(entryAfter, key);
            add(scope + bucket(groupAfter, after, id), 1);
            add(scope + count(groupAfter, after), 1);
        }
        if (groupBefore != null) {
            String entryBefore = scope + entry(groupBefore, before, id);
            if (!entryBefore.equals(entryAfter)) {
                entries.delete(entryBefore);
            }
            add(scope + bucket(groupBefore, before, id), -1);
            add(scope + count(groupBefore, before), -1);
        }
    }

    /** Whether the index holds every object of its snapshot store (it carries the completion mark). */
    public boolean isComplete() {
        return counts.get(COMPLETE) != null;
    }

    /**
     * Starts rebuilding the index from scratch: removes whatever both stores hold now. Tell the returned rebuild every
     * object of the snapshot store, then {@link Rebuild#finish() finish} it, which writes the counts and the
     * completion mark.
     */
    public Rebuild rebuild() {
        remembered.clear();
        clear(counts);
        clear(entries);
        return new Rebuild();
    }

    private static void clear(KeyValueStore<String, String> store) {
        List<String> stale = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> stale.add(kv.key));
        }
        stale.forEach(store::delete);
    }

    /** An index being rebuilt: entries are written as they come, counts are summed and written at the end. */
    public final class Rebuild {

        private final Map<String, Long> sums = new HashMap<>();
        private long objects;

        private Rebuild() {
        }

        /** Indexes one object of the snapshot store. */
        public void add(String key, long sourceId, long id, String status) {
            add("", key, sourceId, id, status);
        }

        /** Indexes one object below {@code scope} in {@code group} (null: not indexed). */
        void add(String scope, String key, Long group, long id, String status) {
            if (id < 0 || group == null) {
                return;
            }
            entries.put(scope + entry(group, status, id), key);
            sums.merge(scope + bucket(group, status, id), 1L, Long::sum);
            sums.merge(scope + count(group, status), 1L, Long::sum);
            objects++;
        }

        /** Writes the counts and marks the index complete; returns the number of objects indexed. */
        public long finish() {
            sums.forEach((key, count) -> counts.put(key, Long.toString(count)));
            counts.put(COMPLETE, "complete");
            return objects;
        }
    }

    private void add(String key, long delta) {
        Long known = remembered.get(key);
        long current;
        if (known != null) {
            current = known;
        } else {
            String stored = counts.get(key);
            current = stored == null ? 0 : Long.parseLong(stored);
        }
        long next = current + delta;
        if (next <= 0) {
            counts.delete(key);
            remembered.put(key, 0L);
        } else {
            counts.put(key, Long.toString(next));
            remembered.put(key, next);
        }
    }

    // --- key layout, shared with the readers (modules/query) ---------------------------------------------

    /** The entry of one object. */
    public static String entry(long sourceId, String status, long id) {
        return entries(sourceId, status) + pad(id, ID_DIGITS);
    }

    /** The prefix of every entry of a source with this status. */
    public static String entries(long sourceId, String status) {
        return sourceEntries(sourceId) + escape(status) + "/";
    }

    /** The prefix of every entry of a source, whatever its status. */
    public static String sourceEntries(long sourceId) {
        return ENTRY + sourceId + "/";
    }

    /** The status of an entry key of the source whose entries start with {@code sourceEntries} (see {@link #statusOf}). */
    public static String statusOfEntry(String sourceEntries, String entryKey) {
        return unescape(entryKey.substring(sourceEntries.length(), entryKey.length() - ID_DIGITS - 1));
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
        return unescape(countKey.substring(countKey.indexOf('/', 2) + 1));
    }

    private static String unescape(String escaped) {
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

package io.mmatracker.query.encode;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import org.apache.avro.specific.SpecificRecord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.SnapshotStore;

/**
 * Keeps the encoded {@code data} bytes of recently served objects, so a GET costs a store read and a
 * splice, not a JSON encoding. An entry is valid for one value of its key: it is a hit only when the value read
 * now has the snapshot version (its observedAt) of the entry and equals, field by field, the value the entry was
 * encoded from. The version alone is not exact: a history gets a status change and then an alert with the same
 * observedAt, a summary changes its counts for a deletion older than its newest snapshot, a re-published snapshot
 * may differ at the same millisecond. A newer value of the same key replaces the entry. Bounded by an approximate
 * byte budget: a Caffeine cache weighing each entry by its bytes ({@code maximumWeight}), which evicts by its own
 * frequency and recency policy (W-TinyLFU).
 */
public final class EncodedDataCache {

    /** Rough per-entry overhead of the cache node, key and entry objects. */
    private static final int ENTRY_OVERHEAD = 120;

    private record Key(SnapshotStore store, String key, View view) {
    }

    /**
     * The value is kept to compare with. Its size in memory is estimated from its JSON: a decoded Avro record (a
     * String object, header and array per field, boxed numbers, maps) takes several times the bytes of its JSON, so
     * the value counts {@link #VALUE_PER_JSON_BYTE} times the encoded bytes, and the bytes themselves once more.
     */
    private record Entry(SpecificRecord value, long version, byte[] bytes) {
        int weight(Key key) {
            long weight = (1L + VALUE_PER_JSON_BYTE) * bytes.length + 2L * key.key().length() + ENTRY_OVERHEAD;
            return (int) Math.min(Integer.MAX_VALUE, weight);
        }
    }

    /** Estimated heap bytes of a decoded value per byte of its JSON (Java objects of short strings and numbers). */
    private static final int VALUE_PER_JSON_BYTE = 4;

    /** The encoded {@code data} of a value, and when MMA was read for it. */
    public record Encoded(byte[] data, Instant observedAt) {
    }

    private final Cache<Key, Entry> entries;
    private final long maxBytes;
    private final DataWriter writer;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public EncodedDataCache(DataWriter writer, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        this.writer = writer;
        this.maxBytes = maxBytes;
        this.entries = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((Key key, Entry entry) -> entry.weight(key))
                // eviction on the writing thread, as the cache used to: bounded at once, no work for the common pool
                .executor(Runnable::run).build();
    }

    /** The encoded data of the value a store read found for {@code key}. */
    public Encoded encoded(SnapshotStore store, String key, LocalRead.Hit hit, View view) {
        SpecificRecord value = hit.value();
        Instant observedAt = store.observedAt(value);
        long version = observedAt.toEpochMilli();
        Key cacheKey = new Key(store, key, view);
        Entry cached = entries.getIfPresent(cacheKey);
        if (cached != null && cached.version() == version && cached.value().equals(value)) {
            hits.increment();
            return new Encoded(cached.bytes(), observedAt);
        }
        misses.increment();
        byte[] bytes = writer.write(store, value, view);
        if (maxBytes > 0) {
            entries.put(cacheKey, new Entry(value, version, bytes));
        }
        return new Encoded(bytes, observedAt);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long size() {
        return entries.estimatedSize();
    }

    /** The weight of the entries held, in approximate bytes. */
    public long weightBytes() {
        return entries.policy().eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L);
    }
}

package io.mmatracker.query.encode;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import org.apache.avro.specific.SpecificRecord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.SnapshotStore;

/**
 * Keeps the encoded {@code data} bytes of recently served objects, so a GET costs a store read and a
 * splice, not a JSON encoding. An entry is valid for one value of its key, and a hit only when the value read now is
 * that value: when the read brought the stored bytes (the snapshot stores), the bytes must equal those the entry was
 * encoded from, and nothing is decoded; when it brought only the decoded value, that value must have the entry's
 * snapshot version (its observedAt) and equal, field by field, the value the entry was encoded from. The version
 * alone is not exact: a history gets a status change and then an alert with the same observedAt, a summary changes
 * its counts for a deletion older than its newest snapshot, a re-published snapshot may differ at the same
 * millisecond. A newer value of the same key replaces the entry. Bounded by an approximate byte budget: a Caffeine
 * cache weighing each entry by its bytes ({@code maximumWeight}), which evicts by its own frequency and recency
 * policy (W-TinyLFU).
 */
public final class EncodedDataCache {

    /** Rough per-entry overhead of the cache node, key and entry objects. */
    private static final int ENTRY_OVERHEAD = 120;

    /** Estimated heap bytes of a decoded value per byte of its JSON (Java objects of short strings and numbers). */
    private static final int VALUE_PER_JSON_BYTE = 4;

    private record Key(SnapshotStore store, String key, View view) {
    }

    /**
     * What an entry was encoded from, to compare with: the stored bytes ({@code stored}, then {@code value} is null), or
     * the decoded value and its version. A decoded value's size in memory is estimated from its JSON: a decoded Avro
     * record (a String object, header and array per field, boxed numbers, maps) takes several times the bytes of its
     * JSON, so it counts {@link #VALUE_PER_JSON_BYTE} times the encoded bytes; stored bytes count as what they are.
     */
    private record Entry(byte[] stored, SpecificRecord value, long version, Instant observedAt, byte[] bytes) {
        int weight(Key key) {
            long kept = stored != null ? stored.length : (long) VALUE_PER_JSON_BYTE * bytes.length;
            long weight = kept + bytes.length + 2L * key.key().length() + ENTRY_OVERHEAD;
            return (int) Math.min(Integer.MAX_VALUE, weight);
        }

        boolean isFor(byte[] storedNow) {
            return stored != null && Arrays.equals(stored, storedNow);
        }

        boolean isFor(long versionNow, SpecificRecord valueNow) {
            return value != null && version == versionNow && value.equals(valueNow);
        }
    }

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
        Key cacheKey = new Key(store, key, view);
        Entry cached = entries.getIfPresent(cacheKey);
        byte[] stored = hit.stored().bytes();
        if (stored != null && cached != null && cached.isFor(stored)) {
            hits.increment();
            return new Encoded(cached.bytes(), cached.observedAt());
        }
        SpecificRecord value = hit.value();
        Instant observedAt = store.observedAt(value);
        long version = observedAt.toEpochMilli();
        if (stored == null && cached != null && cached.isFor(version, value)) {
            hits.increment();
            return new Encoded(cached.bytes(), observedAt);
        }
        misses.increment();
        byte[] bytes = writer.write(store, value, view);
        if (maxBytes > 0) {
            entries.put(cacheKey, stored != null ? new Entry(stored, null, version, observedAt, bytes)
                    : new Entry(null, value, version, observedAt, bytes));
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

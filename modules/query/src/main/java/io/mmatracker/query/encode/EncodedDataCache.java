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
 * splice, not a JSON encoding. An entry is valid for one stored value: when the reader has the value's
 * stored bytes, equal bytes are a hit without even decoding the value; otherwise the snapshot version (its
 * observedAt) decides. A newer value of the same key replaces the entry. Bounded by an approximate byte
 * budget: a Caffeine cache weighing each entry by its bytes ({@code maximumWeight}), which evicts by its own
 * frequency and recency policy (W-TinyLFU).
 */
public final class EncodedDataCache {

    /** Rough per-entry overhead of the cache node, key and entry objects. */
    private static final int ENTRY_OVERHEAD = 120;

    private record Key(SnapshotStore store, String key, View view) {
    }

    private record Entry(byte[] raw, long version, byte[] bytes) {
        int weight(Key key) {
            return bytes.length + (raw == null ? 0 : raw.length) + 2 * key.key().length() + ENTRY_OVERHEAD;
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

    /** The encoded data of {@code value}, the version of {@code key} stored in {@code store}. */
    public byte[] encoded(SnapshotStore store, String key, SpecificRecord value, View view) {
        long version = store.observedAt(value).toEpochMilli();
        Key cacheKey = new Key(store, key, view);
        Entry cached = entries.getIfPresent(cacheKey);
        if (cached != null && cached.version() == version) {
            hits.increment();
            return cached.bytes();
        }
        misses.increment();
        byte[] bytes = writer.write(store, value, view);
        remember(cacheKey, new Entry(null, version, bytes));
        return bytes;
    }

    /**
     * The encoded data of a value read from a store; null when the value vanished before it could be decoded.
     * With the value's stored bytes, a hit decodes nothing.
     */
    public Encoded encoded(SnapshotStore store, String key, LocalRead.Hit hit, View view) {
        Key cacheKey = new Key(store, key, view);
        Entry cached = entries.getIfPresent(cacheKey);
        if (cached != null && hit.raw() != null && Arrays.equals(cached.raw(), hit.raw())) {
            hits.increment();
            return new Encoded(cached.bytes(), Instant.ofEpochMilli(cached.version()));
        }
        SpecificRecord value = hit.value().get();
        if (value == null) {
            return null;
        }
        Instant observedAt = store.observedAt(value);
        long version = observedAt.toEpochMilli();
        byte[] bytes;
        if (cached != null && cached.version() == version) {
            hits.increment();
            bytes = cached.bytes();
        } else {
            misses.increment();
            bytes = writer.write(store, value, view);
        }
        remember(cacheKey, new Entry(hit.raw(), version, bytes));
        return new Encoded(bytes, observedAt);
    }

    private void remember(Key cacheKey, Entry fresh) {
        if (maxBytes > 0) {
            entries.put(cacheKey, fresh);
        }
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

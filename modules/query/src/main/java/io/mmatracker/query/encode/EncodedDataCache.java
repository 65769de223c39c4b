package io.mmatracker.query.encode;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.apache.avro.specific.SpecificRecord;

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
 * millisecond. A newer value of the same key replaces the entry.
 *
 * <p>Bounded by an approximate byte budget, with CLOCK (second-chance) eviction over a {@link ConcurrentHashMap}: a
 * hit only sets its entry's reference bit, and when the budget is passed one writer sweeps on from where the last
 * sweep stopped, clearing set bits and dropping entries not read since it last passed them, down to 90% of the
 * budget. Hand-written rather than Caffeine because Caffeine's hit path measured slower on the GET path, which is
 * almost all hits (query README, "Encoded-data cache").
 */
public final class EncodedDataCache {

    /** Rough per-entry overhead of the map node, key and entry objects. */
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
    private static final class Entry {
        final byte[] stored;
        final SpecificRecord value;
        final long version;
        final Instant observedAt;
        final byte[] bytes;
        final long weight;
        /** Read since the sweep last passed it; a racy hint (a lost write costs at most an early eviction). */
        boolean referenced;

        Entry(Key key, byte[] stored, SpecificRecord value, long version, Instant observedAt, byte[] bytes) {
            this.stored = stored;
            this.value = value;
            this.version = version;
            this.observedAt = observedAt;
            this.bytes = bytes;
            long kept = stored != null ? stored.length : (long) VALUE_PER_JSON_BYTE * bytes.length;
            this.weight = kept + bytes.length + 2L * key.key().length() + ENTRY_OVERHEAD;
        }

        boolean isFor(byte[] storedNow) {
            return stored != null && Arrays.equals(stored, storedNow);
        }

        boolean isFor(long versionNow, SpecificRecord valueNow) {
            return value != null && version == versionNow && value.equals(valueNow);
        }

        Encoded hit() {
            if (!referenced) {
                referenced = true;
            }
            return new Encoded(bytes, observedAt);
        }
    }

    /** The encoded {@code data} of a value, and when MMA was read for it. */
    public record Encoded(byte[] data, Instant observedAt) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    /** Held by the one thread sweeping; it also hands the clock hand on to the next sweeper. */
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private Iterator<Map.Entry<Key, Entry>> hand;
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
    }

    /** The encoded data of the value a store read found for {@code key}. */
    public Encoded encoded(SnapshotStore store, String key, LocalRead.Hit hit, View view) {
        Key cacheKey = new Key(store, key, view);
        Entry cached = maxBytes > 0 ? entries.get(cacheKey) : null;
        byte[] stored = hit.stored().bytes();
        if (stored != null && cached != null && cached.isFor(stored)) {
            hits.increment();
            return cached.hit();
        }
        SpecificRecord value = hit.value();
        Instant observedAt = store.observedAt(value);
        long version = observedAt.toEpochMilli();
        if (stored == null && cached != null && cached.isFor(version, value)) {
            hits.increment();
            return cached.hit();
        }
        misses.increment();
        byte[] bytes = writer.write(store, value, view);
        if (maxBytes > 0) {
            remember(cacheKey, stored != null ? new Entry(cacheKey, stored, null, version, observedAt, bytes)
                    : new Entry(cacheKey, null, value, version, observedAt, bytes));
        }
        return new Encoded(bytes, observedAt);
    }

    private void remember(Key key, Entry fresh) {
        if (fresh.weight > maxBytes) {
            return;   // larger than the whole budget: not kept
        }
        Entry previous = entries.put(key, fresh);
        weight.addAndGet(fresh.weight - (previous == null ? 0 : previous.weight));
        if (weight.get() > maxBytes) {
            sweep();
        }
    }

    /**
     * Down to 90% of the budget, so that a sweep's cost is shared by many writes. Each visit either clears a reference
     * bit or drops the entry, so two turns of the clock at most (and then only if other threads keep writing).
     */
    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;   // another writer sweeps; the budget is passed by at most the writes meanwhile
        }
        try {
            long target = maxBytes - maxBytes / 10;
            long visits = 2L * entries.size() + 2;
            while (weight.get() > target && visits-- > 0) {
                if (hand == null || !hand.hasNext()) {
                    hand = entries.entrySet().iterator();
                    if (!hand.hasNext()) {
                        break;
                    }
                }
                Map.Entry<Key, Entry> next = hand.next();
                Entry entry = next.getValue();
                if (entry.referenced) {
                    entry.referenced = false;
                } else if (entries.remove(next.getKey(), entry)) {
                    weight.addAndGet(-entry.weight);
                }
            }
        } finally {
            sweeping.set(false);
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long size() {
        return entries.size();
    }

    /** The weight of the entries held, in approximate bytes. */
    public long weightBytes() {
        return weight.get();
    }
}

package io.mmatracker.poller.detect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.kind.ObjectRef;
import io.mmatracker.schema.serde.TrackerModel;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Remembers, per object, a fingerprint of the last MMA data record published for it (never the observation time),
 * its status and whether it was moving (in a non-terminal state). A snapshot is worth publishing only when the fingerprint
 * changes; a tombstone only for an object known here. The view is rebuilt from the compacted snapshot topics after
 * a restart, so unchanged objects are not republished. Thread-safe; sources are polled by different workers.
 *
 * <p>Memory: one {@code long} per object in a primitive open-addressing map (HPPC's {@code LongLongHashMap}, id → the
 * fingerprint's upper 48 bits and a 16-bit code of the object's {@link ObjectState}, the states being a few shared
 * instances), about 20-30 bytes per object instead of ~160 bytes of boxed map entries: a poller of a million tables holds
 * ~25 MB here. 48 bits of a SHA-256 keep a missed change (two different records with equal fingerprints) at 2^-48.
 */
public final class ChangeDetector {

    /** The fingerprint's bits kept; the low 16 bits of a value are its state's code. */
    private static final long FINGERPRINT_BITS = ~0xFFFFL;
    private static final int MAX_STATES = 0xFFFF;

    /** No record hashes to this in practice; a collision would only cost one skipped republish. */
    private static final long UNKNOWN_FINGERPRINT = 0L;

    private final ConcurrentMap<Long, Map<ObjectKind, Objects>> sources = new ConcurrentHashMap<>();
    /** Every distinct state seen, by code; code 0 is never given, so a value is never 0 (HPPC's "absent"). Copied on write. */
    private volatile ObjectState[] states = new ObjectState[1];
    private final Map<ObjectState, Integer> codes = new HashMap<>();

    /** The known objects of one kind in one source: id → packed fingerprint and state. Guarded by itself. */
    private static final class Objects {
        private final LongLongHashMap values = new LongLongHashMap();
    }

    /**
     * Offers a freshly read (already redacted) data record.
     *
     * @return true if the object is new or its data changed: publish a snapshot
     */
    public boolean offer(ObjectRef ref, SpecificRecord data, ObjectState state) {
        long packed = pack(fingerprint(data), state);
        Objects objects = objects(ref.kind(), ref.sourceId());
        long previous;
        synchronized (objects) {
            previous = objects.values.put(ref.objectId(), packed);
        }
        return previous == 0 || (previous & FINGERPRINT_BITS) != (packed & FINGERPRINT_BITS);
    }

    /** Whether offering this data record would publish it (new, or different from what was published). */
    public boolean hasChanged(ObjectRef ref, SpecificRecord data) {
        long known = get(ref);
        return known == 0 || (known & FINGERPRINT_BITS) != (fingerprint(data) & FINGERPRINT_BITS);
    }

    /**
     * Forgets an object.
     *
     * @return true if it was known: publish a tombstone
     */
    public boolean remove(ObjectRef ref) {
        Objects objects = existing(ref.kind(), ref.sourceId());
        if (objects == null) {
            return false;
        }
        synchronized (objects) {
            return objects.values.remove(ref.objectId()) != 0;
        }
    }

    /**
     * Marks an object as moving with an unknown last value, so the next cycle reads it again and, whatever it
     * finds, publishes it (or its tombstone): used when Kafka did not take a record.
     */
    public void invalidate(ObjectRef ref) {
        long packed = pack(UNKNOWN_FINGERPRINT, ObjectState.UNKNOWN);
        Objects objects = objects(ref.kind(), ref.sourceId());
        synchronized (objects) {
            objects.values.put(ref.objectId(), packed);
        }
    }

    public boolean isKnown(ObjectRef ref) {
        return get(ref) != 0;
    }

    /** True if the object is known and was last seen moving. */
    public boolean isMoving(ObjectRef ref) {
        long known = get(ref);
        return known != 0 && stateOf(known).moving();
    }

    /** The last status seen of an object, or null if unknown or without status. */
    public String statusOf(ObjectRef ref) {
        long known = get(ref);
        return known == 0 ? null : stateOf(known).status();
    }

    /** Ids of the known objects of a kind in a source. */
    public Set<Long> known(ObjectKind kind, long sourceId) {
        Set<Long> ids = new TreeSet<>();
        forEach(kind, sourceId, (id, state) -> ids.add(id));
        return ids;
    }

    /** Ids of the objects of a kind in a source that were last seen moving. */
    public Set<Long> moving(ObjectKind kind, long sourceId) {
        Set<Long> ids = new TreeSet<>();
        forEach(kind, sourceId, (id, state) -> {
            if (state.moving()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** How many known objects of a kind in a source have each status (objects without status not counted). */
    public Map<String, Long> countByStatus(ObjectKind kind, long sourceId) {
        Map<String, Long> counts = new TreeMap<>();
        forEach(kind, sourceId, (id, state) -> {
            if (state.status() != null) {
                counts.merge(state.status(), 1L, Long::sum);
            }
        });
        return counts;
    }

    public int count(ObjectKind kind, long sourceId) {
        Objects objects = existing(kind, sourceId);
        if (objects == null) {
            return 0;
        }
        synchronized (objects) {
            return objects.values.size();
        }
    }

    /** Sources with at least one known object. */
    public Set<Long> sources() {
        Set<Long> ids = new TreeSet<>();
        sources.forEach((id, kinds) -> {
            if (kinds.values().stream().anyMatch(objects -> {
                synchronized (objects) {
                    return !objects.values.isEmpty();
                }
            })) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Drops everything known of a source (it moved to another poller instance). */
    public void dropSource(long sourceId) {
        sources.remove(sourceId);
    }

    private long get(ObjectRef ref) {
        Objects objects = existing(ref.kind(), ref.sourceId());
        if (objects == null) {
            return 0;
        }
        synchronized (objects) {
            return objects.values.get(ref.objectId());
        }
    }

    private void forEach(ObjectKind kind, long sourceId, BiConsumer<Long, ObjectState> action) {
        Objects objects = existing(kind, sourceId);
        if (objects == null) {
            return;
        }
        long[] ids;
        long[] values;
        synchronized (objects) {
            ids = new long[objects.values.size()];
            values = new long[ids.length];
            int i = 0;
            for (LongLongCursor entry : objects.values) {   // keys and values together: HPPC varies the order per iteration
                ids[i] = entry.key;
                values[i++] = entry.value;
            }
        }
        for (int i = 0; i < ids.length; i++) {
            action.accept(ids[i], stateOf(values[i]));
        }
    }

    private long pack(long fingerprint, ObjectState state) {
        return (fingerprint & FINGERPRINT_BITS) | codeOf(state);
    }

    private synchronized int codeOf(ObjectState state) {
        Integer code = codes.get(state);
        if (code == null) {
            ObjectState[] known = states;
            if (known.length > MAX_STATES) {
                throw new IllegalStateException("more than " + MAX_STATES + " distinct object states");
            }
            code = known.length;
            ObjectState[] more = Arrays.copyOf(known, code + 1);
            more[code] = state;
            states = more;
            codes.put(state, code);
        }
        return code;
    }

    private ObjectState stateOf(long packed) {
        return states[(int) (packed & ~FINGERPRINT_BITS)];
    }

    private Objects existing(ObjectKind kind, long sourceId) {
        Map<ObjectKind, Objects> kinds = sources.get(sourceId);
        return kinds == null ? null : kinds.get(kind);
    }

    private Objects objects(ObjectKind kind, long sourceId) {
        return sources.computeIfAbsent(sourceId, id -> {
            Map<ObjectKind, Objects> kinds = new EnumMap<>(ObjectKind.class);
            for (ObjectKind k : ObjectKind.values()) {
                kinds.put(k, new Objects());
            }
            return kinds;
        }).get(kind);
    }

    /** A 64-bit digest of the record's Avro binary encoding: equal data, equal fingerprint. */
    public static long fingerprint(SpecificRecord data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new SpecificDatumWriter<SpecificRecord>(data.getSchema(), TrackerModel.shared()).write(data, encoder);
            encoder.flush();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
            return ByteBuffer.wrap(digest).getLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package io.mmatracker.poller.detect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
 */
public final class ChangeDetector {

    /** What is remembered of one object: 8 bytes of hash and its state, so a fleet of 100,000 objects stays small. */
    private record Known(long fingerprint, ObjectState state) {
        boolean moving() {
            return state.moving();
        }
    }

    /** No record hashes to this in practice; a collision would only cost one skipped republish. */
    private static final long UNKNOWN_FINGERPRINT = 0L;

    private final ConcurrentMap<Long, Map<ObjectKind, ConcurrentMap<Long, Known>>> sources = new ConcurrentHashMap<>();

    /**
     * Offers a freshly read (already redacted) data record.
     *
     * @return true if the object is new or its data changed: publish a snapshot
     */
    public boolean offer(ObjectRef ref, SpecificRecord data, ObjectState state) {
        long fingerprint = fingerprint(data);
        Known previous = objects(ref.kind(), ref.sourceId()).put(ref.objectId(), new Known(fingerprint, state));
        return previous == null || previous.fingerprint() != fingerprint;
    }

    /** Whether offering this data record would publish it (new, or different from what was published). */
    public boolean hasChanged(ObjectRef ref, SpecificRecord data) {
        Map<ObjectKind, ConcurrentMap<Long, Known>> kinds = sources.get(ref.sourceId());
        Known known = kinds == null ? null : kinds.get(ref.kind()).get(ref.objectId());
        return known == null || known.fingerprint() != fingerprint(data);
    }

    /**
     * Forgets an object.
     *
     * @return true if it was known: publish a tombstone
     */
    public boolean remove(ObjectRef ref) {
        Map<ObjectKind, ConcurrentMap<Long, Known>> kinds = sources.get(ref.sourceId());
        return kinds != null && kinds.get(ref.kind()).remove(ref.objectId()) != null;
    }

    /**
     * Marks an object as moving with an unknown last value, so the next cycle reads it again and, whatever it
     * finds, publishes it (or its tombstone): used when Kafka did not take a record.
     */
    public void invalidate(ObjectRef ref) {
        objects(ref.kind(), ref.sourceId()).put(ref.objectId(), new Known(UNKNOWN_FINGERPRINT, ObjectState.UNKNOWN));
    }

    public boolean isKnown(ObjectRef ref) {
        Map<ObjectKind, ConcurrentMap<Long, Known>> kinds = sources.get(ref.sourceId());
        return kinds != null && kinds.get(ref.kind()).containsKey(ref.objectId());
    }

    /** True if the object is known and was last seen moving. */
    public boolean isMoving(ObjectRef ref) {
        Map<ObjectKind, ConcurrentMap<Long, Known>> kinds = sources.get(ref.sourceId());
        Known known = kinds == null ? null : kinds.get(ref.kind()).get(ref.objectId());
        return known != null && known.moving();
    }

    /** The last status seen of an object, or null if unknown or without status. */
    public String statusOf(ObjectRef ref) {
        Map<ObjectKind, ConcurrentMap<Long, Known>> kinds = sources.get(ref.sourceId());
        Known known = kinds == null ? null : kinds.get(ref.kind()).get(ref.objectId());
        return known == null ? null : known.state().status();
    }

    /** Ids of the known objects of a kind in a source. */
    public Set<Long> known(ObjectKind kind, long sourceId) {
        return new TreeSet<>(objects(kind, sourceId).keySet());
    }

    /** Ids of the objects of a kind in a source that were last seen moving. */
    public Set<Long> moving(ObjectKind kind, long sourceId) {
        Set<Long> ids = new TreeSet<>();
        objects(kind, sourceId).forEach((id, known) -> {
            if (known.moving()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** How many known objects of a kind in a source have each status (objects without status not counted). */
    public Map<String, Long> countByStatus(ObjectKind kind, long sourceId) {
        Map<String, Long> counts = new TreeMap<>();
        objects(kind, sourceId).values().forEach(known -> {
            if (known.state().status() != null) {
                counts.merge(known.state().status(), 1L, Long::sum);
            }
        });
        return counts;
    }

    public int count(ObjectKind kind, long sourceId) {
        Map<ObjectKind, ConcurrentMap<Long, Known>> kinds = sources.get(sourceId);
        return kinds == null ? 0 : kinds.get(kind).size();
    }

    /** Sources with at least one known object. */
    public Set<Long> sources() {
        Set<Long> ids = new TreeSet<>();
        sources.forEach((id, kinds) -> {
            if (kinds.values().stream().anyMatch(m -> !m.isEmpty())) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Drops everything known of a source (it moved to another poller instance). */
    public void dropSource(long sourceId) {
        sources.remove(sourceId);
    }

    private ConcurrentMap<Long, Known> objects(ObjectKind kind, long sourceId) {
        return sources.computeIfAbsent(sourceId, id -> {
            Map<ObjectKind, ConcurrentMap<Long, Known>> kinds = new EnumMap<>(ObjectKind.class);
            for (ObjectKind k : ObjectKind.values()) {
                kinds.put(k, new ConcurrentHashMap<>());
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

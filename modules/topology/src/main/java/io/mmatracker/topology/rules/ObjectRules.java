package io.mmatracker.topology.rules;

import java.time.Instant;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.topic.Topics;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the tracker needs to know about one kind of MMA object: where its snapshots live and how to read a
 * snapshot as status, progress, activity and failures. The rules themselves (when to emit a change, fire or
 * resolve an alert) are the same for every kind and live in {@code io.mmatracker.topology.track}.
 *
 * @param <S> the snapshot record of this kind
 */
public interface ObjectRules<S extends SpecificRecord> {

    ObjectKind kind();

    Class<S> snapshotType();

    /** The compacted topic holding the snapshots of this kind. */
    String topic(Topics topics);

    /** Name of the store holding the latest snapshot per key (see {@code StoreNames}). */
    String storeName();

    Instant observedAt(S snapshot);

    /**
     * Whether the query lists this kind per data source (ListMmsJobs, ListMmsTables), so the tracker keeps a
     * {@code ListIndex} of it.
     */
    default boolean isListed() {
        return false;
    }

    /** Reads one snapshot; never fails on missing (null) fields. */
    ObjectView describe(S snapshot);
}

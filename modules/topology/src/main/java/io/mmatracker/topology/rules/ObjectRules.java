package io.mmatracker.topology.rules;

import io.mmatracker.schema.kind.Kind;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the tracker reads from a snapshot of one kind beyond the kind catalog: its name, progress counters,
 * context, the failures worth an alert and its contribution to the data source's summary. Topic, store, snapshot
 * type, observedAt, status and lifecycle (whether it is moving or failed) come from the kind's catalog entry; the
 * rules of when to emit a change or fire and resolve an alert are the same for every kind and live in
 * {@code io.mmatracker.topology.track}.
 *
 * @param <S> the snapshot record of this kind
 */
public interface ObjectRules<S extends SpecificRecord> {

    /** The kind's entry of the {@code KindCatalog}. */
    Kind<S, ?> kind();

    /** Reads one snapshot; never fails on missing (null) fields. */
    ObjectView describe(S snapshot);
}

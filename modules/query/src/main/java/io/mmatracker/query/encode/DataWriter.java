package io.mmatracker.query.encode;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.query.state.SnapshotStore;

/** Encodes the {@code data} JSON of one stored value, as bytes ready to be spliced into a response. */
@FunctionalInterface
public interface DataWriter {

    byte[] write(SnapshotStore store, SpecificRecord value, View view);
}

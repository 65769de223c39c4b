package io.mmatracker.poller.detect;

import java.util.Objects;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.topic.Keys;

/** One MMA object the poller tracks: its kind, its data source and its id (a data source's id is its source id). */
public record ObjectRef(ObjectKind kind, long sourceId, long objectId) {

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
    }

    public static ObjectRef dataSource(long sourceId) {
        return new ObjectRef(ObjectKind.DATA_SOURCE, sourceId, sourceId);
    }

    /** The record key of this object in its snapshot topic. */
    public String key() {
        return kind == ObjectKind.DATA_SOURCE ? Keys.dataSource(sourceId) : Keys.object(sourceId, objectId);
    }

    @Override
    public String toString() {
        return kind + " " + key();
    }
}

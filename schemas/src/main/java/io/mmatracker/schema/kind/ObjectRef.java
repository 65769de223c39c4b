package io.mmatracker.schema.kind;

import java.util.Objects;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.topic.Keys;

/**
 * One MMA object: its kind, its data source and its id (a data source's id is its source id). Its record key
 * ({@link Keys}) is {@code sourceId} for a data source and {@code sourceId/objectId} for everything inside one;
 * the poller builds keys with it and the topology reads them back with {@link #of}.
 */
public record ObjectRef(ObjectKind kind, long sourceId, long objectId) {

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        if (kind == ObjectKind.DATA_SOURCE && objectId != sourceId) {
            throw new IllegalArgumentException("a data source's object id is its source id: " + sourceId + " != " + objectId);
        }
    }

    public static ObjectRef dataSource(long sourceId) {
        return new ObjectRef(ObjectKind.DATA_SOURCE, sourceId, sourceId);
    }

    /**
     * The object a record key names.
     *
     * @throws IllegalArgumentException when the key is missing or has the wrong shape for this kind
     */
    public static ObjectRef of(ObjectKind kind, String key) {
        Objects.requireNonNull(kind, "kind");
        if (key == null) {
            throw new IllegalArgumentException("a " + kind + " record without a key");
        }
        String shape = kind == ObjectKind.DATA_SOURCE ? "sourceId" : "sourceId/objectId";
        ObjectRef ref;
        try {
            if (kind == ObjectKind.DATA_SOURCE) {
                ref = dataSource(Long.parseLong(key));
            } else {
                int slash = key.indexOf('/');
                if (slash < 0) {
                    throw new NumberFormatException("no '/'");
                }
                ref = new ObjectRef(kind, Long.parseLong(key.substring(0, slash)), Long.parseLong(key.substring(slash + 1)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key '" + key + "' of a " + kind + " record is not " + shape, e);
        }
        // "7/010" or "+7/10" would name the same object as "7/10" under a second key
        if (!ref.key().equals(key)) {
            throw new IllegalArgumentException("key '" + key + "' of a " + kind + " record is not " + shape
                    + " as written by the poller ('" + ref.key() + "')");
        }
        return ref;
    }

    /** The record key of this object in its topic and stores. */
    public String key() {
        return kind == ObjectKind.DATA_SOURCE ? Keys.dataSource(sourceId) : Keys.object(sourceId, objectId);
    }

    /** The object's id within its data source, as events carry it: null for a data source. */
    public Long idWithinSource() {
        return kind == ObjectKind.DATA_SOURCE ? null : objectId;
    }

    @Override
    public String toString() {
        return kind + " " + key();
    }
}

package io.mmatracker.topology.track;

import io.mmatracker.schema.ObjectKind;

/**
 * The object a record is about, read from its key: {@code sourceId} for a data source, {@code sourceId/objectId}
 * for everything else.
 *
 * @param objectId null for a data source (its id is the sourceId)
 */
public record ObjectRef(ObjectKind kind, String key, long sourceId, Long objectId) {

    /** @throws IllegalArgumentException when the key is missing or has the wrong shape for this kind */
    public static ObjectRef of(ObjectKind kind, String key) {
        if (key == null) {
            throw new IllegalArgumentException("a " + kind + " record without a key");
        }
        try {
            if (kind == ObjectKind.DATA_SOURCE) {
                return new ObjectRef(kind, key, Long.parseLong(key), null);
            }
            int slash = key.indexOf('/');
            if (slash < 0) {
                throw new NumberFormatException("no '/'");
            }
            return new ObjectRef(kind, key, Long.parseLong(key.substring(0, slash)), Long.parseLong(key.substring(slash + 1)));
        } catch (NumberFormatException e) {
            String shape = kind == ObjectKind.DATA_SOURCE ? "sourceId" : "sourceId/objectId";
            throw new IllegalArgumentException("key '" + key + "' of a " + kind + " record is not " + shape, e);
        }
    }
}

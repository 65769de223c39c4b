package io.mmatracker.schema.topic;

/**
 * Record keys are readable strings so that any Kafka tool shows them: {@code sourceId} for a data source,
 * {@code sourceId/objectId} for everything that lives inside one.
 */
public final class Keys {

    private Keys() {
    }

    public static String dataSource(long sourceId) {
        return Long.toString(sourceId);
    }

    public static String object(long sourceId, long objectId) {
        return sourceId + "/" + objectId;
    }

    /** The data source a key belongs to: the part before the slash, or the whole key. */
    public static long sourceIdOf(String key) {
        int slash = key.indexOf('/');
        return Long.parseLong(slash < 0 ? key : key.substring(0, slash));
    }

    /** The object id of a {@code sourceId/objectId} key; for a data-source key, the source id. */
    public static long objectIdOf(String key) {
        int slash = key.indexOf('/');
        return Long.parseLong(slash < 0 ? key : key.substring(slash + 1));
    }
}

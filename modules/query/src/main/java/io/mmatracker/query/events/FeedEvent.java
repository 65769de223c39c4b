package io.mmatracker.query.events;

import io.mmatracker.schema.ObjectKind;

/**
 * One status change or alert as the event stream sends it: its Kafka position (the SSE id), the SSE event
 * name, what it is about (for filters) and its JSON, encoded once for every subscriber.
 */
public record FeedEvent(EventId id, String type, ObjectKind kind, long sourceId, Long objectId, String json) {

    public static final String STATUS_CHANGE = "status-change";
    public static final String ALERT = "alert";
}

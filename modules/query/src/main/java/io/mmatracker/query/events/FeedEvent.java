package io.mmatracker.query.events;

import java.util.Objects;
import java.util.function.Supplier;

import io.mmatracker.schema.ObjectKind;

/**
 * One status change or alert as the event stream sends it: its Kafka position (the SSE id), the SSE event
 * name, what it is about (for filters) and its JSON, encoded once for every subscriber, and only when one asks
 * for it: the feed reads every event (a million tables' first listing is a million status changes), most of them
 * with nobody subscribed (modules/query/README.md, "Events").
 */
public final class FeedEvent {

    public static final String STATUS_CHANGE = "status-change";
    public static final String ALERT = "alert";

    private final EventId id;
    private final String type;
    private final ObjectKind kind;
    private final long sourceId;
    private final Long objectId;
    private Supplier<String> encoder;   // null once json is set
    private volatile String json;

    /** An event whose JSON is already known. */
    public FeedEvent(EventId id, String type, ObjectKind kind, long sourceId, Long objectId, String json) {
        this(id, type, kind, sourceId, objectId, (Supplier<String>) null);
        this.json = Objects.requireNonNull(json, "json");
    }

    /** An event whose JSON {@code encoder} makes on the first {@link #json()}, at most once. */
    public FeedEvent(EventId id, String type, ObjectKind kind, long sourceId, Long objectId, Supplier<String> encoder) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.kind = kind;
        this.sourceId = sourceId;
        this.objectId = objectId;
        this.encoder = encoder;
    }

    public EventId id() {
        return id;
    }

    public String type() {
        return type;
    }

    public ObjectKind kind() {
        return kind;
    }

    public long sourceId() {
        return sourceId;
    }

    public Long objectId() {
        return objectId;
    }

    /** The event's JSON as the stream sends it (encoded by the first caller; later callers share it). */
    public String json() {
        String encoded = json;
        if (encoded == null) {
            synchronized (this) {
                encoded = json;
                if (encoded == null) {
                    encoded = Objects.requireNonNull(encoder.get(), "encoded json");
                    json = encoded;
                    encoder = null;
                }
            }
        }
        return encoded;
    }

    @Override
    public String toString() {
        return "FeedEvent[" + type + " " + id + " " + kind + " " + sourceId + "/" + objectId + "]";
    }
}

package io.mmatracker.query.events;

import java.util.Objects;
import java.util.function.Supplier;

import io.mmatracker.schema.ObjectKind;

/**
 * One status change or alert as the event stream sends it: its Kafka position (the SSE id), the SSE event
 * name, what it is about (for filters) and its JSON, encoded once for every subscriber.
 *
 * <p>The record is decoded and its JSON written only when somebody looks: the feed reads every event (a million
 * tables' first listing is a million status changes), most of them with nobody subscribed, and decoding each one
 * was most of the feed's CPU (modules/query/README.md, "Events"). An event whose record cannot be decoded is
 * {@linkplain #readable() unreadable}: no filter matches it, so it is never sent.
 */
public final class FeedEvent {

    public static final String STATUS_CHANGE = "status-change";
    public static final String ALERT = "alert";

    /** What a filter and a stream need of the decoded record. */
    public record Content(ObjectKind kind, long sourceId, Long objectId, Supplier<String> json) {
    }

    private static final Content UNREADABLE = new Content(null, 0, null, () -> {
        throw new IllegalStateException("an unreadable event has no JSON");
    });

    private final EventId id;
    private final String type;
    // guarded by this; the decoder is dropped once the content is read
    private Supplier<Content> decoder;
    private Content content;
    private String json;

    /** An event whose content and JSON are already known. */
    public FeedEvent(EventId id, String type, ObjectKind kind, long sourceId, Long objectId, String json) {
        this(id, type, kind, sourceId, objectId, () -> json);
        Objects.requireNonNull(json, "json");
    }

    /** An event whose JSON {@code encoder} makes on the first {@link #json()}, at most once. */
    public FeedEvent(EventId id, String type, ObjectKind kind, long sourceId, Long objectId, Supplier<String> encoder) {
        this(id, type, (Supplier<Content>) null);
        this.content = new Content(kind, sourceId, objectId, Objects.requireNonNull(encoder, "encoder"));
    }

    /**
     * An event decoded on first use by {@code decoder}, at most once; the decoder returns null for a record it cannot
     * read (and reports it itself).
     */
    public static FeedEvent decodedOnUse(EventId id, String type, Supplier<Content> decoder) {
        return new FeedEvent(id, type, Objects.requireNonNull(decoder, "decoder"));
    }

    private FeedEvent(EventId id, String type, Supplier<Content> decoder) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.decoder = decoder;
    }

    public EventId id() {
        return id;
    }

    public String type() {
        return type;
    }

    /** Whether the record could be decoded (decoding it if nobody has yet). */
    public boolean readable() {
        return content() != UNREADABLE;
    }

    public ObjectKind kind() {
        return content().kind();
    }

    public long sourceId() {
        return content().sourceId();
    }

    public Long objectId() {
        return content().objectId();
    }

    /** The event's JSON as the stream sends it (encoded by the first caller; later callers share it). */
    public synchronized String json() {
        if (json == null) {
            json = Objects.requireNonNull(content().json().get(), "encoded json");
        }
        return json;
    }

    private synchronized Content content() {
        if (content == null) {
            Content read = decoder.get();
            content = read == null ? UNREADABLE : read;
            decoder = null;
        }
        return content;
    }

    @Override
    public String toString() {
        return "FeedEvent[" + type + " " + id + "]";
    }
}

package io.mmatracker.query.events;

import java.util.Optional;

/**
 * The id of one event on the stream: where it is in Kafka, {@code topic/partition/offset}. A client that
 * reconnects sends the last one it saw as {@code Last-Event-ID}.
 */
public record EventId(String topic, int partition, long offset) {

    /** Parses an id; empty for anything that is not {@code topic/partition/offset}. */
    public static Optional<EventId> parse(String raw) {
        if (raw == null || raw.length() > 300) {
            return Optional.empty();
        }
        int last = raw.lastIndexOf('/');
        int middle = last <= 0 ? -1 : raw.lastIndexOf('/', last - 1);
        if (middle <= 0) {
            return Optional.empty();
        }
        try {
            int partition = Integer.parseInt(raw.substring(middle + 1, last));
            long offset = Long.parseLong(raw.substring(last + 1));
            if (partition < 0 || offset < 0) {
                return Optional.empty();
            }
            return Optional.of(new EventId(raw.substring(0, middle), partition, offset));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}

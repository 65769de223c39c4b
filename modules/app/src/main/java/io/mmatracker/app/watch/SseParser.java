package io.mmatracker.app.watch;

import java.util.Optional;

/**
 * The Server-Sent Events wire format, line by line: {@code event:}, {@code id:}, {@code data:} fields (data lines
 * joined by newlines), comments starting with {@code :}, and a blank line ending each event.
 */
final class SseParser {

    private String id;
    private String event;
    private StringBuilder data;

    /** Feeds one line (without its line break); returns the event a blank line completes. */
    Optional<SseEvent> line(String line) {
        if (line.isEmpty()) {
            Optional<SseEvent> done = data == null ? Optional.empty()
                    : Optional.of(new SseEvent(id, event == null ? "message" : event, data.toString()));
            id = null;
            event = null;
            data = null;
            return done;
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // "retry" and unknown fields: nothing to do for a watcher
            }
        }
        return Optional.empty();
    }
}

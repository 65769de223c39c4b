package io.mmatracker.app.watch;

/** One Server-Sent Event: its id (for resuming), its name ({@code status-change}, {@code alert}) and its data. */
public record SseEvent(String id, String event, String data) {
}

package io.mmatracker.app.logging;

/** How log events are written: one line each, either for people or for log collectors. */
public enum LogFormat {
    /** {@code 2024-05-01T10:00:00.000Z INFO  [main] logger - message}. */
    TEXT,
    /** One JSON object per line: time, level, logger, thread, message, key-values, error. */
    JSON
}

package io.mmatracker.app.wiring;

/** A port the process was told to listen on is in use; the message names the setting and flag that choose it. */
public final class PortTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
        super(message);
    }
}

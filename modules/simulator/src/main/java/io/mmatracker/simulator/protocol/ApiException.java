package io.mmatracker.simulator.protocol;

/** Carries an {@link ApiError} from where it is found to the HTTP layer that answers it. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    public ApiException(ApiError error) {
        // no stack trace: this is an answer to a client, not a bug
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}

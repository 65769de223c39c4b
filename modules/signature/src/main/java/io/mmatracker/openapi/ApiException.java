package io.mmatracker.openapi;

/**
 * Carries an {@link ApiError} from where a request is found wrong (parameter parsing, access control, a handler)
 * to the HTTP layer that answers it. No stack trace: it is an answer to a client, not a bug.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiException(ErrorCode code, String message) {
        this(ApiError.of(code, message));
    }

    /** A malformed or out-of-range parameter ({@code InvalidParameter}, 400). */
    public static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, message);
    }

    public ApiError error() {
        return error;
    }
}

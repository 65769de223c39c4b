package io.mmatracker.query.http;

/**
 * A request the API answers with an error body rather than data. Thrown by parameter parsing and handlers,
 * turned into the one error format by {@link Replies#error}. Carries no stack trace: it is control flow.
 */
public final class ApiError extends RuntimeException {

    private final ErrorCode code;

    public ApiError(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static ApiError invalid(String message) {
        return new ApiError(ErrorCode.INVALID_PARAMETER, message);
    }

    public ErrorCode code() {
        return code;
    }
}

package io.mmatracker.openapi;

import java.util.Objects;

/**
 * One error answer in Alibaba's OpenAPI format: an HTTP status, a {@code Code} and a {@code Message}, sent as
 * {@code {"RequestId","HostId","Code","Message"}} (REFERENCE §7.1). Every error the query API and the simulator
 * answer is one of these; the code is one of {@link ErrorCode} or, for MMA's per-kind not-found answers,
 * {@code NotFound.<Kind>}.
 */
public record ApiError(int httpStatus, String code, String message) {

    public ApiError {
        Objects.requireNonNull(code, "code");
        // an exception without a message (e.getMessage() is null) still answers its 4xx, never a 500
        message = Objects.requireNonNullElse(message, "The request could not be processed (" + code + ").");
    }

    /** The error of a catalog code with its own status. */
    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code.status(), code.code(), message);
    }

    public static ApiError invalidParameter(String message) {
        return of(ErrorCode.INVALID_PARAMETER, message);
    }

    /** MMA's wording for a mandatory parameter that is not there. */
    public static ApiError missingParameter(String name) {
        return of(ErrorCode.MISSING_PARAMETER,
            "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");
    }

    public static ApiError unknownAction(String message) {
        return of(ErrorCode.UNKNOWN_ACTION, message);
    }

    /** A wrong method for a path, as MMA's gateway answers it: 405 with {@code InvalidAction.NotFound}. */
    public static ApiError methodNotAllowed(String method, String allowed) {
        return new ApiError(405, ErrorCode.UNKNOWN_ACTION.code(),
            "Specified api is not found, please check your url and method: " + method
                + " is not allowed here (allowed: " + allowed + ").");
    }

    /** Flow control with the status MMA chose (400, 429 or 503). */
    public static ApiError throttled(int httpStatus) {
        return new ApiError(httpStatus, ErrorCode.THROTTLED.code(), "Request was denied due to user flow control.");
    }

    /** A server failure in MMA's wording: 503 is {@code ServiceUnavailable}, any other status {@code InternalError} (500). */
    public static ApiError serverError(int httpStatus) {
        return httpStatus == 503
            ? of(ErrorCode.SERVICE_UNAVAILABLE, "The request has failed due to a temporary failure of the server.")
            : of(ErrorCode.INTERNAL_ERROR, "The request processing has failed due to some unknown error.");
    }

    /** Whether the caller should retry after {@code Retry-After}. */
    public boolean isUnavailable() {
        return httpStatus == ErrorCode.SERVICE_UNAVAILABLE.status();
    }

    /** This error as an exception, for code that unwinds to the HTTP layer. */
    public ApiException toException() {
        return new ApiException(this);
    }
}

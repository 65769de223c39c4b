package io.mmatracker.simulator.protocol;

/**
 * One error answer in Alibaba's gateway format: an HTTP status, a {@code Code} and a {@code Message}
 * (REFERENCE §7.1). Every error the simulator gives, API or admin, is one of these.
 */
public record ApiError(int httpStatus, String code, String message) {

    public static final String INVALID_PARAMETER = "InvalidParameter";
    public static final String MISSING_PARAMETER = "MissingParameter";
    public static final String UNKNOWN_ACTION = "InvalidAction.NotFound";
    public static final String THROTTLED = "Throttling.User";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    public static final String MISSING_AUTHORIZATION = "MissingAuthorization";
    public static final String INCOMPLETE_SIGNATURE = "IncompleteSignature";
    public static final String SIGNATURE_MISMATCH = "SignatureDoesNotMatch";
    public static final String UNKNOWN_ACCESS_KEY = "InvalidAccessKeyId.NotFound";

    public static ApiError invalidParameter(String message) {
        return new ApiError(400, INVALID_PARAMETER, message);
    }

    public static ApiError missingParameter(String name) {
        return new ApiError(400, MISSING_PARAMETER,
            "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");
    }

    public static ApiError notFound(MmsKind kind, long id) {
        return new ApiError(404, kind.notFoundCode(), "The " + kind.label() + " " + id + " does not exist.");
    }

    public static ApiError unknownAction(String message) {
        return new ApiError(404, UNKNOWN_ACTION, message);
    }

    public static ApiError methodNotAllowed(String method, String allowed) {
        return new ApiError(405, UNKNOWN_ACTION,
            "Specified api is not found, please check your url and method: " + method
                + " is not allowed here (allowed: " + allowed + ").");
    }

    public static ApiError throttled(int httpStatus) {
        return new ApiError(httpStatus, THROTTLED, "Request was denied due to user flow control.");
    }

    public static ApiError serverError(int httpStatus) {
        return httpStatus == 503
            ? new ApiError(503, SERVICE_UNAVAILABLE, "The request has failed due to a temporary failure of the server.")
            : new ApiError(500, INTERNAL_ERROR, "The request processing has failed due to some unknown error.");
    }

    /** This error as an exception, for code that unwinds to the HTTP layer. */
    public ApiException toException() {
        return new ApiException(this);
    }
}

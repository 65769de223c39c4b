package io.mmatracker.simulator.stats;

import io.mmatracker.simulator.protocol.ApiError;

/** How the simulator answered one request, as counted by {@code GET /_sim/stats}. */
public enum Outcome {
    OK("ok"),
    BAD_REQUEST("badRequest"),
    NOT_FOUND("notFound"),
    UNKNOWN_ACTION("unknownAction"),
    METHOD_NOT_ALLOWED("methodNotAllowed"),
    UNAUTHORIZED("unauthorized"),
    THROTTLED("throttled"),
    SERVER_ERROR("serverError"),
    MALFORMED("malformed"),
    RESET("reset");

    private final String jsonName;

    Outcome(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the stats JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The outcome an error answer counts as. */
    public static Outcome of(ApiError error) {
        String code = error.code();
        if (code.startsWith("Throttling")) {
            return THROTTLED;
        }
        if (error.httpStatus() >= 500) {
            return SERVER_ERROR;
        }
        if (error.httpStatus() == 405) {
            return METHOD_NOT_ALLOWED;
        }
        if (code.equals(ApiError.UNKNOWN_ACTION)) {
            return UNKNOWN_ACTION;
        }
        if (code.startsWith("NotFound")) {
            return NOT_FOUND;
        }
        if (error.httpStatus() == 403 || code.equals(ApiError.MISSING_AUTHORIZATION)
            || code.equals(ApiError.INCOMPLETE_SIGNATURE) || code.equals(ApiError.UNKNOWN_ACCESS_KEY)
            || code.equals(ApiError.SIGNATURE_MISMATCH)) {
            return UNAUTHORIZED;
        }
        return BAD_REQUEST;
    }
}

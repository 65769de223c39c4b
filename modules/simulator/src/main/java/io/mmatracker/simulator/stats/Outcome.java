package io.mmatracker.simulator.stats;

import io.mmatracker.openapi.ApiError;
import io.mmatracker.openapi.ErrorCode;

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
        if (code.equals(ErrorCode.UNKNOWN_ACTION.code())) {
            return UNKNOWN_ACTION;
        }
        if (code.startsWith("NotFound")) {
            return NOT_FOUND;
        }
        if (error.httpStatus() == 403 || code.equals(ErrorCode.MISSING_AUTHORIZATION.code())
            || code.equals(ErrorCode.INCOMPLETE_SIGNATURE.code()) || code.equals(ErrorCode.UNKNOWN_ACCESS_KEY.code())
            || code.equals(ErrorCode.SIGNATURE_MISMATCH.code())) {
            return UNAUTHORIZED;
        }
        return BAD_REQUEST;
    }
}

package io.mmatracker.query.http;

/** The one list of error codes the query API answers with, each with its HTTP status (see the README). */
public enum ErrorCode {
    /** A path id, query parameter or header is malformed or out of range. */
    INVALID_PARAMETER(400, "InvalidParameter"),
    /** The path names no operation of this API. */
    UNKNOWN_ACTION(404, "InvalidAction.NotFound"),
    /** The object is not in the tracker's state (never seen, or deleted at the source). */
    OBJECT_NOT_FOUND(404, "ObjectNotFound"),
    /** The path exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),
    /** No copy of the state can answer right now (start-up, rebalance, broker away); retry after Retry-After. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}

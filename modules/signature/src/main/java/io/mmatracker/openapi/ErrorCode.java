package io.mmatracker.openapi;

/**
 * The one list of error codes the tracker's servers answer with in Alibaba's format (the query API and the MMA
 * simulator), each with the HTTP status it goes with (REFERENCE §7.1). The MMA client tells MMA's answers apart by
 * the same codes.
 */
public enum ErrorCode {
    /** A path id, query parameter, header or body field is malformed or out of range. */
    INVALID_PARAMETER(400, "InvalidParameter"),
    /** A mandatory parameter is not supplied. */
    MISSING_PARAMETER(400, "MissingParameter"),
    /** The path names no operation of the API (MMA's gateway also answers a wrong method so, with 405). */
    UNKNOWN_ACTION(404, "InvalidAction.NotFound"),
    /** The object is not in the tracker's state (never seen, or deleted at the source). */
    OBJECT_NOT_FOUND(404, "ObjectNotFound"),
    /** The request carries no credential while access control is on. */
    MISSING_AUTHORIZATION(401, "MissingAuthorization"),
    /** The bearer token is not one of the auth file's tokens. */
    INVALID_TOKEN(401, "InvalidToken"),
    /** The ACS3 signature is missing parts or cannot be verified as sent. */
    INCOMPLETE_SIGNATURE(400, "IncompleteSignature"),
    /** {@code x-acs-date} is not {@code yyyy-MM-ddTHH:mm:ssZ}. */
    INVALID_TIMESTAMP_FORMAT(400, "InvalidTimeStamp.Format"),
    /** {@code x-acs-date} is outside the accepted window around the server's clock. */
    TIMESTAMP_EXPIRED(400, "InvalidTimeStamp.Expired"),
    /** {@code x-acs-signature-nonce} was already used within the window: a replay. */
    NONCE_USED(400, "SignatureNonceUsed"),
    /** The AccessKey id is not known. */
    UNKNOWN_ACCESS_KEY(404, "InvalidAccessKeyId.NotFound"),
    /** The signature differs from the one computed with the AccessKey's secret. */
    SIGNATURE_MISMATCH(403, "SignatureDoesNotMatch"),
    /** The caller's policy does not allow this action on this resource. */
    FORBIDDEN_RAM(403, "Forbidden.RAM"),
    /** Headers only other tracker instances may send came without an instance credential. */
    FORBIDDEN(403, "Forbidden"),
    /** The path exists but not for this HTTP method (the query API's answer; MMA's is {@link #UNKNOWN_ACTION}). */
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),
    /** Flow control; MMA answers it with 400, 429 or 503. */
    THROTTLED(400, "Throttling.User"),
    /** The server failed in a way the caller cannot mend. */
    INTERNAL_ERROR(500, "InternalError"),
    /** Nothing can answer right now (start-up, rebalance, broker away); retry after {@code Retry-After}. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** The HTTP status this code is answered with. */
    public int status() {
        return status;
    }

    /** The {@code Code} of the error body. */
    public String code() {
        return code;
    }
}

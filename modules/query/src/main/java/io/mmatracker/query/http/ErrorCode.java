package io.mmatracker.query.http;

/** The one list of error codes the query API answers with, each with its HTTP status (see the README). */
public enum ErrorCode {
    /** A path id, query parameter or header is malformed or out of range. */
    INVALID_PARAMETER(400, "InvalidParameter"),
    /** The path names no operation of this API. */
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
    /** {@code x-acs-date} is outside the accepted window around this instance's clock. */
    TIMESTAMP_EXPIRED(400, "InvalidTimeStamp.Expired"),
    /** {@code x-acs-signature-nonce} was already used within the window: a replay. */
    NONCE_USED(400, "SignatureNonceUsed"),
    /** The AccessKey id is not in the auth file. */
    UNKNOWN_ACCESS_KEY(404, "InvalidAccessKeyId.NotFound"),
    /** The signature differs from the one computed with the AccessKey's secret. */
    SIGNATURE_MISMATCH(403, "SignatureDoesNotMatch"),
    /** The caller's policy does not allow this action on this resource. */
    FORBIDDEN_RAM(403, "Forbidden.RAM"),
    /** Headers only other instances may send ({@code X-MMA-Forwarded-By}, ...) came without an instance credential. */
    FORBIDDEN(403, "Forbidden"),
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

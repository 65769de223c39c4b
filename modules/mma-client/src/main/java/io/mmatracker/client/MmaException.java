package io.mmatracker.client;

import java.util.Optional;

/**
 * Why an MMA call failed, as a closed set of kinds a caller can switch on. Every kind carries the operation, the
 * HTTP status (0 when no response arrived), MMA's error code and request id when the server sent them.
 * {@link #retryable()} says whether the same call may succeed later; the client itself never retries.
 * Messages never contain credentials, request headers or response bodies.
 */
public abstract sealed class MmaException extends RuntimeException
        permits MmaException.NotFound, MmaException.Throttled, MmaException.Unauthorized,
        MmaException.InvalidParameter, MmaException.ServerError, MmaException.Malformed, MmaException.Transport {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int httpStatus;
    private final String code;
    private final String requestId;

    protected MmaException(String kind, String operation, int httpStatus, String code, String requestId,
                           String detail, Throwable cause) {
        super(describe(kind, operation, httpStatus, code, requestId, detail), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.code = code;
        this.requestId = requestId;
    }

    /** The MMA operation, e.g. {@code GetMmsJob}. */
    public String operation() {
        return operation;
    }

    /** The HTTP status, or 0 when the call failed before a response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** MMA's error code ({@code Code}/{@code code} of the error body), e.g. {@code Throttling.User}. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** MMA's request id, for a support ticket. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether calling again later (with backoff) may succeed: throttling, server errors and transport failures. */
    public abstract boolean retryable();

    private static String describe(String kind, String operation, int httpStatus, String code, String requestId,
                                   String detail) {
        StringBuilder out = new StringBuilder(kind).append(" in ").append(operation);
        if (httpStatus > 0) {
            out.append(": HTTP ").append(httpStatus);
        }
        if (code != null) {
            out.append(", code ").append(code);
        }
        if (requestId != null) {
            out.append(", requestId ").append(requestId);
        }
        if (detail != null && !detail.isBlank()) {
            out.append(": ").append(detail);
        }
        return out.toString();
    }

    /** The object (or data source) does not exist: HTTP 404 with an MMA error body. */
    public static final class NotFound extends MmaException {
        private static final long serialVersionUID = 1L;

        public NotFound(String operation, int httpStatus, String code, String requestId, String detail) {
            super("NotFound", operation, httpStatus, code, requestId, detail, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** Flow control: a code starting with {@code Throttling} on 400/429/503, or any 429. Back off and retry. */
    public static final class Throttled extends MmaException {
        private static final long serialVersionUID = 1L;

        public Throttled(String operation, int httpStatus, String code, String requestId, String detail) {
            super("Throttled", operation, httpStatus, code, requestId, detail, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** Bad or missing credentials, a signature mismatch, or a missing RAM permission (401/403, Forbidden*, ...). */
    public static final class Unauthorized extends MmaException {
        private static final long serialVersionUID = 1L;

        public Unauthorized(String operation, int httpStatus, String code, String requestId, String detail) {
            super("Unauthorized", operation, httpStatus, code, requestId, detail, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** Any other 4xx: the request itself is wrong (bad parameter, unknown action). */
    public static final class InvalidParameter extends MmaException {
        private static final long serialVersionUID = 1L;

        public InvalidParameter(String operation, int httpStatus, String code, String requestId, String detail) {
            super("InvalidParameter", operation, httpStatus, code, requestId, detail, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** A 5xx that is not throttling. */
    public static final class ServerError extends MmaException {
        private static final long serialVersionUID = 1L;

        public ServerError(String operation, int httpStatus, String code, String requestId, String detail) {
            super("ServerError", operation, httpStatus, code, requestId, detail, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** A response this client cannot read: not JSON, no {@code data}, or data that does not map to the record. */
    public static final class Malformed extends MmaException {
        private static final long serialVersionUID = 1L;

        public Malformed(String operation, int httpStatus, String requestId, String detail, Throwable cause) {
            super("Malformed", operation, httpStatus, null, requestId, detail, cause);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** No usable response: connection refused or reset, timeout, interrupted. */
    public static final class Transport extends MmaException {
        private static final long serialVersionUID = 1L;

        public Transport(String operation, String detail, Throwable cause) {
            super("Transport", operation, 0, null, null, detail, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }
}

package io.mmatracker.schema.registry;

/**
 * A schema registry call that failed, as the caller must tell the cases apart: the registry could not be reached
 * (worth retrying), it refused the schema as incompatible, or it answered with another error.
 */
public sealed abstract class RegistryException extends RuntimeException
        permits RegistryException.Unreachable, RegistryException.Incompatible, RegistryException.Refused {

    RegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No answer (connection refused or reset, timeout) or a 5xx: the registry is down for now. */
    public static final class Unreachable extends RegistryException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** 409: the subject's compatibility rule refuses the schema. */
    public static final class Incompatible extends RegistryException {
        public Incompatible(String message) {
            super(message, null);
        }
    }

    /** Any other 4xx (not found, unauthorized, bad schema); {@link #errorCode()} is Confluent's error code or the status. */
    public static final class Refused extends RegistryException {
        private final int status;
        private final int errorCode;

        public Refused(int status, int errorCode, String message) {
            super(message, null);
            this.status = status;
            this.errorCode = errorCode;
        }

        public int status() {
            return status;
        }

        public int errorCode() {
            return errorCode;
        }

        /** 404 of any kind: no such subject, version or schema id. */
        public boolean isNotFound() {
            return status == 404;
        }
    }
}

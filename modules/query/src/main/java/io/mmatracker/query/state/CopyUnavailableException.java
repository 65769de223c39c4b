package io.mmatracker.query.state;

/** The copy a read used went away before its value could be decoded (a rebalance closed it); retry elsewhere. */
public final class CopyUnavailableException extends RuntimeException {

    public CopyUnavailableException(String message) {
        super(message, null, false, false);
    }
}

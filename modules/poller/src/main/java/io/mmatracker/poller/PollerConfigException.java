package io.mmatracker.poller;

/** A poller setting is invalid: names the key and what it accepts. */
public final class PollerConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public PollerConfigException(String key, String accepts, Object got) {
        super(key + " " + accepts + ", got " + got);
        this.key = key;
    }

    /** The configuration key, e.g. {@code poller.active-interval}. */
    public String key() {
        return key;
    }
}

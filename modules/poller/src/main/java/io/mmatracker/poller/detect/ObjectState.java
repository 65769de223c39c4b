package io.mmatracker.poller.detect;

/**
 * What the poller remembers of an object besides its fingerprint: its status as MMA reported it (null if none)
 * and whether it is moving, i.e. in a state the active cycle follows.
 */
public record ObjectState(String status, boolean moving) {

    /** A state known to be unknown: moving, so that the next cycle reads the object again. */
    public static final ObjectState UNKNOWN = new ObjectState(null, true);
}

package io.mmatracker.query.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the copies of one key live right now: the partition, the instance with the active copy (empty
 * while a rebalance leaves it unknown) and the instances with standby copies.
 */
public record Placement(int partition, Optional<Endpoint> active, List<Endpoint> standbys) {

    /** Partition number when the key's placement is unknown. */
    public static final int UNKNOWN_PARTITION = -1;

    public Placement {
        Objects.requireNonNull(active, "active");
        standbys = List.copyOf(standbys);
    }

    /** Nothing is known: a rebalance is under way or the instance is not running yet. */
    public static Placement unknown() {
        return new Placement(UNKNOWN_PARTITION, Optional.empty(), List.of());
    }

    public boolean isKnown() {
        return partition != UNKNOWN_PARTITION;
    }

    public boolean isActiveAt(Endpoint instance) {
        return active.isPresent() && active.get().equals(instance);
    }
}

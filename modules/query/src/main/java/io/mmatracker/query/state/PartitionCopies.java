package io.mmatracker.query.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One partition of a store and the instances holding its active and standby copies. */
public record PartitionCopies(int partition, Optional<Endpoint> active, List<Endpoint> standbys) {

    public PartitionCopies {
        Objects.requireNonNull(active, "active");
        standbys = List.copyOf(standbys);
    }
}

package io.mmatracker.simulator.fleet;

import java.util.List;

/** One page of a list: the items on it and how many items match in all. */
public record Page<T>(long total, List<T> items) {

    public Page {
        items = List.copyOf(items);
    }
}

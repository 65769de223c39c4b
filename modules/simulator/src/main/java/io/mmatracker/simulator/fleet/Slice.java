package io.mmatracker.simulator.fleet;

import java.util.List;

/**
 * What a list query of the fleet answers: the items from an offset up to a limit, and how many items match in all.
 * (The HTTP layer turns it into MMA's page; the client's {@code io.mmatracker.client.Page} is that page as a
 * client reads it, with its page number and size.)
 */
public record Slice<T>(long total, List<T> items) {

    public Slice {
        items = List.copyOf(items);
    }
}

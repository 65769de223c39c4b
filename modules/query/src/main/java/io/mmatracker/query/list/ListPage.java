package io.mmatracker.query.list;

import java.util.List;
import java.util.Set;

import io.mmatracker.query.state.Endpoint;

/** What a list request gathered, or why it could not. */
public sealed interface ListPage {

    /** One object of a list: its id (the sort key) and its encoded MMA JSON. */
    record Item(long id, byte[] data) {
    }

    /**
     * Items sorted by id; {@code total} counts every match, not only these items. {@code offset} is the rank of
     * the first item among all matches: 0 for a share, the page's start when this instance read the page itself.
     * {@code stale} when any partition was read from a standby copy.
     */
    record Page(long total, long offset, List<Item> items, boolean stale, Set<Endpoint> servedBy) implements ListPage {
        public Page {
            items = List.copyOf(items);
            servedBy = Set.copyOf(servedBy);
        }

        /** A share: its items start at the first match. */
        public Page(long total, List<Item> items, boolean stale, Set<Endpoint> servedBy) {
            this(total, 0, items, stale, servedBy);
        }
    }

    /** Some partition had no reachable copy. */
    record Unavailable(String reason) implements ListPage {
    }
}

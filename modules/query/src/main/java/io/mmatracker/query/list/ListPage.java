package io.mmatracker.query.list;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

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

    /**
     * A share's answer to the first round of a deep page gathered from several instances: its matches per bucket of
     * 1024 ids ({@code IndexCounts}) and their total. Never a client's answer: the receiver places the page with it.
     */
    record Counts(long total, NavigableMap<Long, Long> buckets, boolean stale, Set<Endpoint> servedBy) implements ListPage {
        public Counts {
            buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
            servedBy = Set.copyOf(servedBy);
        }
    }

    /**
     * An instance answered a round of a deep page as an older version does (the whole first {@code pageNum * pageSize}
     * matches): it does not know the rounds, so the list is gathered the old way. Never a client's answer.
     */
    record Unsupported(Endpoint host) implements ListPage {
    }

    /** Some partition had no reachable copy. */
    record Unavailable(String reason) implements ListPage {
    }
}

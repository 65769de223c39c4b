package io.mmatracker.client;

import java.util.List;

/**
 * One page of a list call: {@code data.total}, the page echoed by MMA (or the one asked for when MMA does not echo
 * it) and the objects of {@code data.objectList}.
 *
 * @param total    how many objects match the filter across all pages
 * @param pageNum  1-based page number
 * @param pageSize the page size MMA echoed, else the one asked for
 * @param items    the objects on this page, possibly fewer than pageSize
 */
public record Page<T>(long total, int pageNum, int pageSize, List<T> items) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * Whether this page ends a listing of which {@code seen} objects have been read, this page's included: after an
     * empty page, or once {@code total} objects were seen (REFERENCE.md §2: MMA documents {@code total}). A short page
     * alone does not end it: MMA's largest page size is undocumented, and a server that caps it below the one asked
     * for sends short pages all along. Every reader of MMA's lists (the client's streams, the poller) stops here.
     */
    public boolean isLast(long seen) {
        return items.isEmpty() || seen >= total;
    }
}

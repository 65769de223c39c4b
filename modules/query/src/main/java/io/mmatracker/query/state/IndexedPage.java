package io.mmatracker.query.state;

import java.util.List;

/**
 * One page of a data source's objects from some local partitions, in ascending id: the objects after the
 * first {@code skip} matches, with the count of all matches, and which partitions could be read.
 *
 * @param total    every match in the partitions read, not only these items
 * @param items    at most the requested number, by ascending id
 * @param coverage the partitions read and those without a usable copy here
 */
public record IndexedPage(long total, List<IndexedPage.Item> items, ScanResult coverage) {

    /** One object of the page: its id (the sort key), its store key and this instance's copy of it. */
    public record Item(long id, String key, LocalRead.Hit hit) {
    }

    public IndexedPage {
        items = List.copyOf(items);
    }
}

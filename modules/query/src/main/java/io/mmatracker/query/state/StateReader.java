package io.mmatracker.query.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.topology.list.ListIndex;

/**
 * What the HTTP layer needs from the tracker's state: where a key lives, this instance's copy of it, and
 * scans of local partitions. The Kafka implementation uses interactive queries; tests use an in-memory one.
 * Implementations never block on the network: every method answers from local state and metadata.
 */
public interface StateReader {

    /** This instance's own address (its {@code application.server}). */
    Endpoint self();

    /** Where the copies of {@code key} live now. */
    Placement locate(SnapshotStore store, String key);

    /**
     * Reads this instance's copy of {@code key}. With {@code allowStale} false only an active, up-to-date
     * copy answers; with true a standby or restoring copy may answer (the result says so).
     */
    LocalRead read(SnapshotStore store, String key, Placement placement, boolean allowStale);

    /** Every partition of a store and who holds it; empty while unknown (before the first assignment). */
    List<PartitionCopies> partitions(SnapshotStore store);

    /**
     * Visits every (key, value) of the given local partitions whose key starts with {@code prefix}.
     * Partitions without a usable copy here are reported as missing rather than failing the scan.
     */
    ScanResult scan(SnapshotStore store, String prefix, Set<Integer> partitions, boolean allowStale,
                    BiConsumer<String, SpecificRecord> visitor);

    /**
     * One page of a data source's objects in the given local partitions, by ascending id: the {@code limit}
     * objects after the first {@code skip} whose status is one of {@code statuses} (any status when empty), and
     * the count of all of them. This default scans the source and sorts; a reader with a list index reads only
     * the page (see {@link KafkaStateReader}).
     */
    default IndexedPage listPage(SnapshotStore store, long sourceId, List<String> statuses, Set<Integer> partitions,
                                 boolean allowStale, long skip, int limit) {
        return scanPage(store, sourceId + "/", value -> {
            String status = store.status(value);
            return statuses.isEmpty() || status != null && statuses.contains(status);
        }, partitions, allowStale, skip, limit);
    }

    /**
     * The matches of {@link #listPage} (every one, not a page) per bucket of {@code 2^ListIndex.BUCKET_BITS} ids: the
     * first round of a deep page gathered from several instances. This default scans the source; a reader with a
     * list index sums its bucket counts (see {@link KafkaStateReader}).
     */
    default IndexCounts listCounts(SnapshotStore store, long sourceId, List<String> statuses, Set<Integer> partitions,
                                   boolean allowStale) {
        IndexedPage all = listPage(store, sourceId, statuses, partitions, allowStale, 0, Integer.MAX_VALUE);
        NavigableMap<Long, Long> buckets = new TreeMap<>();
        all.items().forEach(item -> buckets.merge(item.id() >> ListIndex.BUCKET_BITS, 1L, Long::sum));
        return new IndexCounts(all.total(), buckets, all.coverage());
    }

    /**
     * The first {@code limit} matches of {@link #listPage} whose id is in bucket {@code fromBucket} or a later one,
     * by ascending id, and the count of all matches: the second round of a deep page gathered from several
     * instances, placed by every share's {@link #listCounts}. This default scans the source; a reader with a list
     * index reads only these entries.
     */
    default IndexedPage listPageFromBucket(SnapshotStore store, long sourceId, List<String> statuses, Set<Integer> partitions,
                                           boolean allowStale, long fromBucket, int limit) {
        IndexedPage all = listPage(store, sourceId, statuses, partitions, allowStale, 0, Integer.MAX_VALUE);
        return new IndexedPage(all.total(), all.items().stream().filter(item -> item.id() >> ListIndex.BUCKET_BITS >= fromBucket)
                .limit(limit).toList(), all.coverage());
    }

    /**
     * One page of a data source's objects in the given local partitions as {@code selection} picks and orders them:
     * the {@code limit} after the first {@code skip} matches, and the count of all of them. This default scans the
     * source; a reader with the list indexes reads only the smallest index range that applies (the job's tasks, the
     * statuses) and tests each object of it (see {@link KafkaStateReader}).
     */
    default IndexedPage selectPage(SnapshotStore store, ListSelection selection, Set<Integer> partitions,
                                   boolean allowStale, long skip, int limit) {
        record Match(IndexedPage.Item item, String[] keys) {
        }
        List<Match> found = new ArrayList<>();
        ScanResult coverage = scan(store, selection.sourceId() + "/", partitions, allowStale, (key, value) -> {
            String status = store.status(value);
            if ((selection.statuses().isEmpty() || status != null && selection.statuses().contains(status)) && selection.keep().test(value)) {
                found.add(new Match(new IndexedPage.Item(SnapshotStore.objectIdOf(key), key, new LocalRead.Hit(value, false)),
                        selection.sortKeys(value)));
            }
        });
        found.sort(selection.comparator(Match::keys, m -> m.item().id()));
        int from = (int) Math.min(found.size(), skip);
        return new IndexedPage(found.size(), found.subList(from, (int) Math.min(found.size(), (long) from + limit)).stream()
                .map(Match::item).toList(), coverage);
    }

    /**
     * One page, by ascending id, of the values under {@code prefix} in the given local partitions that
     * {@code matches} keeps: the {@code limit} after the first {@code skip}, and the count of all of them. It scans
     * and sorts (the data sources, a few per deployment, need no index).
     */
    default IndexedPage scanPage(SnapshotStore store, String prefix, Predicate<SpecificRecord> matches, Set<Integer> partitions,
                                 boolean allowStale, long skip, int limit) {
        List<IndexedPage.Item> found = new ArrayList<>();
        ScanResult coverage = scan(store, prefix, partitions, allowStale, (key, value) -> {
            if (matches.test(value)) {
                found.add(new IndexedPage.Item(SnapshotStore.objectIdOf(key), key, new LocalRead.Hit(value, false)));
            }
        });
        found.sort(Comparator.comparingLong(IndexedPage.Item::id));
        int from = (int) Math.min(found.size(), skip);
        return new IndexedPage(found.size(), found.subList(from, (int) Math.min(found.size(), (long) from + limit)), coverage);
    }
}

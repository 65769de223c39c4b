package io.mmatracker.query.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.mmatracker.topology.list.ListIndex;

/**
 * Reads one page from the {@link ListIndex} copies of several partitions without scanning the source: the
 * total from the per-status counts, the skip by summing bucket counts in id order (merged over every partition
 * and status), then a merge of the entry ranges from the first bucket the page touches, dropping at most the
 * 1023 entries before the page in that bucket. Cost: the buckets before the page (one per 1024 ids and
 * partition and status) plus the page itself, whatever the page number.
 */
final class IndexPager {

    private static final Serializer<String> KEYS = new StringSerializer();
    /** Sorts after every zero-padded id: the inclusive upper end of an entry range. */
    private static final String LAST_ID = "9".repeat(19);

    /** An entry of the page: the object's id, its store key, and which copy (index into the copies) holds it. */
    record Entry(long id, String key, int copy) {
    }

    record Found(long total, List<Entry> entries) {
    }

    private record Stream(int copy, String status) {
    }

    private record Head(String value, long order, int stream) {
    }

    private IndexPager() {
    }

    /**
     * @param statuses the statuses to list, any when empty
     * @param skip     matches before the page
     * @param limit    the page's size
     */
    static Found page(List<ReadOnlyKeyValueStore<String, String>> copies, long sourceId, List<String> statuses, long skip, int limit) {
        List<Stream> streams = new ArrayList<>();
        long total = 0;
        for (int c = 0; c < copies.size(); c++) {
            ReadOnlyKeyValueStore<String, String> copy = copies.get(c);
            if (statuses.isEmpty()) {
                try (KeyValueIterator<String, String> counts = copy.prefixScan(ListIndex.counts(sourceId), KEYS)) {
                    while (counts.hasNext()) {
                        KeyValue<String, String> count = counts.next();
                        streams.add(new Stream(c, ListIndex.statusOf(count.key)));
                        total += Long.parseLong(count.value);
                    }
                }
            } else {
                for (String status : new LinkedHashSet<>(statuses)) {
                    String count = copy.get(ListIndex.count(sourceId, status));
                    if (count != null) {
                        streams.add(new Stream(c, status));
                        total += Long.parseLong(count);
                    }
                }
            }
        }
        if (limit <= 0 || skip >= total) {
            return new Found(total, List.of());
        }
        long[] start = firstBucket(copies, streams, sourceId, skip);
        if (start == null) {
            return new Found(total, List.of());
        }
        return new Found(total, entries(copies, streams, sourceId, start[0], start[1], limit));
    }

    /** The first bucket holding a match of the page, and how many matches of that bucket precede the page. */
    private static long[] firstBucket(List<ReadOnlyKeyValueStore<String, String>> copies, List<Stream> streams, long sourceId, long skip) {
        List<KeyValueIterator<String, String>> its = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingLong(Head::order));
            for (int s = 0; s < streams.size(); s++) {
                Stream stream = streams.get(s);
                KeyValueIterator<String, String> it = copies.get(stream.copy()).prefixScan(ListIndex.buckets(sourceId, stream.status()), KEYS);
                its.add(it);
                advance(heads, it, s, true);
            }
            long before = 0;
            while (!heads.isEmpty()) {
                long bucket = heads.peek().order();
                long inBucket = 0;
                while (!heads.isEmpty() && heads.peek().order() == bucket) {
                    Head head = heads.poll();
                    inBucket += Long.parseLong(head.value());
                    advance(heads, its.get(head.stream()), head.stream(), true);
                }
                if (before + inBucket > skip) {
                    return new long[] {bucket, skip - before};
                }
                before += inBucket;
            }
            return null;
        } finally {
            its.forEach(KeyValueIterator::close);
        }
    }

    private static List<Entry> entries(List<ReadOnlyKeyValueStore<String, String>> copies, List<Stream> streams, long sourceId,
                                       long bucket, long drop, int limit) {
        List<KeyValueIterator<String, String>> its = new ArrayList<>();
        List<Entry> page = new ArrayList<>(limit);
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingLong(Head::order));
            for (int s = 0; s < streams.size(); s++) {
                Stream stream = streams.get(s);
                KeyValueIterator<String, String> it = copies.get(stream.copy()).range(
                        ListIndex.entriesFrom(sourceId, stream.status(), bucket), ListIndex.entries(sourceId, stream.status()) + LAST_ID);
                its.add(it);
                advance(heads, it, s, false);
            }
            long dropped = 0;
            while (!heads.isEmpty() && page.size() < limit) {
                Head head = heads.poll();
                if (dropped < drop) {
                    dropped++;
                } else {
                    page.add(new Entry(head.order(), head.value(), streams.get(head.stream()).copy()));
                }
                advance(heads, its.get(head.stream()), head.stream(), false);
            }
            return page;
        } finally {
            its.forEach(KeyValueIterator::close);
        }
    }

    /** Puts the iterator's next bucket (its count) or entry (its object key) among the heads, ordered by bucket or id. */
    private static void advance(PriorityQueue<Head> heads, KeyValueIterator<String, String> it, int stream, boolean isBucket) {
        if (it.hasNext()) {
            KeyValue<String, String> next = it.next();
            heads.add(new Head(next.value, isBucket ? ListIndex.bucketOf(next.key) : ListIndex.idOf(next.key), stream));
        }
    }
}

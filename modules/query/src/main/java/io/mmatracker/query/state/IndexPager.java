package io.mmatracker.query.state;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.mmatracker.topology.list.ListIndex;

/**
 * Reads one page from the {@link ListIndex} copies of several partitions without scanning the source: the
 * total from the per-status counts, the skip by summing bucket counts in id order (merged over every partition
 * and status), then a merge of the entry ranges from the first bucket the page touches, dropping at most the
 * 1023 entries before the page in that bucket. A page in the second half of the matches sums the buckets from the
 * last one down instead, so no page reads more than half of the buckets. Cost: at most half the buckets (one per 1024
 * ids and partition and status) plus the page itself, whatever the page number.
 *
 * <p>Bucket numbers, ids and counts are parsed in place from the keys' and values' digits (no substring, no
 * boxed number), and the heads of the merge are plain objects ordered by a {@code long}.
 */
final class IndexPager {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final int ID_DIGITS = 19;
    private static final int BUCKET_DIGITS = 16;
    /** Sorts after every zero-padded id: the inclusive upper end of an entry range. */
    private static final String LAST_ID = "9".repeat(ID_DIGITS);
    /** Sorts after every zero-padded bucket number: the inclusive upper end of a bucket range. */
    private static final String LAST_BUCKET = "9".repeat(BUCKET_DIGITS);

    /** An entry of the page: the object's id, its store key, and which copy (index into the copies) holds it. */
    record Entry(long id, String key, int copy) {
    }

    record Found(long total, List<Entry> entries) {
    }

    private record Stream(int copy, String status) {
    }

    private IndexPager() {
    }

    /** Every match per bucket of 1024 ids (merged over every copy and status), buckets ascending, and the total. */
    record Counted(long total, NavigableMap<Long, Long> buckets) {
    }

    /** The (copy, status) ranges to merge and the total of their per-status counts. */
    private record Streams(List<Stream> streams, long total) {
    }

    /**
     * @param statuses the statuses to list, any when empty
     * @param skip     matches before the page
     * @param limit    the page's size
     */
    static Found page(List<ReadOnlyKeyValueStore<String, String>> copies, long sourceId, List<String> statuses, long skip, int limit) {
        Streams streams = streams(copies, sourceId, statuses, true);
        long total = streams.total();
        if (limit <= 0 || skip > 0 && skip >= total) {
            return new Found(total, List.of());
        }
        // the first page from the first entry on, not from the first counted bucket (the counts may lag, see streams)
        long[] start = skip == 0 ? new long[] {0, 0} : skip < total / 2 ? firstBucket(copies, streams.streams(), sourceId, skip)
                : firstBucketFromTheEnd(copies, streams.streams(), sourceId, total - skip);
        if (start == null) {
            return new Found(total, List.of());
        }
        return new Found(total, entries(copies, streams.streams(), sourceId, start[0], start[1], limit));
    }

    /**
     * The first {@code limit} matches whose id is in {@code bucket} or a later one, and the total: a share of a page
     * that another instance placed from every share's {@link #counts} (the merge of the shares drops the matches of
     * the bucket before the page).
     */
    static Found fromBucket(List<ReadOnlyKeyValueStore<String, String>> copies, long sourceId, List<String> statuses, long bucket, int limit) {
        Streams streams = streams(copies, sourceId, statuses, true);
        if (limit <= 0) {
            return new Found(streams.total(), List.of());
        }
        return new Found(streams.total(), entries(copies, streams.streams(), sourceId, bucket, 0, limit));
    }

    /** Every bucket's count of matches, and the total: a share's answer to the first round of a deep page. */
    static Counted counts(List<ReadOnlyKeyValueStore<String, String>> copies, long sourceId, List<String> statuses) {
        Streams streams = streams(copies, sourceId, statuses, false);
        NavigableMap<Long, Long> buckets = new TreeMap<>();
        merged(copies, streams.streams(), sourceId, false, (bucket, inBucket, before) -> {
            buckets.put(bucket, inBucket);
            return null;
        });
        return new Counted(streams.total(), buckets);
    }

    /**
     * @param uncounted also the statuses that only a copy's entries hold yet, for readers of entries; a reader of
     *                  bucket counts gains nothing from them (they have none) and spares their look-up
     */
    private static Streams streams(List<ReadOnlyKeyValueStore<String, String>> copies, long sourceId, List<String> statuses,
                                   boolean uncounted) {
        List<Stream> streams = new ArrayList<>();
        long total = 0;
        for (int c = 0; c < copies.size(); c++) {
            ReadOnlyKeyValueStore<String, String> copy = copies.get(c);
            // Every status is merged whether or not its count is there: a standby copy applies the changelogs of
            // the counts and of the entries apart, so its entries may hold a status its counts do not have yet (an
            // object that just moved there); its total is then off for a moment, but no object is left out.
            if (statuses.isEmpty()) {
                Set<String> listed = new LinkedHashSet<>();
                try (KeyValueIterator<String, String> counts = copy.prefixScan(ListIndex.counts(sourceId), KEYS)) {
                    while (counts.hasNext()) {
                        KeyValue<String, String> count = counts.next();
                        listed.add(ListIndex.statusOf(count.key));
                        total += digits(count.value, 0);
                    }
                }
                if (uncounted) {
                    listed.addAll(entryStatuses(copy, sourceId));
                }
                for (String status : listed) {
                    streams.add(new Stream(c, status));
                }
            } else {
                for (String status : new LinkedHashSet<>(statuses)) {
                    String count = copy.get(ListIndex.count(sourceId, status));
                    streams.add(new Stream(c, status));
                    if (count != null) {
                        total += digits(count, 0);
                    }
                }
            }
        }
        return new Streams(streams, total);
    }

    /**
     * The statuses the copy has entries of for the source: one range read per status (and one that finds none),
     * each starting past the last possible entry of the status found before.
     */
    private static List<String> entryStatuses(ReadOnlyKeyValueStore<String, String> copy, long sourceId) {
        String prefix = ListIndex.sourceEntries(sourceId);
        // the prefix with its closing '/' raised to '0': after every key that starts with the prefix
        String end = prefix.substring(0, prefix.length() - 1) + '0';
        List<String> statuses = new ArrayList<>();
        String from = prefix;
        while (true) {
            try (KeyValueIterator<String, String> first = copy.range(from, end)) {
                if (!first.hasNext()) {
                    return statuses;
                }
                String key = first.next().key;
                statuses.add(ListIndex.statusOfEntry(prefix, key));
                // past every entry of this status: its prefix, the largest id, then one more character
                from = key.substring(0, key.length() - ID_DIGITS) + LAST_ID + '0';
            }
        }
    }

    /** The first bucket holding a match of the page, and how many matches of that bucket precede the page. */
    private static long[] firstBucket(List<ReadOnlyKeyValueStore<String, String>> copies, List<Stream> streams, long sourceId, long skip) {
        return merged(copies, streams, sourceId, false, (bucket, inBucket, before) ->
                before + inBucket > skip ? new long[] {bucket, skip - before} : null);
    }

    /**
     * The same, counting from the last bucket down: {@code fromTheEnd} matches are at or after the page's first
     * one. The counts may have moved since the total was read; a page never starts before its bucket.
     */
    private static long[] firstBucketFromTheEnd(List<ReadOnlyKeyValueStore<String, String>> copies, List<Stream> streams, long sourceId, long fromTheEnd) {
        return merged(copies, streams, sourceId, true, (bucket, inBucket, after) ->
                after + inBucket >= fromTheEnd ? new long[] {bucket, Math.max(0, after + inBucket - fromTheEnd)} : null);
    }

    @FunctionalInterface
    private interface BucketVisitor {
        /** A bucket's matches over every stream and the matches of the buckets visited before; non-null stops. */
        long[] visit(long bucket, long inBucket, long visitedBefore);
    }

    private static long[] merged(List<ReadOnlyKeyValueStore<String, String>> copies, List<Stream> streams, long sourceId, boolean reverse, BucketVisitor visitor) {
        List<KeyValueIterator<String, String>> cursors = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>();
            for (int s = 0; s < streams.size(); s++) {
                Stream stream = streams.get(s);
                String prefix = ListIndex.buckets(sourceId, stream.status());
                ReadOnlyKeyValueStore<String, String> copy = copies.get(stream.copy());
                KeyValueIterator<String, String> cursor = reverse ? copy.reverseRange(prefix, prefix + LAST_BUCKET)
                        : copy.range(prefix, prefix + LAST_BUCKET);
                cursors.add(cursor);
                Head.push(heads, cursor, s, BUCKET_DIGITS, reverse);
            }
            long visited = 0;
            while (!heads.isEmpty()) {
                long bucket = heads.peek().order;
                long inBucket = 0;
                while (!heads.isEmpty() && heads.peek().order == bucket) {
                    Head head = heads.poll();
                    inBucket += digits(head.value, 0);
                    Head.push(heads, cursors.get(head.stream), head.stream, BUCKET_DIGITS, reverse);
                }
                long[] found = visitor.visit(reverse ? -bucket : bucket, inBucket, visited);
                if (found != null) {
                    return found;
                }
                visited += inBucket;
            }
            return null;
        } finally {
            cursors.forEach(KeyValueIterator::close);
        }
    }

    private static List<Entry> entries(List<ReadOnlyKeyValueStore<String, String>> copies, List<Stream> streams, long sourceId, long bucket, long drop, int limit) {
        List<KeyValueIterator<String, String>> cursors = new ArrayList<>();
        List<Entry> page = new ArrayList<>(Math.min(limit, 1024));
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>();
            for (int s = 0; s < streams.size(); s++) {
                Stream stream = streams.get(s);
                KeyValueIterator<String, String> cursor = copies.get(stream.copy()).range(
                        ListIndex.entriesFrom(sourceId, stream.status(), bucket), ListIndex.entries(sourceId, stream.status()) + LAST_ID);
                cursors.add(cursor);
                Head.push(heads, cursor, s, ID_DIGITS, false);
            }
            long dropped = 0;
            long previous = -1;
            while (!heads.isEmpty() && page.size() < limit) {
                Head head = heads.poll();
                if (head.order == previous) {
                    // the same object under a second status, read between the two writes of its move (see
                    // ListIndex.move): once is enough
                } else if (dropped < drop) {
                    dropped++;
                } else {
                    page.add(new Entry(head.order, head.value, streams.get(head.stream).copy()));
                }
                previous = head.order;
                Head.push(heads, cursors.get(head.stream), head.stream, ID_DIGITS, false);
            }
            return page;
        } finally {
            cursors.forEach(KeyValueIterator::close);
        }
    }

    /** The current record of one stream: its bucket number or id (negated when reading down), and its value. */
    private static final class Head implements Comparable<Head> {
        final long order;
        final String value;
        final int stream;

        private Head(long order, String value, int stream) {
            this.order = order;
            this.value = value;
            this.stream = stream;
        }

        /** Puts the cursor's next record among the heads, if it has one; its number is the key's last digits. */
        static void push(PriorityQueue<Head> heads, KeyValueIterator<String, String> cursor, int stream, int digits, boolean reverse) {
            if (cursor.hasNext()) {
                KeyValue<String, String> next = cursor.next();
                long number = IndexPager.digits(next.key, next.key.length() - digits);
                heads.add(new Head(reverse ? -number : number, next.value, stream));
            }
        }

        @Override
        public int compareTo(Head other) {
            return Long.compare(order, other.order);
        }
    }

    /** The decimal number written in digits from {@code from} to the end of {@code text}. */
    static long digits(String text, int from) {
        long value = 0;
        for (int i = from; i < text.length(); i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalStateException("not a list index number: " + text);
            }
            value = value * 10 + digit;
        }
        return value;
    }
}

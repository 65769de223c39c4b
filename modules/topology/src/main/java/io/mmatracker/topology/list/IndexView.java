package io.mmatracker.topology.list;

import java.util.Objects;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A list index's two stores read as one ({@link ListIndex#view}): keys that start with the entry prefix are read from
 * the entries store, every other key from the counts store. A range or prefix scan must stay within one of them
 * (the readers ask for one status's entries or buckets at a time).
 */
final class IndexView implements ReadOnlyKeyValueStore<String, String> {

    private static final Serializer<String> KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, String> counts;
    private final ReadOnlyKeyValueStore<String, String> entries;
    private final String entryPrefix;

    IndexView(ReadOnlyKeyValueStore<String, String> counts, ReadOnlyKeyValueStore<String, String> entries, String entryPrefix) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.entryPrefix = entryPrefix;
    }

    private ReadOnlyKeyValueStore<String, String> of(String key) {
        return key.startsWith(entryPrefix) ? entries : counts;
    }

    private ReadOnlyKeyValueStore<String, String> of(String from, String to) {
        if (from == null || to == null) {
            throw new UnsupportedOperationException("a list index view reads bounded ranges only");
        }
        ReadOnlyKeyValueStore<String, String> store = of(from);
        if (store != of(to)) {
            throw new IllegalArgumentException("a range across the entries and the counts of a list index: " + from + " to " + to);
        }
        return store;
    }

    @Override
    public String get(String key) {
        return of(key).get(key);
    }

    @Override
    public KeyValueIterator<String, String> range(String from, String to) {
        return of(from, to).range(from, to);
    }

    @Override
    public KeyValueIterator<String, String> reverseRange(String from, String to) {
        return of(from, to).reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, String> all() {
        throw new UnsupportedOperationException("a list index view reads bounded ranges only");
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, String> prefixScan(P prefix, PS serializer) {
        String text = (String) prefix;
        return of(text).prefixScan(text, KEYS);
    }

    @Override
    public long approximateNumEntries() {
        return counts.approximateNumEntries() + entries.approximateNumEntries();
    }
}

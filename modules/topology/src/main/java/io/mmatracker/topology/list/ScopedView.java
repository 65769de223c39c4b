package io.mmatracker.topology.list;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The keys of a store below a prefix, read as a store of their own (the prefix taken off): how a reader of the
 * {@link ListIndex} layout reads one data source's part of the {@link JobTaskIndex}.
 */
public final class ScopedView implements ReadOnlyKeyValueStore<String, String> {

    private static final Serializer<String> KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, String> store;
    private final String prefix;

    public ScopedView(ReadOnlyKeyValueStore<String, String> store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    @Override
    public String get(String key) {
        return store.get(prefix + key);
    }

    @Override
    public KeyValueIterator<String, String> range(String from, String to) {
        if (from == null || to == null) {
            throw new UnsupportedOperationException("a scoped view reads bounded ranges only");
        }
        return unscoped(store.range(prefix + from, prefix + to));
    }

    @Override
    public KeyValueIterator<String, String> reverseRange(String from, String to) {
        if (from == null || to == null) {
            throw new UnsupportedOperationException("a scoped view reads bounded ranges only");
        }
        return unscoped(store.reverseRange(prefix + from, prefix + to));
    }

    @Override
    public KeyValueIterator<String, String> all() {
        return unscoped(store.prefixScan(prefix, KEYS));
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, String> prefixScan(P prefix, PS serializer) {
        return unscoped(store.prefixScan(this.prefix + prefix, KEYS));
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    private KeyValueIterator<String, String> unscoped(KeyValueIterator<String, String> it) {
        int cut = prefix.length();
        return new KeyValueIterator<>() {
            @Override
            public void close() {
                it.close();
            }

            @Override
            public String peekNextKey() {
                return it.peekNextKey().substring(cut);
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, String> next() {
                KeyValue<String, String> next = it.next();
                return KeyValue.pair(next.key.substring(cut), next.value);
            }
        };
    }
}

package io.mmatracker.query.state;

import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A custom queryable store type (Kafka Streams' "querying local custom state stores") that reads a
 * key-value store's values as stored, without deserializing them. The bytes tell whether a cached answer
 * is still current (same bytes, same answer), so a cache hit costs no Avro decoding at all. It reads the
 * layer under the metered store: the record cache when one is configured, else the store itself, exactly
 * what a typed read would see.
 */
final class RawValues implements QueryableStoreType<RawValues.Reader> {

    /** The copies a query resolved to (one when the query named a partition). Throws InvalidStateStoreException. */
    @FunctionalInterface
    interface Reader {
        List<StateStore> copies();
    }

    static final RawValues TYPE = new RawValues();

    private RawValues() {
    }

    @Override
    public boolean accepts(StateStore store) {
        return store instanceof WrappedStateStore<?, ?, ?> wrapped && wrapped.wrapped() instanceof KeyValueStore<?, ?>;
    }

    @Override
    public Reader create(StateStoreProvider provider, String storeName) {
        // The provider hands back the stores themselves (the type parameter is erased), hence List<?>.
        return () -> {
            List<?> stores = provider.stores(storeName, this);
            return stores.stream().map(StateStore.class::cast).toList();
        };
    }

    /** The stored bytes of {@code key} in one copy; null when absent. */
    @SuppressWarnings("unchecked")
    static byte[] get(StateStore copy, byte[] key) {
        KeyValueStore<Bytes, byte[]> bytes = (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>) copy).wrapped();
        return bytes.get(Bytes.wrap(key));
    }
}

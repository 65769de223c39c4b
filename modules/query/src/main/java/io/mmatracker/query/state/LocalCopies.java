package io.mmatracker.query.state;

import java.util.List;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * A queryable store type (Kafka Streams' "querying local custom state stores") that resolves a store name to the
 * local copies themselves, each a typed {@link ReadOnlyKeyValueStore} (the metered store, which decodes values with
 * the store's serdes, as {@code QueryableStoreTypes.keyValueStore()} reads them). A copy can be kept and read again
 * while it stays open: {@code keyValueStore()}'s handle resolves its copy again on every read, walking every task of
 * every stream thread, which cost as much as the read itself (measured, see the query README).
 *
 * <p>{@link StateStoreProvider} is the parameter type of the public {@link QueryableStoreType#create} that every
 * custom store type implements; it is the only name from Kafka Streams' internals package this module uses, and it
 * calls nothing on it but {@code stores}.
 */
final class LocalCopies implements QueryableStoreType<LocalCopies.Resolver> {

    /** The copies a query resolved to (one when it named a partition). Throws InvalidStateStoreException. */
    @FunctionalInterface
    interface Resolver {
        List<StateStore> copies();
    }

    static final LocalCopies TYPE = new LocalCopies();

    private LocalCopies() {
    }

    @Override
    public boolean accepts(StateStore store) {
        return store instanceof ReadOnlyKeyValueStore<?, ?>;
    }

    @Override
    public Resolver create(StateStoreProvider provider, String storeName) {
        // The provider hands back the stores themselves (the type parameter is erased), hence List<?>.
        return () -> {
            List<?> stores = provider.stores(storeName, this);
            return stores.stream().map(StateStore.class::cast).toList();
        };
    }

    /** One copy read as what it is, a key-value store of the given value type. */
    @SuppressWarnings("unchecked")
    static <V> ReadOnlyKeyValueStore<String, V> typed(StateStore copy) {
        return (ReadOnlyKeyValueStore<String, V>) copy;
    }
}

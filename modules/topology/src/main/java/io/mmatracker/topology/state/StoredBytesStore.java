package io.mmatracker.topology.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A persistent (RocksDB) key-value store that also answers one query of its own, {@link Get}: the stored bytes of a
 * key, with the store's value deserializer to decode them. Everything else is Kafka's
 * {@code Stores.persistentKeyValueStore}. The query API reads GETs this way, so that a read whose bytes equal those
 * an encoded answer was made from needs no decoding (an exact check, cheaper than decoding and comparing the value).
 *
 * <p>Public API only: {@link StateStore#query} is how interactive queries v2 reach a store, and Kafka Streams' metered,
 * change-logging and caching layers hand a query type they do not know to the store they wrap. A cached store's
 * layer would hand it past its record cache, so a read would miss writes not yet flushed: use this supplier only for
 * stores without the record cache (the snapshot stores).
 */
public final class StoredBytesStore implements KeyValueStore<Bytes, byte[]> {

    /** The query of the stored bytes of one key (its bytes as the store's key serde writes them). */
    public record Get(Bytes key) implements Query<Stored> {

        public Get {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * What {@link Get} finds: the bytes stored under the key (null when the key is not there) and the store's value
     * deserializer, so a reader can decode exactly these bytes.
     */
    public record Stored(byte[] bytes, Deserializer<?> values, String storeName) {

        /** The value these bytes hold, decoded as the store decodes them; null when the key is not there. */
        public Object decode() {
            return bytes == null ? null : values.deserialize(storeName, bytes);
        }
    }

    /** A persistent store named {@code name} whose values {@code valueSerde} (the store builder's) decodes. */
    public static KeyValueBytesStoreSupplier supplier(String name, Serde<?> valueSerde) {
        KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return rocks.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new StoredBytesStore(rocks.get(), valueSerde);
            }

            @Override
            public String metricsScope() {
                return rocks.metricsScope();
            }
        };
    }

    private final KeyValueStore<Bytes, byte[]> inner;
    private final Serde<?> valueSerde;
    private volatile Deserializer<?> values;

    private StoredBytesStore(KeyValueStore<Bytes, byte[]> inner, Serde<?> valueSerde) {
        this.inner = inner;
        this.valueSerde = valueSerde;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        if (query instanceof Get get) {
            // the serde as the metered store has configured it by now (it is the same object)
            Deserializer<?> deserializer = values;
            if (deserializer == null) {
                deserializer = valueSerde.deserializer();
                values = deserializer;
            }
            return (QueryResult<R>) QueryResult.forResult(new Stored(inner.get(get.key()), deserializer, name()));
        }
        return inner.query(query, positionBound, config);
    }

    // Everything else is the RocksDB store's.

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    @Override
    public void put(Bytes key, byte[] value) {
        inner.put(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return inner.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(entries);
    }

    @Override
    public byte[] delete(Bytes key) {
        return inner.delete(key);
    }

    @Override
    public byte[] get(Bytes key) {
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }
}

package io.mmatracker.topology.state;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for a store behind Kafka Streams' record cache whose values are read back soon after they are written
 * (the pending summary deltas: a read, merge and write per object): decoding the very byte array it encoded last
 * (the cache keeps the array it was given and hands the same one back) returns the value it was made from instead of
 * decoding it again. Any other array (read from RocksDB, or evicted from this thread's memory) is decoded. So the
 * values of such a store must not be modified once written or read, which holds for the Avro records the topology
 * builds afresh for every write.
 *
 * <p>Each stream thread remembers its own last {@value #REMEMBERED} writes; other threads (interactive queries)
 * decode as usual.
 */
public final class WrittenValues<T> implements Serde<T> {

    /** Writes remembered per thread (the memory is cleared when it is full). */
    static final int REMEMBERED = 256;

    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;
    private final ThreadLocal<Map<byte[], T>> written = ThreadLocal.withInitial(IdentityHashMap::new);

    public WrittenValues(Serde<T> form) {
        Objects.requireNonNull(form, "form");
        Serializer<T> formSerializer = form.serializer();
        Deserializer<T> formDeserializer = form.deserializer();
        this.serializer = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T value) {
                return remember(formSerializer.serialize(topic, value), value);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T value) {
                return remember(formSerializer.serialize(topic, headers, value), value);
            }
        };
        this.deserializer = new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] bytes) {
                T value = recall(bytes);
                return value != null ? value : formDeserializer.deserialize(topic, bytes);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] bytes) {
                T value = recall(bytes);
                return value != null ? value : formDeserializer.deserialize(topic, headers, bytes);
            }
        };
    }

    private byte[] remember(byte[] bytes, T value) {
        if (bytes != null && value != null) {
            Map<byte[], T> memory = written.get();
            if (memory.size() >= REMEMBERED) {
                memory.clear();
            }
            memory.put(bytes, value);
        }
        return bytes;
    }

    private T recall(byte[] bytes) {
        return bytes == null ? null : written.get().get(bytes);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}

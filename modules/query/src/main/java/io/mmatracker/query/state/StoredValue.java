package io.mmatracker.query.state;

import java.util.Objects;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;

/**
 * A value read from a store: decoded already, or its stored bytes with the store's decoding, decoded only when asked
 * (a GET whose bytes equal those its cached answer was made from needs no decoding).
 */
public final class StoredValue {

    private final byte[] bytes;
    private Supplier<SpecificRecord> decode;
    private SpecificRecord value;

    private StoredValue(byte[] bytes, SpecificRecord value, Supplier<SpecificRecord> decode) {
        this.bytes = bytes;
        this.value = value;
        this.decode = decode;
    }

    /** A value read typed (its bytes not known). */
    public static StoredValue of(SpecificRecord value) {
        return new StoredValue(null, Objects.requireNonNull(value, "value"), null);
    }

    /** Stored bytes and how to decode exactly them (as the store decodes them). */
    public static StoredValue ofBytes(byte[] bytes, Supplier<SpecificRecord> decode) {
        return new StoredValue(Objects.requireNonNull(bytes, "bytes"), null, Objects.requireNonNull(decode, "decode"));
    }

    /** The stored bytes, or null when the value was read typed. */
    public byte[] bytes() {
        return bytes;
    }

    /** The value, decoded on the first call when it was read as bytes. Not for concurrent use by several threads. */
    public SpecificRecord value() {
        if (value == null) {
            value = Objects.requireNonNull(decode.get(), "the stored bytes decoded to null");
            decode = null;
        }
        return value;
    }
}

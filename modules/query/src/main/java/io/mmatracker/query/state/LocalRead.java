package io.mmatracker.query.state;

import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;

/** What this instance's own copy of a store says about one key. */
public sealed interface LocalRead {

    /**
     * The key is there; {@code stale} when read from a standby or a copy still restoring.
     *
     * @param raw   the value as stored, when the reader has it: equal bytes mean an equal value (may be null)
     * @param value the value, decoded on demand (at most once); null if the key vanished in between; throws
     *              {@link CopyUnavailableException} if the copy itself went away
     */
    record Hit(byte[] raw, Supplier<SpecificRecord> value, boolean stale) implements LocalRead {

        /** A hit whose value is already decoded. */
        public static Hit of(SpecificRecord value, boolean stale) {
            return new Hit(null, () -> value, stale);
        }
    }

    /** This instance holds the key's partition and the key is not in it. */
    record Miss(boolean stale) implements LocalRead {
    }

    /** This instance holds no usable copy of the key's partition (not assigned here, closed by a rebalance). */
    record NoCopy(String reason) implements LocalRead {
    }
}

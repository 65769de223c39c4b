package io.mmatracker.query.state;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

/** What this instance's own copy of a store says about one key. */
public sealed interface LocalRead {

    /** The key is there, with this value; {@code stale} when read from a standby or a copy still restoring. */
    record Hit(StoredValue stored, boolean stale) implements LocalRead {

        public Hit {
            Objects.requireNonNull(stored, "stored");
        }

        /** A value read typed. */
        public Hit(SpecificRecord value, boolean stale) {
            this(StoredValue.of(value), stale);
        }

        /** The value (decoded now when it was read as stored bytes). */
        public SpecificRecord value() {
            return stored.value();
        }
    }

    /** This instance holds the key's partition and the key is not in it. */
    record Miss(boolean stale) implements LocalRead {
    }

    /** This instance holds no usable copy of the key's partition (not assigned here, closed by a rebalance). */
    record NoCopy(String reason) implements LocalRead {
    }
}

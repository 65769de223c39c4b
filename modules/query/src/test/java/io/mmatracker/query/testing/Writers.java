package io.mmatracker.query.testing;

import io.mmatracker.query.encode.DataWriter;
import io.mmatracker.query.encode.MmaDataWriter;

/** Data writers for tests. */
public final class Writers {

    private Writers() {
    }

    /** The production writer. */
    public static DataWriter mma() {
        return MmaDataWriter.standard();
    }
}

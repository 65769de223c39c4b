package io.mmatracker.query.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.encode.AvroJson;
import io.mmatracker.query.encode.DataWriter;
import io.mmatracker.query.encode.MmaDataWriter;

/** Data writers for tests. */
public final class Writers {

    private Writers() {
    }

    /** Field names as in the Avro schema, no redaction of its own: enough for routing and error tests. */
    public static DataWriter plain() {
        return new MmaDataWriter(new ObjectMapper(), AvroJson::write, source -> source);
    }
}

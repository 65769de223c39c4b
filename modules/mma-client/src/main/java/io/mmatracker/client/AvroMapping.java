package io.mmatracker.client;

import com.fasterxml.jackson.databind.JsonNode;

/** MMA JSON to the generated Avro records. */
final class AvroMapping {

    private AvroMapping() {
    }

    static <T> T read(JsonNode data, Class<T> type) {
        throw new UnsupportedOperationException("MmsJson has not landed on main yet: cannot map " + type.getSimpleName());
    }
}

package io.mmatracker.schema.json;

import com.fasterxml.jackson.databind.JsonNode;

/** Converts one Avro type between its JSON value and its Java value; built once per schema, then reused. */
interface Codec {

    /** @param node a present JSON value, possibly JSON null; throws {@link MappingFailure} if it does not fit */
    Object read(JsonNode node);

    /** @param value a Java value of the Avro type, possibly null */
    JsonNode write(Object value);
}

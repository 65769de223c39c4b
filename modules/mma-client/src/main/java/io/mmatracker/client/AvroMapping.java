package io.mmatracker.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmatracker.schema.json.MmsJson;
import io.mmatracker.schema.json.MmsMappingException;
import org.apache.avro.specific.SpecificRecord;

/** MMA JSON to the generated Avro records, through the project's one mapping ({@link MmsJson}). */
final class AvroMapping {

    private AvroMapping() {
    }

    /**
     * @throws MappingError naming object, field and expected type, but never the value found there: a mismatching
     *                      value may come from a data-source config and be a password
     */
    static <T extends SpecificRecord> T read(JsonNode data, Class<T> type) {
        try {
            return MmsJson.read(data, type);
        } catch (MmsMappingException e) {
            String path = e.path().isEmpty() ? "the object itself" : "field " + e.path();
            throw new MappingError(e.object() + ": " + path + " expects " + e.expected() + " but found "
                    + kindOf(e.found()));
        }
    }

    private static String kindOf(String found) {
        for (String kind : new String[] {"string", "number", "boolean"}) {
            if (found.startsWith(kind + " ")) {
                return "a " + kind;
            }
        }
        return found;
    }

    /** A mapping failure whose message is safe to log. */
    static final class MappingError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MappingError(String message) {
            super(message, null, false, false);
        }
    }
}

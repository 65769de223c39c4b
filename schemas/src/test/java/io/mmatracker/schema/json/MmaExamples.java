package io.mmatracker.schema.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** MMA's documented example responses, as shipped on the classpath. */
final class MmaExamples {

    private MmaExamples() {
    }

    /** The {@code data} object of {@code /mma-examples/<operation>.json}, a fresh copy each time. */
    static ObjectNode data(String operation) {
        return (ObjectNode) response(operation).get("data");
    }

    static ObjectNode response(String operation) {
        try (InputStream in = MmaExamples.class.getResourceAsStream("/mma-examples/" + operation + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no example " + operation + " on the classpath");
            }
            return (ObjectNode) MmsJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

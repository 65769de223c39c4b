package io.mmatracker.query.encode;

import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.json.MmsJson;
import io.mmatracker.schema.json.Redaction;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.topology.state.ObjectHistory;

/**
 * Writes MMA's {@code data} JSON for a stored value with the contract's MMA mapping. A data source is
 * redacted before it is written, and its config items of type password or file are checked once more on
 * the JSON itself, so a secret that somehow reached a topic is never served. An object's history (the
 * tracker's own record) is written by {@link HistoryJson}.
 */
public final class MmaDataWriter implements DataWriter {

    private final ObjectMapper mapper;
    private final Function<SpecificRecord, ObjectNode> mmaJson;
    private final UnaryOperator<MmsDataSource> redact;

    /** The production writer: the contract's {@link MmsJson} mapping and {@link Redaction}. */
    public static MmaDataWriter standard() {
        return new MmaDataWriter(MmsJson.mapper(), MmsJson::write, Redaction::redact);
    }

    /**
     * @param mmaJson the MMA mapping (record to MMA's data object with MMA's field names; also maps the
     *                tracker's own records such as SourceSummary)
     * @param redact  the contract's redaction of data-source config values
     */
    public MmaDataWriter(ObjectMapper mapper, Function<SpecificRecord, ObjectNode> mmaJson, UnaryOperator<MmsDataSource> redact) {
        this.mapper = mapper;
        this.mmaJson = mmaJson;
        this.redact = redact;
    }

    @Override
    public byte[] write(SnapshotStore store, SpecificRecord value, View view) {
        if (view == View.TASK_LOGS && value instanceof TaskSnapshot task) {
            ArrayNode steps = mapper.createArrayNode();
            if (task.getFailedStep() != null) {
                steps.add(mmaJson.apply(task.getFailedStep()));
            }
            return bytes(store, steps);
        }
        SpecificRecord object = store.servedObject(value);
        ObjectNode json;
        if (object instanceof MmsDataSource dataSource) {
            json = mmaJson.apply(redact.apply(dataSource));
            redactSecrets(json);
            if (view == View.WITHOUT_CONFIG) {
                // as MMA answers without withConfig=true: the array is there, empty (the simulator does the same)
                json.putArray("config");
            }
        } else if (object instanceof ObjectHistory history) {
            json = HistoryJson.write(mapper, history);
        } else {
            json = mmaJson.apply(object);
        }
        return bytes(store, json);
    }

    private byte[] bytes(SnapshotStore store, JsonNode json) {
        try {
            return mapper.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + store.objectName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Replaces any remaining value of a password or file config item. */
    static void redactSecrets(ObjectNode dataSource) {
        JsonNode config = dataSource.get("config");
        if (config == null || !config.isArray()) {
            return;
        }
        for (JsonNode item : config) {
            if (item instanceof ObjectNode object && isSecret(object.get("type"))) {
                JsonNode current = object.get("value");
                boolean empty = current == null || current.isNull() || (current.isTextual() && Redaction.MASK.equals(current.asText()));
                if (!empty) {
                    object.put("value", Redaction.MASK);
                }
            }
        }
    }

    private static boolean isSecret(JsonNode type) {
        return type != null && type.isTextual() && Redaction.isSecretConfigType(type.asText());
    }
}

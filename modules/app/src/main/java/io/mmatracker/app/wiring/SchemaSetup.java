package io.mmatracker.app.wiring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmatracker.schema.SourceSummary;
import io.mmatracker.schema.registry.RegisteredSchemas;
import io.mmatracker.schema.registry.RegistryException;
import io.mmatracker.schema.serde.TrackerModel;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;

/**
 * Registry mode at start: every topic's value subject (TopicNameStrategy) gets a compatibility of BACKWARD or
 * stricter and the tracker's schema (or, with auto-register off, is checked to have it), before any role writes.
 * The subjects of the Streams changelogs of contract records are registered too; those of the topology's internal
 * records are registered on their first write.
 */
final class SchemaSetup {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaSetup.class);

    private SchemaSetup() {
    }

    /**
     * @throws IllegalStateException naming the registry when it cannot be reached, or the subject and the field when
     *         it refuses a schema
     */
    static Map<String, Integer> ensure(RegisteredSchemas schemas, Topics topics, String applicationId) {
        Map<String, Class<? extends SpecificRecord>> subjects = new LinkedHashMap<>();
        topics.valueTypes().forEach((topic, type) -> subjects.put(RegisteredSchemas.valueSubject(topic), type));
        subjects.put(RegisteredSchemas.valueSubject(changelog(applicationId, StoreNames.SOURCE_SUMMARIES)), SourceSummary.class);
        Map<String, Integer> ids = new LinkedHashMap<>();
        try {
            subjects.forEach((subject, type) -> ids.put(subject, schemas.ensure(subject, TrackerModel.shared().getSchema(type))));
        } catch (RegistryException.Unreachable e) {
            // one line for the person starting it; the cause is in the debug log
            LOG.debug("Schema registry unreachable at start", e);
            throw new IllegalStateException(e.getMessage(), null);
        }
        LOG.info("Schema registry {}: {} subjects ready ({})", schemas.client().settings().displayUrls(), ids.size(), ids);
        return ids;
    }

    /** Kafka Streams' name of a store's changelog topic. */
    private static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }
}

package io.mmatracker.schema.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema-id cache of one process: the id of each (subject, schema) this process writes and the schema of each
 * id it has read. Once an id is known no call is made again, so a registry that goes down during a run stops
 * nothing that already ran; an id not yet known waits for the registry, retrying with backoff up to
 * {@link RegistrySettings#retryTimeout()}, instead of failing the record.
 */
public final class RegisteredSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(RegisteredSchemas.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final RegistryClient client;
    private final Map<SubjectSchema, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> idBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    /** One lock per subject being registered, so threads of this process register a subject once. */
    private final Map<String, Object> registering = new ConcurrentHashMap<>();

    public RegisteredSchemas(RegistryClient client) {
        this.client = client;
    }

    public RegistryClient client() {
        return client;
    }

    /** The subject of a topic's values under Confluent's default TopicNameStrategy. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /**
     * At start: gives {@code subject} a compatibility level of BACKWARD or stricter, then registers {@code schema}
     * (or, with auto-register off, checks that it is there). Fails at once, without retrying.
     *
     * @throws RegistryException.Unreachable when the registry cannot be reached
     * @throws IllegalStateException naming the subject and the field when the registry refuses the schema, or the
     *         schema is missing with auto-register off
     */
    public int ensure(String subject, Schema schema) {
        Integer known = idBySubjectAndSchema.get(key(subject, schema));
        if (known != null) {
            return known;
        }
        return registerOnce(subject, schema);
    }

    /** The id to write {@code schema} with on {@code subject}, registering it when needed; waits while the registry is down. */
    int idFor(String subject, Schema schema) {
        Integer known = idBySubjectAndSchema.get(key(subject, schema));
        if (known != null) {
            return known;
        }
        Integer sameSchema = idBySchema.get(schema);
        if (sameSchema != null) {
            // ids are global: a consumer resolves it through GET /schemas/ids/{id} whichever subject it came from;
            // the subject's own registration is tried now and, while the registry is down, on later records
            try {
                return registerOnce(subject, schema);
            } catch (RegistryException.Unreachable e) {
                LOG.warn("Cannot register the schema of subject {} yet ({}); writing with its known id {}",
                        subject, e.getMessage(), sameSchema);
                return sameSchema;
            }
        }
        return retrying("register the schema of subject " + subject, () -> registerOnce(subject, schema));
    }

    /** The writer schema of {@code id}; waits while the registry is down. */
    Schema schemaFor(int id) {
        Schema known = schemaById.get(id);
        if (known != null) {
            return known;
        }
        Schema schema = retrying("read schema id " + id, () -> client.schemaById(id));
        schemaById.put(id, schema);
        return schema;
    }

    /**
     * One attempt at {@link #registerOrLookUp}, one caller per subject at a time: the stream threads' tasks of one
     * store write their first records at the same moment, and one registration serves them all.
     */
    private int registerOnce(String subject, Schema schema) {
        synchronized (registering.computeIfAbsent(subject, s -> new Object())) {
            Integer known = idBySubjectAndSchema.get(key(subject, schema));
            if (known != null) {
                return known;
            }
            int id = registerOrLookUp(subject, schema);
            remember(subject, schema, id);
            return id;
        }
    }

    private int registerOrLookUp(String subject, Schema schema) {
        RegistrySettings settings = client.settings();
        if (!settings.autoRegister()) {
            return client.lookup(subject, schema).orElseThrow(() -> new IllegalStateException("subject " + subject
                    + " of schema registry " + settings.displayUrls() + " has no version equal to the tracker's "
                    + schema.getFullName() + ", and " + RegistrySettings.AUTO_REGISTER
                    + " is false: register it there first"));
        }
        requireBackwardOrStricter(subject);
        try {
            return client.register(subject, schema);
        } catch (RegistryException.Incompatible first) {
            // Apicurio also answers 409 ("already exists") to the loser of two first registrations of a subject at
            // once (another instance, or a shared registry's other client): the subject exists now, so a second
            // registration returns the id of an equal schema or is judged on compatibility alone
            LOG.debug("Registering the schema of subject {} again after a 409 ({})", subject, first.getMessage());
            try {
                return client.register(subject, schema);
            } catch (RegistryException.Incompatible e) {
                throw new IllegalStateException(incompatibility(subject, schema, e), e);
            }
        }
    }

    /** Gives {@code subject} the configured level unless it has BACKWARD or a stricter one already. */
    private void requireBackwardOrStricter(String subject) {
        RegistrySettings settings = client.settings();
        for (int attempt = 1; ; attempt++) {
            String level = client.compatibility(subject);
            if (RegistrySettings.BACKWARD_OR_STRICTER.contains(level)) {
                return;
            }
            LOG.info("Setting compatibility of subject {} to {} (was {})", subject, settings.compatibility(), level);
            try {
                client.setCompatibility(subject, settings.compatibility());
                return;
            } catch (RegistryException.Incompatible e) {
                // Apicurio's 409 to the loser of two clients creating a subject's rule at once: read it again
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    /** Names the subject and the fields, from Avro's own check against the subject's newest schema. */
    private String incompatibility(String subject, Schema schema, RegistryException.Incompatible refusal) {
        List<String> fields = new ArrayList<>();
        try {
            client.latest(subject).ifPresent(latest -> {
                for (Incompatibility problem : SchemaCompatibility.checkReaderWriterCompatibility(schema, latest)
                        .getResult().getIncompatibilities()) {
                    fields.add(problem.getLocation() + " (" + problem.getType() + ": " + problem.getMessage() + ")");
                }
            });
        } catch (RegistryException e) {
            // the refusal itself is still reported
        }
        return "schema registry refused the tracker's " + schema.getFullName() + " for subject " + subject
                + " as incompatible" + (fields.isEmpty() ? "" : "; field " + String.join(", ", fields))
                + " [" + refusal.getMessage() + "]";
    }

    private <R> R retrying(String what, Supplier<R> call) {
        long deadline = System.nanoTime() + client.settings().retryTimeout().toNanos();
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (true) {
            try {
                R result = call.get();
                if (attempt > 0) {
                    LOG.info("Schema registry is back: could {} after {} attempts", what, attempt + 1);
                }
                return result;
            } catch (RegistryException.Unreachable e) {
                attempt++;
                if (Thread.currentThread().isInterrupted() || System.nanoTime() + backoff.toNanos() > deadline) {
                    throw e;
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warn("Cannot {} ({}); retrying for up to {}", what, e.getMessage(),
                            client.settings().retryTimeout());
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void remember(String subject, Schema schema, int id) {
        idBySubjectAndSchema.put(key(subject, schema), id);
        idBySchema.putIfAbsent(schema, id);
        schemaById.putIfAbsent(id, schema);
    }

    // Avro caches a schema's hash code, and the serdes pass the same instance every time
    private static SubjectSchema key(String subject, Schema schema) {
        return new SubjectSchema(subject, schema);
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}

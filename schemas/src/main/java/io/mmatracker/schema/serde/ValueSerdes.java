package io.mmatracker.schema.serde;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import io.mmatracker.schema.registry.RegisteredSchemas;
import io.mmatracker.schema.registry.RegistryAvroSerde;
import io.mmatracker.schema.registry.RegistryClient;
import io.mmatracker.schema.registry.RegistrySettings;

/**
 * The one factory of every value serde of a process (topics, Streams stores and their changelogs), so how values
 * are encoded is a property of the configuration, not of each call site:
 * <ul>
 *   <li>default: {@link AvroSerde}, Avro single-object encoding, no registry;</li>
 *   <li>{@value RegistrySettings#URL} set: registry mode, {@link RegistryAvroSerde} in Confluent's wire format,
 *       all serdes of this factory sharing one schema-id cache;</li>
 *   <li>{@value #VALUE_SERDE_CLASS_CONFIG} set: that class, for example Confluent's {@code SpecificAvroSerde}.</li>
 * </ul>
 */
public final class ValueSerdes {

    /** The configuration key naming the serde class. */
    public static final String VALUE_SERDE_CLASS_CONFIG = "value.serde.class";

    private final Map<String, ?> config;
    private final Class<?> serdeClass;
    private final RegisteredSchemas registry;

    private ValueSerdes(Map<String, ?> config, Class<?> serdeClass, RegisteredSchemas registry) {
        this.config = config;
        this.serdeClass = serdeClass;
        this.registry = registry;
    }

    /** The default: single-object encoding, no registry. */
    public static ValueSerdes defaults() {
        return new ValueSerdes(Map.of(), null, null);
    }

    /**
     * The factory for a configuration (keys as Confluent's serdes name them, e.g. {@value RegistrySettings#URL},
     * {@value RegistrySettings#USER_INFO}). Opens no connection.
     *
     * @throws IllegalArgumentException naming the key when a setting is invalid or the serde class unusable
     */
    public static ValueSerdes from(Map<String, ?> config) {
        Objects.requireNonNull(config, "config");
        Object configured = config.get(VALUE_SERDE_CLASS_CONFIG);
        Class<?> serdeClass = configured == null || configured.toString().isBlank() ? null : serdeClass(configured);
        RegisteredSchemas registry = null;
        if ((serdeClass == null || serdeClass == RegistryAvroSerde.class) && RegistrySettings.isConfigured(config)) {
            registry = new RegisteredSchemas(new RegistryClient(RegistrySettings.from(config)));
            serdeClass = null;
        }
        return new ValueSerdes(Collections.unmodifiableMap(new LinkedHashMap<>(config)), serdeClass, registry);
    }

    /**
     * The value serde for records of {@code type} named by {@value #VALUE_SERDE_CLASS_CONFIG}; a shortcut for
     * {@code from(config).forType(type)}.
     */
    public static <T extends SpecificRecord> Serde<T> forType(Class<T> type, Map<String, ?> config) {
        return from(config).forType(type);
    }

    /** The registry mode's schema-id cache, when a registry is configured (for registering at start). */
    public Optional<RegisteredSchemas> registry() {
        return Optional.ofNullable(registry);
    }

    /**
     * The value serde for a contract record ({@code io.mmatracker.schema}). A class named by
     * {@value #VALUE_SERDE_CLASS_CONFIG} either has a public constructor taking the record class, or is a Kafka
     * {@link Serde} with a public no-argument constructor; either way it is then configured with
     * {@code configure(config, false)}, which is how a registry serde receives {@code schema.registry.url}.
     *
     * @throws IllegalArgumentException naming the key and the class when it cannot be created or configured
     */
    public <T extends SpecificRecord> Serde<T> forType(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (registry != null) {
            return new RegistryAvroSerde<>(type, TrackerModel.shared(), SchemaHistory.builtIn(), registry);
        }
        if (serdeClass == null) {
            return new AvroSerde<>(type);
        }
        Serde<T> serde = instantiate(serdeClass, type);
        try {
            serde.configure(config, false);
        } catch (RuntimeException e) {
            throw invalid(serdeClass.getName(), "failed to configure: " + e.getMessage(), e);
        }
        return serde;
    }

    /**
     * The value serde for records generated outside the contract (such as the topology's own state records), whose
     * {@code model} may load their classes: in registry mode a {@link RegistryAvroSerde} over that model, otherwise
     * single-object encoding (a foreign serde class does not know that model).
     */
    public <T extends SpecificRecord> Serde<T> forModel(Class<T> type, SpecificData model) {
        Objects.requireNonNull(type, "type");
        if (registry != null) {
            return new RegistryAvroSerde<>(type, model, null, registry);
        }
        return new AvroSerde<>(type, model, null);
    }

    private static Class<?> serdeClass(Object configured) {
        Class<?> serdeClass;
        if (configured instanceof Class<?> given) {
            serdeClass = given;
        } else {
            String name = configured.toString().trim();
            try {
                serdeClass = Class.forName(name, true, classLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw invalid(name, "cannot be loaded (" + e + ")", e);
            }
        }
        if (!Serde.class.isAssignableFrom(serdeClass)) {
            throw invalid(serdeClass.getName(), "is not a " + Serde.class.getName(), null);
        }
        return serdeClass;
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> Serde<T> instantiate(Class<?> serdeClass, Class<T> type) {
        try {
            Constructor<?> typed = findConstructor(serdeClass, Class.class);
            if (typed != null) {
                return (Serde<T>) typed.newInstance(type);
            }
            Constructor<?> plain = findConstructor(serdeClass);
            if (plain != null) {
                return (Serde<T>) plain.newInstance();
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw invalid(serdeClass.getName(), "failed to start: " + cause, cause);
        } catch (InstantiationException | IllegalAccessException e) {
            throw invalid(serdeClass.getName(), "cannot be created: " + e, e);
        }
        throw invalid(serdeClass.getName(),
                "has neither a public constructor taking the record class nor a public no-argument constructor", null);
    }

    private static Constructor<?> findConstructor(Class<?> serdeClass, Class<?>... parameters) {
        try {
            return serdeClass.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ValueSerdes.class.getClassLoader();
    }

    private static IllegalArgumentException invalid(String className, String problem, Throwable cause) {
        return new IllegalArgumentException(
                VALUE_SERDE_CLASS_CONFIG + "=" + className + ": the class " + problem, cause);
    }
}

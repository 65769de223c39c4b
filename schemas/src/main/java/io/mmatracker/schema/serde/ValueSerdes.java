package io.mmatracker.schema.serde;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Chooses the value serde of every topic from configuration, so that a deployment with a schema registry can
 * plug in, for example, Confluent's {@code SpecificAvroSerde} without code changes. The default is
 * {@link AvroSerde}.
 */
public final class ValueSerdes {

    /** The configuration key naming the serde class. */
    public static final String VALUE_SERDE_CLASS_CONFIG = "value.serde.class";

    private ValueSerdes() {
    }

    /**
     * The value serde for records of {@code type}. The class named by {@value #VALUE_SERDE_CLASS_CONFIG} (a class
     * name or a {@link Class}) either has a public constructor taking the record class, or is a Kafka
     * {@link Serde} with a public no-argument constructor; either way it is then configured with
     * {@code configure(config, false)}, which is how a registry serde receives {@code schema.registry.url}.
     *
     * @throws IllegalArgumentException naming the key and the class when it cannot be loaded, is not a
     *         {@link Serde}, has neither constructor, or fails to start
     */
    public static <T extends SpecificRecord> Serde<T> forType(Class<T> type, Map<String, ?> config) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        Object configured = config.get(VALUE_SERDE_CLASS_CONFIG);
        if (configured == null || configured.toString().isBlank()) {
            return new AvroSerde<>(type);
        }
        Class<?> serdeClass = serdeClass(configured);
        Serde<T> serde = instantiate(serdeClass, type);
        try {
            serde.configure(config, false);
        } catch (RuntimeException e) {
            throw invalid(serdeClass.getName(), "failed to configure: " + e.getMessage(), e);
        }
        return serde;
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

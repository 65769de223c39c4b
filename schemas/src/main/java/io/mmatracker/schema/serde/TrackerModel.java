package io.mmatracker.schema.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * The Avro data model of the tracker's generated records, and the one answer to Avro 1.12's class trust. Since Avro
 * 1.12.1, {@link SpecificData} refuses to load a class by name unless it is trusted, which breaks decoding,
 * {@code newBuilder(other)} and {@code deepCopy} of every record that nests another. One rule decides what is
 * trusted ({@link #isGeneratedClass}: an {@code @AvroGenerated} record or enum under {@value #TRUSTED_ROOT}, the
 * contract's records and the topology's state records alike), applied in two places: this model loads such classes
 * itself, so every serde and copy of ours works without any process-wide setting, and
 * {@link #trustGeneratedClassesGlobally} extends the same rule to Avro's default models for code that is not ours
 * (the generated copy builders, a serde chosen by class name). See schemas/README.md, "Avro 1.12 and class trust".
 */
public final class TrackerModel extends SpecificData {

    /** The package of the classes generated from {@code schemas/src/main/avro}. */
    public static final String GENERATED_PACKAGE = "io.mmatracker.schema";

    /** Generated classes in this package or below are trusted (the topology's state records are in another). */
    public static final String TRUSTED_ROOT = "io.mmatracker";

    private static final TrackerModel SHARED = new TrackerModel();

    private final ConcurrentMap<String, Class<?>> generatedClasses = new ConcurrentHashMap<>();

    public TrackerModel() {
        super(TrackerModel.class.getClassLoader());
        addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        // The generated encode/decode methods of records without logical types (the MMA objects): several times
        // faster than Avro's reflective field walk, and still schema-resolving (readFieldOrderIfDiff).
        setCustomCoders(true);
    }

    /** One shared instance for every generated package; it holds nothing but caches of immutable class lookups. */
    public static TrackerModel shared() {
        return SHARED;
    }

    /** A deep copy of a generated record, nested records included. */
    public static <T extends SpecificRecord> T copy(T record) {
        return SHARED.deepCopy(record.getSchema(), record);
    }

    @Override
    public Class<?> getClass(Schema schema) {
        if (isGeneratedType(schema)) {
            return generatedClasses.computeIfAbsent(schema.getFullName(), this::loadGenerated);
        }
        return super.getClass(schema);
    }

    /**
     * Lets Avro's default models (generated builders' copy constructors, {@code SpecificData.get()}, serdes of
     * other libraries) load the generated classes too, in this whole JVM. Called once at start-up by the app's
     * {@code Main} and, for every test JVM, by testkit's {@code AvroTrust}; it adds trust in the generated classes to
     * whatever was trusted before.
     */
    public static synchronized void trustGeneratedClassesGlobally() {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!(current instanceof GeneratedClassTrust)) {
            ClassSecurityValidator.setGlobal(new GeneratedClassTrust(current));
        }
    }

    /** Whether a class is one of the tracker's generated records or enums. */
    public static boolean isGeneratedClass(Class<?> type) {
        return isTrustedName(type.getPackageName())
                && type.isAnnotationPresent(AvroGenerated.class)
                && (SpecificRecord.class.isAssignableFrom(type) || type.isEnum());
    }

    private static boolean isGeneratedType(Schema schema) {
        return (schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM)
                && schema.getNamespace() != null && isTrustedName(schema.getNamespace());
    }

    private static boolean isTrustedName(String packageName) {
        return packageName.equals(TRUSTED_ROOT) || packageName.startsWith(TRUSTED_ROOT + ".");
    }

    private Class<?> loadGenerated(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, getClassLoader());
        } catch (ClassNotFoundException e) {
            // like SpecificData: no class means the record is read as a generic one
            return null;
        }
        if (!isGeneratedClass(type)) {
            throw new SecurityException(name + " is not a generated Avro class of " + TRUSTED_ROOT);
        }
        return type;
    }

    private record GeneratedClassTrust(ClassSecurityPredicate previous) implements ClassSecurityPredicate {
        @Override
        public boolean isTrusted(Class<?> type) {
            return previous.isTrusted(type) || isGeneratedClass(type);
        }

        @Override
        public void forbiddenClass(String className) {
            previous.forbiddenClass(className);
        }
    }
}

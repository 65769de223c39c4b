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
 * The Avro data model of the tracker's generated records. Since Avro 1.12.1, {@link SpecificData} refuses to load
 * a class by name unless it is trusted, which breaks decoding, {@code newBuilder(other)} and {@code deepCopy} of
 * every record that nests another. This model loads exactly the generated classes of package
 * {@value #GENERATED_PACKAGE} itself, without touching Avro's process-wide trust settings.
 */
public final class TrackerModel extends SpecificData {

    /** The package of the classes generated from {@code schemas/src/main/avro}. */
    public static final String GENERATED_PACKAGE = "io.mmatracker.schema";

    private static final TrackerModel SHARED = new TrackerModel();

    private final ConcurrentMap<String, Class<?>> generatedClasses = new ConcurrentHashMap<>();

    public TrackerModel() {
        super(TrackerModel.class.getClassLoader());
        addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        // The generated encode/decode methods of records without logical types (the MMA objects): several times
        // faster than Avro's reflective field walk, and still schema-resolving (readFieldOrderIfDiff).
        setCustomCoders(true);
    }

    /** One shared instance; it holds nothing but caches of immutable class lookups. */
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
     * other libraries) load the generated classes too, in this whole JVM. Call it once at start-up where such code
     * runs; it adds trust in {@value #GENERATED_PACKAGE}'s generated classes to whatever was trusted before.
     */
    public static synchronized void trustGeneratedClassesGlobally() {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!(current instanceof GeneratedClassTrust)) {
            ClassSecurityValidator.setGlobal(new GeneratedClassTrust(current));
        }
    }

    /** Whether a class is one of the tracker's generated records or enums. */
    public static boolean isGeneratedClass(Class<?> type) {
        return type.getPackageName().equals(GENERATED_PACKAGE)
                && type.isAnnotationPresent(AvroGenerated.class)
                && (SpecificRecord.class.isAssignableFrom(type) || type.isEnum());
    }

    private static boolean isGeneratedType(Schema schema) {
        return (schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM)
                && GENERATED_PACKAGE.equals(schema.getNamespace());
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
            throw new SecurityException(name + " is not a generated Avro class of " + GENERATED_PACKAGE);
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

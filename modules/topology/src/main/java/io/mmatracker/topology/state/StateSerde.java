package io.mmatracker.topology.state;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.serde.AvroSerde;

/**
 * Serde of the topology's own state records (generated from {@code modules/topology/src/main/avro}): Avro
 * single-object encoding, like the contract types. Its data model loads the generated classes of this package
 * itself, because Avro 1.12 refuses to load untrusted classes by name and we do not change Avro's process-wide
 * trust settings. A tombstone stays null both ways.
 */
public final class StateSerde<T extends SpecificRecord> extends AvroSerde<T> {

    private static final String PACKAGE = StateSerde.class.getPackageName();
    private static final SpecificData MODEL = new StateModel();

    public StateSerde(Class<T> type) {
        super(requireStateRecord(type), MODEL, null);
    }

    /** The data model of the state records, for serdes of other encodings (the registry mode's). */
    public static SpecificData model() {
        return MODEL;
    }

    /** {@code type}, if it is a state record of this package. */
    public static <T> Class<T> requireStateRecord(Class<T> type) {
        if (!type.getPackageName().equals(PACKAGE)) {
            throw new IllegalArgumentException(type.getName() + " is not a state record of " + PACKAGE);
        }
        return type;
    }

    /** Loads the generated records of this package and nothing else by name. */
    private static final class StateModel extends SpecificData {

        StateModel() {
            super(StateSerde.class.getClassLoader());
            // generated encode/decode methods, as in the contract's model (TrackerModel)
            setCustomCoders(true);
        }

        @Override
        public Class<?> getClass(Schema schema) {
            if (schema.getType() == Schema.Type.RECORD && PACKAGE.equals(schema.getNamespace())) {
                try {
                    Class<?> type = Class.forName(schema.getFullName(), false, getClassLoader());
                    if (SpecificRecord.class.isAssignableFrom(type)) {
                        return type;
                    }
                } catch (ClassNotFoundException e) {
                    // read as a generic record, like SpecificData does
                    return null;
                }
            }
            return super.getClass(schema);
        }
    }
}

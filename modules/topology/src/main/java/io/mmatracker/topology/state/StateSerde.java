package io.mmatracker.topology.state;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.serde.TrackerModel;

/**
 * Serde of the topology's own state records (generated from {@code modules/topology/src/main/avro}): Avro
 * single-object encoding, like the contract types, with the contract's data model ({@link TrackerModel}, which
 * loads every generated class of the tracker itself: Avro 1.12's class trust). A tombstone stays null both ways.
 */
public final class StateSerde<T extends SpecificRecord> extends AvroSerde<T> {

    private static final String PACKAGE = StateSerde.class.getPackageName();
    private static final SpecificData MODEL = TrackerModel.shared();

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
}

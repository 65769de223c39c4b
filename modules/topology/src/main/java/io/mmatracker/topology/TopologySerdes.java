package io.mmatracker.topology;

import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.topology.state.StateSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of every store, changelog, repartition and output topic of the topology, all from one
 * {@link ValueSerdes} factory: how values are encoded (single-object encoding by default, Confluent's wire format
 * in registry mode, a configured serde class) is a property of that factory, so a new store gets it by asking
 * here. Contract types (snapshots, events, alerts, summaries) use {@link #contract}; the topology's own state
 * records use {@link #internal}, over the data model that may load their classes.
 */
final class TopologySerdes {

    private final ValueSerdes factory;

    TopologySerdes(ValueSerdes factory) {
        this.factory = factory;
    }

    <T extends SpecificRecord> Serde<T> contract(Class<T> type) {
        return factory.forType(type);
    }

    /** A state record of {@code io.mmatracker.topology.state}; single-object encoded unless in registry mode. */
    <T extends SpecificRecord> Serde<T> internal(Class<T> type) {
        return factory.forModel(StateSerde.requireStateRecord(type), StateSerde.model());
    }
}

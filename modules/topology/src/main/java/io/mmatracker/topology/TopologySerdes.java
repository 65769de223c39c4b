package io.mmatracker.topology;

import java.util.Map;

import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.topology.state.StateSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the topology. Contract types (snapshots, events, alerts, summaries) use the serde chosen
 * by configuration ({@link ValueSerdes}, default Avro single-object encoding); the topology's internal state
 * always uses Avro single-object encoding, because nothing outside this module reads it.
 */
final class TopologySerdes {

    private final Map<String, ?> config;

    TopologySerdes(Map<String, ?> config) {
        this.config = config;
    }

    <T extends SpecificRecord> Serde<T> contract(Class<T> type) {
        return ValueSerdes.forType(type, config);
    }

    static <T extends SpecificRecord> Serde<T> internal(Class<T> type) {
        return new StateSerde<>(type);
    }
}

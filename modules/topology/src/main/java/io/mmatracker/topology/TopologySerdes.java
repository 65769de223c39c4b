package io.mmatracker.topology;

import java.util.Map;

import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.topology.state.StateSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the topology. Contract types (snapshots, events, alerts, summaries) go through the
 * configured value serde; the topology's internal state types always use Avro single-object encoding, because
 * nothing outside this module reads them.
 */
final class TopologySerdes {

    private final Map<String, ?> config;

    TopologySerdes(Map<String, ?> config) {
        this.config = config;
    }

    <T extends SpecificRecord> Serde<T> contract(Class<T> type) {
        var serde = new AvroSerde<>(type);
        serde.configure(config, false);
        return serde;
    }

    static <T extends SpecificRecord> Serde<T> internal(Class<T> type) {
        return new StateSerde<>(type);
    }
}

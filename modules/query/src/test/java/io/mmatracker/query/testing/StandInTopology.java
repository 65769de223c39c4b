package io.mmatracker.query.testing;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.topic.Topics;

/** The snapshot stores the query API reads, each a table of its snapshot topic: enough to test the API over Kafka. */
public final class StandInTopology {

    private StandInTopology() {
    }

    public static Topology build(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        for (SnapshotStore store : SnapshotStore.values()) {
            if (store.sourceTopic(topics) != null) {
                table(builder, store.sourceTopic(topics), store);
            }
        }
        return builder.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void table(StreamsBuilder builder, String topic, SnapshotStore store) {
        Serde<SpecificRecord> values = (Serde<SpecificRecord>) (Serde) new AvroSerde(store.valueType());
        builder.table(topic, Consumed.with(Serdes.String(), values),
                Materialized.<String, SpecificRecord, KeyValueStore<Bytes, byte[]>>as(store.storeName())
                        .withKeySerde(Serdes.String()).withValueSerde(values));
    }
}

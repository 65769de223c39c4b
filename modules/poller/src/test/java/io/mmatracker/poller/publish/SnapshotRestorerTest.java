package io.mmatracker.poller.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mmatracker.testkit.MutableClock;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.ObjectRef;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.schema.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class SnapshotRestorerTest {

    private final Topics topics = Topics.defaults();
    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private final List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();

    private static MmsJob job(long id, String status) {
        return MmsJob.newBuilder().setId(id).setSourceId(1L).setStatus(status).build();
    }

    private void add(ObjectKind kind, String key, SpecificRecord data) {
        String topic = KindCatalog.of(kind).topic(topics);
        TopicPartition partition = new TopicPartition(topic, 0);
        long offset = ends.merge(partition, 1L, Long::sum) - 1;
        byte[] value = null;
        if (data != null) {
            @SuppressWarnings("unchecked")
            Serializer<SpecificRecord> serializer = (Serializer<SpecificRecord>) ValueSerdes.defaults().forType(KindCatalog.of(kind).snapshotType()).serializer();
            value = serializer.serialize(topic, KindCatalog.of(kind).wrapData(new SnapshotMeta(Instant.EPOCH, "e", null, "p"), data));
        }
        records.add(new ConsumerRecord<>(topic, 0, offset, key, value));
    }

    @Test
    void restoresTheLatestLiveRecordOfEachObjectOfTheWantedSources() {
        add(ObjectKind.JOB, "1/10", job(10, "DOING"));
        add(ObjectKind.JOB, "1/10", job(10, "DONE"));
        add(ObjectKind.JOB, "1/11", job(11, "DOING"));
        add(ObjectKind.JOB, "1/11", null);
        add(ObjectKind.JOB, "2/5", job(5, "DOING"));
        add(ObjectKind.DATA_SOURCE, "1", MmsDataSource.newBuilder().setId(1L).setName("demo").build());
        add(ObjectKind.JOB, "not-a-key", job(1, "DONE"));
        for (String topic : topics.snapshotTopics()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, Node.noNode(), null, null)));
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            ends.putIfAbsent(partition, 0L);
        }
        consumer.updateEndOffsets(ends);
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        Map<ObjectRef, SpecificRecord> restored = new HashMap<>();

        // as the poller keeps them: the last record of each object wins, a tombstone forgets it
        int count = new SnapshotRestorer(() -> consumer, topics, clock).restore(sourceId -> sourceId == 1,
                (ref, snapshot) -> {
                    if (snapshot == null) {
                        restored.remove(ref);
                    } else {
                        restored.put(ref, snapshot);
                    }
                }, Duration.ofSeconds(5));

        assertThat(count).as("the records of source 1, tombstone included").isEqualTo(5);
        assertThat(restored).containsOnlyKeys(new ObjectRef(ObjectKind.JOB, 1, 10), ObjectRef.dataSource(1));
        assertThat(((JobSnapshot) restored.get(new ObjectRef(ObjectKind.JOB, 1, 10))).getJob().getStatus()).isEqualTo("DONE");
    }

    @Test
    void restoresNothingFromEmptyOrMissingTopics() {
        Map<ObjectRef, SpecificRecord> restored = new HashMap<>();

        int count = new SnapshotRestorer(() -> consumer, topics, clock)
                .restore(sourceId -> true, restored::put, Duration.ofSeconds(5));

        assertThat(count).isZero();
        assertThat(restored).isEmpty();
    }
}

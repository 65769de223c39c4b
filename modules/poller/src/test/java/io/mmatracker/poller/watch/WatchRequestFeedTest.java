package io.mmatracker.poller.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mmatracker.schema.WatchRequest;
import io.mmatracker.schema.serde.AvroSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WatchRequestFeedTest {

    private static final String TOPIC = "mma.watch-requests";

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final AsyncTaskWatches watches = new AsyncTaskWatches();
    private long offset;

    private ConsumerRecord<String, byte[]> request(long sourceId, long taskId) {
        byte[] value = new AvroSerde<>(WatchRequest.class).serializer().serialize(TOPIC,
                new WatchRequest(sourceId, taskId, Instant.EPOCH, "test", "created a job"));
        return new ConsumerRecord<>(TOPIC, 0, offset++, sourceId + "/" + taskId, value);
    }

    @Test
    void followsRequestsFromTheBeginningAndLetsTombstonesWithdrawThem() {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), null, null)));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(request(1, 100));
            consumer.addRecord(request(1, 101));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++, "1/102", new byte[] {1, 2, 3}));
            consumer.addRecord(request(2, 200));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++, "1/100", null));
        });

        try (WatchRequestFeed feed = new WatchRequestFeed(consumer, TOPIC, watches)) {
            feed.poll(Duration.ofMillis(10));
        }

        assertThat(watches.of(1)).containsExactly(101L);
        assertThat(watches.of(2)).containsExactly(200L);
        assertThat(watches.of(3)).isEmpty();
    }

    @Test
    void waitsForTheTopicToExist() {
        try (WatchRequestFeed feed = new WatchRequestFeed(consumer, TOPIC, watches)) {
            feed.poll(Duration.ofMillis(10));
        }
        assertThat(consumer.assignment()).isEmpty();
    }
}

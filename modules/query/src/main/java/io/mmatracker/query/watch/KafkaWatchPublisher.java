package io.mmatracker.query.watch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.mmatracker.schema.WatchRequest;
import io.mmatracker.schema.topic.Keys;

/**
 * Publishes watch requests to the watch-requests topic, keyed {@code sourceId/asyncTaskId} so the topic
 * compacts to one request per task. {@code send} may block while it fetches metadata (up to the
 * producer's {@code max.block.ms}), so callers invoke this off the I/O threads.
 */
public final class KafkaWatchPublisher implements WatchPublisher, AutoCloseable {

    private final Producer<String, WatchRequest> producer;
    private final String topic;

    /** @param producer owned by this publisher from now on (closed with it) */
    public KafkaWatchPublisher(Producer<String, WatchRequest> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public CompletionStage<Void> publish(WatchRequest request) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        String key = Keys.object(request.getSourceId(), request.getAsyncTaskId());
        try {
            producer.send(new ProducerRecord<>(topic, key, request), (metadata, failure) -> {
                if (failure == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}

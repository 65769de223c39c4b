package io.mmatracker.query.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.mmatracker.schema.ObjectKind;

class EventHubTest {

    private final EventHub hub = new EventHub(5);

    @Test
    void aSubscriberResumesAfterABufferedId() {
        publish("t", 0, 1, 2, 3);
        List<EventId> got = subscribeAfter(new EventId("t", 0, 1));
        assertThat(got).containsExactly(new EventId("t", 0, 2), new EventId("t", 0, 3));
    }

    @Test
    void anIdOlderThanTheBufferReplaysEverythingBufferedRatherThanLosingEvents() {
        publish("t", 0, 10, 11, 12, 13, 14, 15, 16);
        List<EventId> got = subscribeAfter(new EventId("t", 0, 3));
        assertThat(got).extracting(EventId::offset).containsExactly(12L, 13L, 14L, 15L, 16L);
    }

    @Test
    void anIdNotBufferedResumesAtTheNextOffsetOfItsPartition() {
        publish("t", 0, 10, 12);
        publish("t", 1, 5);
        publish("t", 0, 14);
        List<EventId> got = subscribeAfter(new EventId("t", 0, 11));
        assertThat(got).containsExactly(new EventId("t", 0, 12), new EventId("t", 1, 5), new EventId("t", 0, 14));
    }

    @Test
    void aSinkThatRefusesIsUnsubscribed() {
        hub.subscribe(EventFilter.all(), Optional.empty(), event -> false);
        publish("t", 0, 1);
        assertThat(hub.subscriberCount()).isZero();
        assertThat(hub.droppedCount()).isEqualTo(1);
    }

    @Test
    void anEventIsEncodedOnlyWhenASubscriberTakesItAndThenOnceForAll() {
        AtomicInteger encodings = new AtomicInteger();
        FeedEvent unread = new FeedEvent(new EventId("t", 0, 1), FeedEvent.STATUS_CHANGE, ObjectKind.JOB, 1, 1L,
                () -> "{\"n\":" + encodings.incrementAndGet() + "}");
        hub.publish(unread);
        assertThat(encodings).hasValue(0);

        List<String> got = new ArrayList<>();
        hub.subscribe(EventFilter.all(), Optional.empty(), event -> got.add(event.json()));
        hub.subscribe(EventFilter.all(), Optional.empty(), event -> got.add(event.json()));
        hub.publish(new FeedEvent(new EventId("t", 0, 2), FeedEvent.STATUS_CHANGE, ObjectKind.JOB, 1, 1L,
                () -> "{\"n\":" + encodings.incrementAndGet() + "}"));
        assertThat(got).containsExactly("{\"n\":1}", "{\"n\":1}");
        assertThat(encodings).hasValue(1);
    }

    @Test
    void anEventIsDecodedOnlyWhenLookedAtAndAnUnreadableOneIsNeverSent() {
        AtomicInteger decodings = new AtomicInteger();
        hub.publish(FeedEvent.decodedOnUse(new EventId("t", 0, 1), FeedEvent.STATUS_CHANGE, () -> {
            decodings.incrementAndGet();
            return new FeedEvent.Content(ObjectKind.JOB, 1, 7L, () -> "{\"job\":7}");
        }));
        hub.publish(FeedEvent.decodedOnUse(new EventId("t", 0, 2), FeedEvent.STATUS_CHANGE, () -> {
            decodings.incrementAndGet();
            return null;   // undecodable
        }));
        assertThat(decodings).hasValue(0);

        List<String> got = new ArrayList<>();
        hub.subscribeAfterNewest(EventFilter.all(), 10, event -> got.add(event.json()));
        hub.subscribeAfterNewest(EventFilter.all(), 10, event -> got.add(event.json()));
        assertThat(got).containsExactly("{\"job\":7}", "{\"job\":7}");
        assertThat(decodings).hasValue(2);   // each once, for both subscribers
        assertThat(hub.subscriberCount()).isEqualTo(2);
    }

    private List<EventId> subscribeAfter(EventId id) {
        List<EventId> got = new ArrayList<>();
        hub.subscribe(EventFilter.all(), Optional.of(id), event -> got.add(event.id()));
        return got;
    }

    private void publish(String topic, int partition, long... offsets) {
        for (long offset : offsets) {
            hub.publish(new FeedEvent(new EventId(topic, partition, offset), FeedEvent.STATUS_CHANGE, ObjectKind.JOB, 1, 1L, "{}"));
        }
    }
}

package io.mmatracker.query.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fans events out to subscribers and keeps the most recent ones so that a reconnecting client resumes
 * after its {@code Last-Event-ID}. Publishing and subscribing share one lock, so a new subscriber gets its
 * replay and then every live event, with no gap and no repeat. Sinks must not block: they queue.
 *
 * <p>Resuming is exact when the id is still in this instance's buffer. Events of different partitions are
 * kept in the order this instance consumed them; a client that reconnects to another instance resumes
 * after the same event in that instance's order, which may repeat or skip a few events of other
 * partitions that arrived at about the same time.
 */
public final class EventHub {

    /** Receives events; returns false when it can take no more (a slow or gone client), ending its subscription. */
    @FunctionalInterface
    public interface Sink {
        boolean offer(FeedEvent event);
    }

    /** An open subscription; closing it stops delivery. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private record Subscriber(EventFilter filter, Sink sink) {
    }

    private final int capacity;
    private final ArrayDeque<FeedEvent> recent;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public EventHub(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    public synchronized void publish(FeedEvent event) {
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(event);
        published.increment();
        for (Subscriber subscriber : subscribers) {
            deliver(subscriber, event);
        }
    }

    /**
     * Subscribes; with {@code resumeAfter}, first replays the buffered events after that one (see the class
     * comment for what "after" means when the id is no longer buffered).
     */
    public synchronized Subscription subscribe(EventFilter filter, Optional<EventId> resumeAfter, Sink sink) {
        return start(filter, resumeAfter.map(this::replayAfter).orElse(List.of()), sink);
    }

    /**
     * Subscribes after replaying the newest {@code newest} buffered events that match the filter (a new client that
     * wants the recent past as well, such as the dashboard).
     */
    public synchronized Subscription subscribeAfterNewest(EventFilter filter, int newest, Sink sink) {
        ArrayDeque<FeedEvent> matching = new ArrayDeque<>(Math.min(newest, 1024));
        for (Iterator<FeedEvent> it = recent.descendingIterator(); it.hasNext() && matching.size() < newest; ) {
            FeedEvent event = it.next();
            if (filter.matches(event)) {
                matching.addFirst(event);
            }
        }
        return start(filter, List.copyOf(matching), sink);
    }

    private Subscription start(EventFilter filter, List<FeedEvent> replay, Sink sink) {
        Subscriber subscriber = new Subscriber(filter, sink);
        boolean open = true;
        for (FeedEvent event : replay) {
            if (filter.matches(event) && !sink.offer(event)) {
                open = false;
                break;
            }
        }
        if (open) {
            subscribers.add(subscriber);
        }
        return () -> subscribers.remove(subscriber);
    }

    private List<FeedEvent> replayAfter(EventId id) {
        List<FeedEvent> buffered = new ArrayList<>(recent);
        int start = -1;
        for (int i = buffered.size() - 1; i >= 0; i--) {
            if (buffered.get(i).id().equals(id)) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            start = positionInPartition(buffered, id);
        }
        return buffered.subList(start, buffered.size());
    }

    /**
     * Where to resume for an id that is not buffered: after the buffered events of its partition up to its
     * offset; from the start of the buffer when it predates everything buffered of its partition (replaying
     * too much rather than losing events).
     */
    private static int positionInPartition(List<FeedEvent> buffered, EventId id) {
        int lastSeen = -1;
        for (int i = 0; i < buffered.size(); i++) {
            EventId candidate = buffered.get(i).id();
            if (candidate.topic().equals(id.topic()) && candidate.partition() == id.partition()) {
                if (candidate.offset() <= id.offset()) {
                    lastSeen = i;
                } else {
                    return lastSeen < 0 ? 0 : i;
                }
            }
        }
        return lastSeen < 0 ? 0 : lastSeen + 1;
    }

    private void deliver(Subscriber subscriber, FeedEvent event) {
        if (subscriber.filter().matches(event) && !subscriber.sink().offer(event)) {
            subscribers.remove(subscriber);
            dropped.increment();
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public long publishedCount() {
        return published.sum();
    }

    public long droppedCount() {
        return dropped.sum();
    }

    /** The ids currently buffered, oldest first (for tests and diagnostics). */
    public synchronized List<EventId> bufferedIds() {
        List<EventId> ids = new ArrayList<>(recent.size());
        for (Iterator<FeedEvent> it = recent.iterator(); it.hasNext(); ) {
            ids.add(it.next().id());
        }
        return ids;
    }
}

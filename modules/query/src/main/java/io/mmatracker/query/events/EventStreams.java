package io.mmatracker.query.events;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.xnio.IoUtils;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;

/**
 * Opens Server-Sent Event streams on the hub: one subscription per connection, ended when the client goes.
 * Sends never block; a client that falls more than {@code maxPending} events behind is disconnected
 * (it reconnects with {@code Last-Event-ID} and resumes), so one slow reader cannot hold memory.
 */
public final class EventStreams {

    private final EventHub hub;
    private final int maxPending;
    private final Duration keepAlive;

    public EventStreams(EventHub hub, int maxPending, Duration keepAlive) {
        this.hub = hub;
        this.maxPending = maxPending;
        this.keepAlive = keepAlive;
    }

    /**
     * Turns the exchange into an event stream; parameters were validated by the caller.
     *
     * @param resumeAfter first replay the buffered events after this one
     * @param newest      without {@code resumeAfter}: first replay this many of the newest matching buffered events
     *                    (at most {@link #maxReplay()}); 0 for none
     */
    public void open(HttpServerExchange exchange, EventFilter filter, Optional<EventId> resumeAfter, int newest) throws Exception {
        new ServerSentEventHandler((connection, lastEventId) -> attach(connection, filter, resumeAfter, newest)).handleRequest(exchange);
    }

    /** The most of the newest buffered events a new stream may ask for ({@code replay=}). */
    public int maxReplay() {
        return maxPending;
    }

    private void attach(ServerSentEventConnection connection, EventFilter filter, Optional<EventId> resumeAfter, int newest) {
        connection.setKeepAliveTime(keepAlive.toMillis());
        AtomicInteger pending = new AtomicInteger();
        // The replay of buffered events (bounded by the buffer) may exceed maxPending: only live events that pile up
        // on top of it mark a slow reader. Otherwise a client that resumes far behind would be closed on every try.
        AtomicInteger allowed = new AtomicInteger(Integer.MAX_VALUE);
        ServerSentEventConnection.EventCallback sent = new ServerSentEventConnection.EventCallback() {
            @Override
            public void done(ServerSentEventConnection c, String data, String event, String id) {
                pending.decrementAndGet();
            }

            @Override
            public void failed(ServerSentEventConnection c, String data, String event, String id, java.io.IOException e) {
                pending.decrementAndGet();
            }
        };
        EventHub.Sink sink = event -> {
            if (!connection.isOpen()) {
                return false;
            }
            if (pending.incrementAndGet() > allowed.get()) {
                IoUtils.safeClose(connection);
                return false;
            }
            connection.send(event.json(), event.type(), event.id().toString(), sent);
            return true;
        };
        EventHub.Subscription subscription = resumeAfter.isEmpty() && newest > 0
                ? hub.subscribeAfterNewest(filter, Math.min(newest, maxPending), sink)
                : hub.subscribe(filter, resumeAfter, sink);
        allowed.set(pending.get() + maxPending);
        connection.addCloseTask(c -> subscription.close());
        if (!connection.isOpen()) {
            subscription.close();
        }
    }
}

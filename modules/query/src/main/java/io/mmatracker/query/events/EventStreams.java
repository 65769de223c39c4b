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

    /** Turns the exchange into an event stream; parameters were validated by the caller. */
    public void open(HttpServerExchange exchange, EventFilter filter, Optional<EventId> resumeAfter) throws Exception {
        new ServerSentEventHandler((connection, lastEventId) -> attach(connection, filter, resumeAfter)).handleRequest(exchange);
    }

    private void attach(ServerSentEventConnection connection, EventFilter filter, Optional<EventId> resumeAfter) {
        connection.setKeepAliveTime(keepAlive.toMillis());
        AtomicInteger pending = new AtomicInteger();
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
        EventHub.Subscription subscription = hub.subscribe(filter, resumeAfter, event -> {
            if (!connection.isOpen()) {
                return false;
            }
            if (pending.incrementAndGet() > maxPending) {
                IoUtils.safeClose(connection);
                return false;
            }
            connection.send(event.json(), event.type(), event.id().toString(), sent);
            return true;
        });
        connection.addCloseTask(c -> subscription.close());
        if (!connection.isOpen()) {
            subscription.close();
        }
    }
}

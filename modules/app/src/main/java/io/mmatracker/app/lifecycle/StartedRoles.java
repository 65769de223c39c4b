package io.mmatracker.app.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles one process started, closed in reverse start order: whatever started last depends on what started
 * before it (the query API on Streams, Streams and the poller on the broker), so it must stop first.
 */
public final class StartedRoles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartedRoles.class);

    private record Role(String name, AutoCloseable resource) {
    }

    private final Deque<Role> started = new ArrayDeque<>();
    private boolean closed;

    /** Records a started role; returns it for chaining. Closing closes it. */
    public synchronized <T extends AutoCloseable> T add(String name, T resource) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resource, "resource");
        if (closed) {
            close(new Role(name, resource));
            throw new IllegalStateException("stopping: " + name + " was not kept running");
        }
        started.push(new Role(name, resource));
        return resource;
    }

    /** The names of the running roles, in start order. */
    public synchronized List<String> roles() {
        List<String> names = new ArrayList<>();
        started.descendingIterator().forEachRemaining(r -> names.add(r.name()));
        return names;
    }

    /** Closes every role, last started first; a failing close is logged and the others still close. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            close(started.pop());
        }
    }

    private static void close(Role role) {
        long t0 = System.nanoTime();
        try {
            role.resource().close();
            LOG.info("Stopped {} in {} ms", role.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } catch (Exception e) {
            LOG.warn("Stopping {} failed: {}", role.name(), e.toString());
        }
    }
}

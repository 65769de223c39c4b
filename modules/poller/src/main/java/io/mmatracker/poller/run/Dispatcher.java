package io.mmatracker.poller.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.schedule.PollSchedule;
import io.mmatracker.poller.schedule.PollSchedule.Due;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher thread: hands due sources to a pool of {@code workers} threads (at most one cycle per source at a
 * time), starts discovery when it is due, and sleeps until the next source or listing is due or it is woken.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration MAX_IDLE = Duration.ofSeconds(1);

    private final PollerConfig config;
    private final PollSchedule schedule;
    private final PollerMetrics metrics;
    private final Clock clock;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Object monitor = new Object();

    private volatile boolean stopping;
    private CycleRunner runner;
    private Discovery discovery;
    private ExecutorService workers;
    private Thread thread;

    public Dispatcher(PollerConfig config, PollSchedule schedule, PollerMetrics metrics, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts the dispatcher thread and the workers (one more for discovery). */
    public synchronized void start(CycleRunner cycleRunner, Discovery sourceDiscovery) {
        if (thread != null) {
            throw new IllegalStateException("dispatcher of " + config.pollerId() + " already started");
        }
        this.runner = Objects.requireNonNull(cycleRunner, "cycleRunner");
        this.discovery = Objects.requireNonNull(sourceDiscovery, "sourceDiscovery");
        workers = Executors.newFixedThreadPool(config.workers() + 1, named("poller-worker"));
        thread = new Thread(this::run, config.pollerId() + "-dispatcher");
        thread.start();
    }

    /** Schedules a source (unless stopping); true if it is new. */
    public boolean addSource(long sourceId) {
        if (!stopping && schedule.add(sourceId)) {
            metrics.sourceAdded(sourceId);
            return true;
        }
        return false;
    }

    /** Wakes the dispatcher: something became due or a worker is free. */
    public void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Waits (at most the close timeout) until no cycle of these sources runs. */
    public void awaitIdle(Collection<Long> sources) {
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        synchronized (monitor) {
            while (sources.stream().anyMatch(running::contains)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warn("cycles of handed-over sources still running after {}", config.closeTimeout());
                    return;
                }
                try {
                    monitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Stops dispatching and interrupts running cycles at once: a cycle can take minutes at scale (a first listing of
     * 100,000 tables is 100 pages at the budget's pace), and whatever it did not finish the next run polls again.
     * Waits for them to end, at most the close timeout; idempotent.
     */
    public void stop() {
        stopping = true;
        wake();
        Thread t;
        ExecutorService w;
        synchronized (this) {
            t = thread;
            w = workers;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (w != null) {
            w.shutdownNow();
            try {
                if (!w.awaitTermination(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("poll cycles still running {} after they were interrupted", config.closeTimeout());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopping) {
            discovery.maybeStart(workers);
            while (!stopping && running.size() < config.workers()) {
                Optional<Due> due = schedule.take();
                if (due.isEmpty()) {
                    break;
                }
                running.add(due.get().sourceId());
                workers.execute(() -> runCycle(due.get()));
            }
            synchronized (monitor) {
                if (stopping) {
                    break;
                }
                try {
                    monitor.wait(Math.max(1, idleMillis()));
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
    }

    private void runCycle(Due due) {
        try {
            runner.run(due);
        } finally {
            running.remove(due.sourceId());
            wake();
        }
    }

    private long idleMillis() {
        if (running.size() >= config.workers()) {
            return MAX_IDLE.toMillis();
        }
        Instant now = clock.instant();
        Instant next = now.plus(MAX_IDLE);
        Optional<Instant> due = schedule.nextDueAt();
        if (due.isPresent() && due.get().isBefore(next)) {
            next = due.get();
        }
        Instant listing = discovery.nextAt();
        if (listing != null && listing.isBefore(next)) {
            next = listing;
        }
        return Duration.between(now, next).toMillis();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package io.mmatracker.poller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

import io.mmatracker.client.DataSourceFilter;
import io.mmatracker.client.MmaApi;
import io.mmatracker.client.MmaException;
import io.mmatracker.client.Page;
import io.mmatracker.poller.budget.Priority;
import io.mmatracker.poller.budget.RequestBudget;
import io.mmatracker.poller.budget.Sleeper;
import io.mmatracker.poller.coordinate.CoordinationGroup;
import io.mmatracker.poller.coordinate.SourcePartitioner;
import io.mmatracker.poller.cycle.MmaCalls;
import io.mmatracker.poller.cycle.SourceCycle;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.publish.KafkaSnapshotSink;
import io.mmatracker.poller.publish.SnapshotRestorer;
import io.mmatracker.poller.publish.SnapshotSink;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.poller.schedule.PollSchedule;
import io.mmatracker.poller.schedule.PollSchedule.Due;
import io.mmatracker.poller.watch.AsyncTaskWatches;
import io.mmatracker.poller.watch.WatchRequestFeed;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.PollWatermark;
import io.mmatracker.schema.serde.ValueSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller instance: discovers MMA data sources, polls those it owns within one request budget, and publishes
 * snapshots of what changed plus a watermark per source. Threads: a dispatcher that hands due sources to a pool of
 * workers, and a Kafka thread that keeps the instance in the coordination group and follows watch requests.
 * {@link #close()} finishes running cycles, flushes, and leaves the group so the others take the sources over.
 */
public final class Poller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration GROUP_POLL = Duration.ofMillis(100);
    private static final Duration MAX_IDLE = Duration.ofSeconds(1);
    private static final int MAX_ERROR_MESSAGE = 500;
    private static final Backoff CALL_RETRY = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));

    private final PollerConfig config;
    private final MmaApi api;
    private final Map<String, Object> kafka;
    private final Clock clock;
    private final PollerMetrics metrics;
    private final RequestBudget budget;
    private final PollSchedule schedule;
    private final ChangeDetector detector = new ChangeDetector();
    private final AsyncTaskWatches watches = new AsyncTaskWatches();
    private final SnapshotSink sink;
    private final SnapshotRestorer restorer;
    private final MmaCalls calls;
    private final SourceCycle cycle;
    private final Set<Long> discovered = ConcurrentHashMap.newKeySet();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Map<Long, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final Map<Long, String> lastErrorKind = new ConcurrentHashMap<>();
    private final Object monitor = new Object();
    private final AtomicInteger discoveryFailures = new AtomicInteger();

    private volatile boolean stopping;
    private volatile boolean discoveryRunning;
    private volatile Instant discoveryAt;
    private ExecutorService workers;
    private Thread dispatcher;
    private Thread kafkaLoop;
    private CoordinationGroup group;
    private final ValueSerdes serdes;

    /**
     * @param kafka Kafka client settings shared by the poller's producer and consumers (at least
     *              {@code bootstrap.servers}); the poller adds what it needs (idempotence, group id, ...)
     */
    public Poller(PollerConfig config, MmaApi api, Map<String, Object> kafka, Clock clock) {
        this(config, api, kafka, clock, ValueSerdes.defaults());
    }

    /**
     * @param kafka  Kafka client settings shared by the poller's producer and consumers
     * @param serdes the value serdes of every topic the poller writes or reads (default or registry mode)
     */
    public Poller(PollerConfig config, MmaApi api, Map<String, Object> kafka, Clock clock, ValueSerdes serdes) {
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.config = Objects.requireNonNull(config, "config");
        this.api = Objects.requireNonNull(api, "api");
        this.kafka = Map.copyOf(kafka);
        this.clock = Objects.requireNonNull(clock, "clock");
        Random random = new Random();
        this.metrics = new PollerMetrics(clock);
        this.budget = new RequestBudget(config.budget(), clock, random, Sleeper.system());
        this.schedule = new PollSchedule(config.activeInterval(), config.reconcileInterval(), config.retry(), clock,
                random);
        this.sink = KafkaSnapshotSink.create(this.kafka, config.topics(), config.pollerId() + "-snapshots", serdes);
        this.restorer = SnapshotRestorer.create(this.kafka, config.topics(), config.pollerId() + "-restore", clock, serdes);
        this.calls = new MmaCalls(budget, metrics, CALL_RETRY, Sleeper.system(), random);
        this.cycle = new SourceCycle(config, api, calls, detector, sink, watches, metrics, clock);
        registerGauges();
    }

    /** Joins the coordination group and starts polling. */
    public synchronized void start() throws InterruptedException {
        if (dispatcher != null) {
            throw new IllegalStateException("poller " + config.pollerId() + " already started");
        }
        try (Admin admin = Admin.create(kafka)) {
            CoordinationGroup.ensureTopic(admin, config.coordinationTopic(), config.coordinationPartitions(),
                    config.closeTimeout());
        }
        Map<String, Object> member = new HashMap<>(kafka);
        member.putAll(config.groupMember());
        group = CoordinationGroup.create(member, config.coordinationTopic(), config.groupId(),
                config.pollerId() + "-coordination", new Ownership());
        WatchRequestFeed feed = WatchRequestFeed.create(kafka, config.topics().watchRequests(),
                config.pollerId() + "-watches", watches, serdes);
        discovered.addAll(config.sourceIds());
        discoveryAt = config.sourceIds().isEmpty() ? clock.instant() : null;
        workers = Executors.newFixedThreadPool(config.workers() + 1, named("poller-worker"));
        kafkaLoop = new Thread(() -> runKafkaLoop(feed), config.pollerId() + "-kafka");
        dispatcher = new Thread(this::runDispatcher, config.pollerId() + "-dispatcher");
        kafkaLoop.start();
        dispatcher.start();
        LOG.info("poller {} started against {} ({} requests/s, active every {}, reconcile every {})",
                config.pollerId(), config.endpoint(), config.requestsPerSecond(), config.activeInterval(),
                config.reconcileInterval());
    }

    public PollerMetrics metrics() {
        return metrics;
    }

    public PollerConfig config() {
        return config;
    }

    /** The data sources this instance polls now. */
    public Set<Long> sources() {
        return schedule.sources();
    }

    /** The coordination partitions this instance owns now. */
    public Set<Integer> ownedPartitions() {
        CoordinationGroup g = group;
        return g == null ? Set.of() : g.owned();
    }

    // ---------------------------------------------------------------- ownership

    /** Called on the Kafka thread when the group moves partitions. */
    private final class Ownership implements CoordinationGroup.Listener {

        @Override
        public void acquired(Set<Integer> partitions, int partitionCount) {
            LongPredicate mine = sourceId -> wanted(sourceId)
                    && partitions.contains(SourcePartitioner.partitionOf(sourceId, partitionCount));
            try {
                int restored = restorer.restore(mine,
                        cycle::restored, RESTORE_TIMEOUT);
                LOG.info("restored {} objects of the sources in partitions {}", restored, partitions);
            } catch (RuntimeException e) {
                LOG.warn("could not restore what was published for partitions {} ({}); their unchanged objects may "
                        + "be published again", partitions, e.toString());
            }
            Set<Long> candidates = new TreeSet<>(discovered);
            candidates.addAll(detector.sources());
            candidates.stream().filter(mine::test).forEach(Poller.this::addSource);
            wake();
        }

        @Override
        public void released(Set<Integer> partitions) {
            int count = group.partitionCount();
            List<Long> leaving = schedule.sources().stream()
                    .filter(id -> partitions.contains(SourcePartitioner.partitionOf(id, count))).toList();
            leaving.forEach(schedule::remove);
            awaitIdle(leaving);
            // the next owner restores from the topics: everything this instance sent must be there first
            sink.flush();
            for (long sourceId : leaving) {
                detector.dropSource(sourceId);
                cycle.tasks().forgetSource(sourceId);
                metrics.sourceRemoved(sourceId);
                lastSuccess.remove(sourceId);
                lastErrorKind.remove(sourceId);
            }
            LOG.info("handed over {} data sources of partitions {}", leaving.size(), partitions);
        }
    }

    private boolean wanted(long sourceId) {
        return config.sourceIds().isEmpty() || config.sourceIds().contains(sourceId);
    }

    private void addSource(long sourceId) {
        if (!stopping && schedule.add(sourceId)) {
            metrics.sourceAdded(sourceId);
        }
    }

    private void awaitIdle(List<Long> sources) {
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

    private void runKafkaLoop(WatchRequestFeed feed) {
        try {
            group.subscribe();
            while (!stopping) {
                try {
                    group.poll(GROUP_POLL);
                    feed.poll(Duration.ofMillis(10));
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.warn("Kafka coordination loop: {}; retrying", e.toString());
                    sleepQuietly(MAX_IDLE);
                }
            }
        } finally {
            // leaving the group runs released() for our partitions here, on this thread
            closeQuietly(group, "coordination group");
            closeQuietly(feed, "watch request feed");
        }
    }

    // ---------------------------------------------------------------- dispatching

    private void runDispatcher() {
        while (!stopping) {
            maybeDiscover();
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
        Instant discovery = discoveryAt;
        if (discovery != null && !discoveryRunning && discovery.isBefore(next)) {
            next = discovery;
        }
        return Duration.between(now, next).toMillis();
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private void runCycle(Due due) {
        long sourceId = due.sourceId();
        boolean polled = false;
        boolean gone = false;
        Exception failure = null;
        try {
            SourceCycle.Outcome outcome = cycle.run(sourceId, due.reconcile());
            gone = outcome == SourceCycle.Outcome.SOURCE_GONE;
            if (outcome == SourceCycle.Outcome.BEHIND) {
                schedule.requestReconcile(sourceId, config.catchUpInterval());
            }
            polled = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (MmaException e) {
            failure = e;
        } catch (RuntimeException e) {
            LOG.error("the poll cycle of data source {} failed unexpectedly", sourceId, e);
            failure = e;
        }
        try {
            finishCycle(due, polled, gone, failure);
        } finally {
            running.remove(sourceId);
            wake();
        }
    }

    private void finishCycle(Due due, boolean polled, boolean gone, Exception failure) {
        long sourceId = due.sourceId();
        Instant now = clock.instant();
        metrics.cycle(due.reconcile(), polled);
        if (gone) {
            sink.clearWatermark(sourceId);
            lastSuccess.remove(sourceId);
            if (wanted(sourceId) && !config.sourceIds().isEmpty()) {
                // a configured source that does not exist yet: keep asking
                schedule.succeeded(due);
            } else {
                schedule.remove(sourceId);
                discovered.remove(sourceId);
                metrics.sourceRemoved(sourceId);
            }
            return;
        }
        if (polled) {
            lastSuccess.put(sourceId, now);
            metrics.sourceFresh(sourceId);
            schedule.succeeded(due);
        } else {
            Duration retryIn = schedule.failed(due);
            logFailure(sourceId, failure, retryIn);
        }
        if (polled && lastErrorKind.remove(sourceId) != null) {
            LOG.info("data source {} is polled again", sourceId);
        }
        sink.watermark(watermark(sourceId, now, failure));
    }

    private void logFailure(long sourceId, Exception failure, Duration retryIn) {
        String kind = errorKind(failure);
        // say it when a source starts failing or fails differently, not on every retry
        if (!kind.equals(lastErrorKind.put(sourceId, kind))) {
            LOG.warn("polling data source {} failed ({}); retrying in {} ms", sourceId, failure.getMessage(),
                    retryIn.toMillis());
        }
    }

    private PollWatermark watermark(long sourceId, Instant now, Exception failure) {
        Map<String, Long> tracked = new HashMap<>();
        for (ObjectKind kind : ObjectKind.values()) {
            if (kind != ObjectKind.UNKNOWN) {
                tracked.put(kind.name(), (long) detector.count(kind, sourceId));
            }
        }
        String message = failure == null ? null : String.valueOf(failure.getMessage());
        if (message != null && message.length() > MAX_ERROR_MESSAGE) {
            message = message.substring(0, MAX_ERROR_MESSAGE);
        }
        return PollWatermark.newBuilder()
                .setSourceId(sourceId)
                .setPollerId(config.pollerId())
                .setEndpoint(config.endpoint())
                .setLastSuccessAt(lastSuccess.get(sourceId))
                .setLastAttemptAt(now)
                .setErrorKind(failure == null ? null : errorKind(failure))
                .setErrorMessage(message)
                .setConsecutiveFailures(schedule.consecutiveFailures(sourceId))
                .setTrackedObjects(tracked)
                .build();
    }

    private static String errorKind(Exception failure) {
        if (failure instanceof MmaException e) {
            return MmaCalls.kind(e);
        }
        return failure instanceof InterruptedException ? "Interrupted" : "Internal";
    }

    // ---------------------------------------------------------------- discovery

    private void maybeDiscover() {
        Instant at = discoveryAt;
        if (at == null || discoveryRunning || at.isAfter(clock.instant())) {
            return;
        }
        discoveryRunning = true;
        workers.execute(this::discover);
    }

    /** Lists MMA's data sources (one cheap call per page) and schedules the new ones this instance owns. */
    private void discover() {
        try {
            Set<Long> found = new TreeSet<>();
            long seen = 0;
            for (int pageNum = 1; ; pageNum++) {
                int n = pageNum;
                Page<MmsDataSource> page = calls.call("ListMmsDataSources", Priority.BACKGROUND,
                        () -> api.listMmsDataSourcesPage(DataSourceFilter.all(), n, config.pageSize()));
                page.items().stream().map(MmsDataSource::getId).filter(Objects::nonNull).forEach(found::add);
                seen += page.items().size();
                if (SourceCycle.isLastPage(page, seen, config.pageSize())) {
                    break;
                }
            }
            discovered.addAll(found);
            CoordinationGroup g = group;
            found.stream().filter(id -> g != null && g.owns(id)).forEach(this::addSource);
            discoveryFailures.set(0);
            discoveryAt = clock.instant().plus(config.discoveryInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Duration retryIn = config.retry().delay(discoveryFailures.incrementAndGet(), new Random());
            if (retryIn.compareTo(config.discoveryInterval()) > 0) {
                retryIn = config.discoveryInterval();
            }
            LOG.warn("listing data sources failed ({}); retrying in {} ms", e.getMessage(), retryIn.toMillis());
            discoveryAt = clock.instant().plus(retryIn);
        } finally {
            discoveryRunning = false;
            wake();
        }
    }

    // ---------------------------------------------------------------- metrics

    private void registerGauges() {
        metrics.gauge("mma_poller_request_rate", "Current request budget, requests per second", Map.of(),
                budget::rate);
        metrics.gauge("mma_poller_request_rate_ceiling", "Configured request budget, requests per second", Map.of(),
                budget::ceiling);
        metrics.gauge("mma_poller_sources", "Data sources this instance polls", Map.of(),
                () -> schedule.sources().size());
        metrics.gauge("mma_poller_due_backlog_sources", "Data sources whose poll is overdue by more than a second",
                Map.of(), () -> schedule.overdue(Duration.ofSeconds(1)).size());
        metrics.gauge("mma_poller_due_backlog_objects",
                "Moving objects of data sources whose poll is overdue by more than a second", Map.of(),
                this::dueObjects);
        metrics.gauge("mma_poller_moving_objects", "Objects last seen in a non-terminal state", Map.of(),
                this::movingObjects);
        for (ObjectKind kind : ObjectKind.values()) {
            if (kind != ObjectKind.UNKNOWN) {
                metrics.gauge("mma_poller_tracked_objects", "Objects tracked by this instance, by kind",
                        Map.of("kind", kind.name()), () -> tracked(kind));
            }
        }
    }

    /** Objects of this instance's sources last seen moving (the ones active cycles follow). */
    public long movingObjects() {
        long moving = 0;
        for (long sourceId : schedule.sources()) {
            for (ObjectKind kind : ObjectKind.values()) {
                if (kind != ObjectKind.UNKNOWN) {
                    moving += detector.moving(kind, sourceId).size();
                }
            }
        }
        return moving;
    }

    private double dueObjects() {
        long objects = 0;
        for (long sourceId : schedule.overdue(Duration.ofSeconds(1))) {
            objects += 1 + detector.moving(ObjectKind.JOB, sourceId).size()
                    + detector.moving(ObjectKind.TABLE, sourceId).size()
                    + detector.moving(ObjectKind.SCAN, sourceId).size()
                    + detector.moving(ObjectKind.ASYNC_TASK, sourceId).size();
        }
        return objects;
    }

    private double tracked(ObjectKind kind) {
        long total = 0;
        for (long sourceId : schedule.sources()) {
            total += detector.count(kind, sourceId);
        }
        return total;
    }

    /** Objects tracked by this instance, by kind. */
    public Map<ObjectKind, Long> trackedObjects() {
        Map<ObjectKind, Long> counts = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.values()) {
            if (kind != ObjectKind.UNKNOWN) {
                counts.put(kind, (long) tracked(kind));
            }
        }
        return counts;
    }

    /** The current request rate of the budget, requests per second. */
    public double requestRate() {
        return budget.rate();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Finishes running cycles, flushes what was sent, leaves the group; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        wake();
        joinQuietly(dispatcher);
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("poll cycles still running after {}; interrupting them", config.closeTimeout());
                    workers.shutdownNow();
                    workers.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        sink.flush();
        joinQuietly(kafkaLoop);
        sink.close();
        LOG.info("poller {} stopped", config.pollerId());
    }

    private static void joinQuietly(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing the {}: {}", what, e.toString());
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package io.mmatracker.poller;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.mmatracker.client.MmaApi;
import io.mmatracker.poller.coordinate.CoordinationGroup;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.publish.KafkaSnapshotSink;
import io.mmatracker.poller.publish.SnapshotRestorer;
import io.mmatracker.poller.publish.SnapshotSink;
import io.mmatracker.poller.run.PollerCore;
import io.mmatracker.poller.watch.WatchRequestFeed;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.serde.ValueSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller instance: discovers MMA data sources, polls those it owns within one request budget, and publishes
 * snapshots of what changed plus a watermark per source. The polling itself is a {@link PollerCore} (dispatcher,
 * cycles, watermarks, discovery, ownership, gauges; see {@code io.mmatracker.poller.run}); this class adds its
 * Kafka membership: the coordination group and the watch-request feed on a Kafka thread of their own.
 * {@link #close()} interrupts running cycles (what they did not finish is polled again), flushes, and leaves the group
 * so the others take the sources over.
 */
public final class Poller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final Duration GROUP_POLL = Duration.ofMillis(100);
    private static final Duration KAFKA_RETRY = Duration.ofSeconds(1);

    private final PollerConfig config;
    private final Map<String, Object> kafka;
    private final SnapshotSink sink;
    private final ValueSerdes serdes;
    private final PollerCore core;

    private volatile boolean stopping;
    private volatile CoordinationGroup group;
    private Thread kafkaLoop;

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
        this(config, api, kafka, clock, serdes,
                KafkaSnapshotSink.create(kafka, config.topics(), config.pollerId() + "-snapshots", serdes));
    }

    /**
     * @param kafka  Kafka client settings of the coordination group, the watch requests and the restore
     * @param sink   where snapshots and watermarks go; the poller closes it
     */
    public Poller(PollerConfig config, MmaApi api, Map<String, Object> kafka, Clock clock, ValueSerdes serdes,
                  SnapshotSink sink) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(clock, "clock");
        this.kafka = Map.copyOf(kafka);
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.sink = Objects.requireNonNull(sink, "sink");
        SnapshotRestorer restorer = SnapshotRestorer.create(this.kafka, config.topics(),
                config.pollerId() + "-restore", clock, serdes);
        this.core = new PollerCore(config, api, clock, sink, restorer::restore, this::owns);
    }

    /** Joins the coordination group and starts polling. */
    public synchronized void start() throws InterruptedException {
        if (kafkaLoop != null) {
            throw new IllegalStateException("poller " + config.pollerId() + " already started");
        }
        try (Admin admin = Admin.create(kafka)) {
            CoordinationGroup.ensureTopic(admin, config.coordinationTopic(), config.coordinationPartitions(),
                    config.closeTimeout());
        }
        Map<String, Object> member = new HashMap<>(kafka);
        member.putAll(config.groupMember());
        group = CoordinationGroup.create(member, config.coordinationTopic(), config.groupId(),
                config.pollerId() + "-coordination", core.ownership());
        WatchRequestFeed feed = WatchRequestFeed.create(kafka, config.topics().watchRequests(),
                config.pollerId() + "-watches", core.watches(), serdes);
        kafkaLoop = new Thread(() -> runKafkaLoop(feed), config.pollerId() + "-kafka");
        kafkaLoop.start();
        core.start();
        LOG.info("poller {} started against {} ({} requests/s, active every {}, reconcile every {})",
                config.pollerId(), config.endpoint(), config.requestsPerSecond(), config.activeInterval(),
                config.reconcileInterval());
    }

    public PollerMetrics metrics() {
        return core.metrics();
    }

    public PollerConfig config() {
        return config;
    }

    /** The data sources this instance polls now. */
    public Set<Long> sources() {
        return core.sources();
    }

    /** Objects of this instance's sources last seen moving (the ones active cycles follow). */
    public long movingObjects() {
        return core.movingObjects();
    }

    /** Objects tracked by this instance, by kind. */
    public Map<ObjectKind, Long> trackedObjects() {
        return core.trackedObjects();
    }

    /** The current request rate of the budget, requests per second. */
    public double requestRate() {
        return core.requestRate();
    }

    private boolean owns(long sourceId) {
        CoordinationGroup g = group;
        return g != null && g.owns(sourceId);
    }

    /** The Kafka thread: membership of the coordination group (which calls the core's ownership) and watch requests. */
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
                    sleepQuietly(KAFKA_RETRY);
                }
            }
        } finally {
            // leaving the group runs released() for our partitions here, on this thread
            closeQuietly(group, "coordination group");
            closeQuietly(feed, "watch request feed");
        }
    }

    /** Interrupts running cycles, flushes what was sent, leaves the group; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        core.stop();
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
}

package io.mmatracker.poller.run;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.LongPredicate;

import io.mmatracker.client.MmaApi;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.budget.RequestBudget;
import io.mmatracker.poller.budget.Sleeper;
import io.mmatracker.poller.cycle.MmaCalls;
import io.mmatracker.poller.cycle.SourceCycle;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.poller.metrics.PollerGauges;
import io.mmatracker.poller.metrics.PollerMetrics;
import io.mmatracker.poller.publish.SnapshotSink;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.poller.schedule.PollSchedule;
import io.mmatracker.poller.watch.AsyncTaskWatches;
import io.mmatracker.schema.ObjectKind;

/**
 * A poller instance without its Kafka membership: the parts wired together around one request budget and one
 * sink. {@code Poller} adds the coordination group (which drives {@link #ownership()}) and the watch-request feed
 * (which fills {@link #watches()}); a test drives both itself and gives an in-memory sink.
 */
public final class PollerCore {

    private static final Backoff CALL_RETRY = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));

    private final PollerMetrics metrics;
    private final RequestBudget budget;
    private final PollSchedule schedule;
    private final AsyncTaskWatches watches = new AsyncTaskWatches();
    private final Dispatcher dispatcher;
    private final Discovery discovery;
    private final CycleRunner runner;
    private final Ownership ownership;
    private final PollerGauges gauges;
    private final LongPredicate owns;

    /**
     * @param restorer reads back what was published for acquired sources
     * @param owns     whether this instance owns a source now (its coordination partition)
     */
    public PollerCore(PollerConfig config, MmaApi api, Clock clock, SnapshotSink sink, Ownership.Restorer restorer,
                      LongPredicate owns) {
        Objects.requireNonNull(config, "config");
        Random random = new Random();
        ChangeDetector detector = new ChangeDetector();
        this.metrics = new PollerMetrics(clock);
        this.budget = new RequestBudget(config.budget(), clock, random, Sleeper.system());
        this.schedule = new PollSchedule(config.activeInterval(), config.reconcileInterval(), config.retry(), clock,
                random);
        MmaCalls calls = new MmaCalls(budget, metrics, CALL_RETRY, Sleeper.system(), random);
        SourceCycle cycle = new SourceCycle(config, api, calls, detector, sink, watches, metrics, clock);
        Watermarks watermarks = new Watermarks(config, detector, schedule);
        this.dispatcher = new Dispatcher(config, schedule, metrics, clock);
        this.owns = owns;
        this.discovery = new Discovery(config, api, calls, clock, this::polls, dispatcher::addSource, dispatcher::wake);
        this.runner = new CycleRunner(config, cycle, schedule, sink, metrics, watermarks, discovery, clock);
        this.ownership = new Ownership(restorer, detector, cycle, schedule, dispatcher, discovery,
                sink, metrics, watermarks);
        this.gauges = new PollerGauges(budget, schedule, detector);
        gauges.register(metrics);
    }

    /** A source discovery finds is polled once its partition is owned and what was published for it is read back. */
    private boolean polls(long sourceId) {
        return owns.test(sourceId) && ownership.isRestored(sourceId);
    }

    /** Starts dispatching due sources (and discovery) to the workers. */
    public void start() {
        dispatcher.start(runner, discovery);
    }

    /** Stops dispatching and waits for running cycles; idempotent. */
    public void stop() {
        dispatcher.stop();
    }

    /** The listener of the coordination group. */
    public Ownership ownership() {
        return ownership;
    }

    /** The async tasks to follow, which the watch-request feed fills. */
    public AsyncTaskWatches watches() {
        return watches;
    }

    public PollerMetrics metrics() {
        return metrics;
    }

    /** The data sources this instance polls now. */
    public Set<Long> sources() {
        return schedule.sources();
    }

    /** Objects of this instance's sources last seen moving (the ones active cycles follow). */
    public long movingObjects() {
        return gauges.movingObjects();
    }

    /** Objects tracked by this instance, by kind. */
    public Map<ObjectKind, Long> trackedObjects() {
        return gauges.trackedObjects();
    }

    /** The current request rate of the budget, requests per second. */
    public double requestRate() {
        return budget.rate();
    }
}

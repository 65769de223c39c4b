package io.mmatracker.poller.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

import io.mmatracker.client.DataSourceFilter;
import io.mmatracker.client.MmaApi;
import io.mmatracker.client.Page;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.budget.Priority;
import io.mmatracker.poller.cycle.MmaCalls;
import io.mmatracker.schema.MmsDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which data sources exist: the configured ones, or (none configured) what ListMmsDataSources returns, read every
 * {@code discovery-interval} and retried with backoff when it fails. New sources this instance owns are handed to
 * {@code addSource}.
 */
public final class Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    private final PollerConfig config;
    private final MmaApi api;
    private final MmaCalls calls;
    private final Clock clock;
    private final LongPredicate owns;
    private final LongConsumer addSource;
    private final Runnable onDone;
    private final Set<Long> discovered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failures = new AtomicInteger();
    private final Random random = new Random();

    private volatile boolean running;
    private volatile Instant nextAt;

    /**
     * @param owns      whether this instance polls a source (its coordination partition is this instance's)
     * @param addSource schedules a source this instance owns
     * @param onDone    runs after each listing (the dispatcher wakes up)
     */
    public Discovery(PollerConfig config, MmaApi api, MmaCalls calls, Clock clock, LongPredicate owns,
                     LongConsumer addSource, Runnable onDone) {
        this.config = Objects.requireNonNull(config, "config");
        this.api = Objects.requireNonNull(api, "api");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owns = Objects.requireNonNull(owns, "owns");
        this.addSource = Objects.requireNonNull(addSource, "addSource");
        this.onDone = Objects.requireNonNull(onDone, "onDone");
        discovered.addAll(config.sourceIds());
        nextAt = config.sourceIds().isEmpty() ? clock.instant() : null;
    }

    /** Whether the configuration lets this instance poll the source at all. */
    public boolean isWanted(long sourceId) {
        return config.sourceIds().isEmpty() || config.sourceIds().contains(sourceId);
    }

    /** The sources known to exist. */
    public Set<Long> discovered() {
        return Set.copyOf(discovered);
    }

    /** MMA says the source does not exist. */
    public void forget(long sourceId) {
        discovered.remove(sourceId);
    }

    /** When the next listing is due, or null if none is (configured sources, or a listing running now). */
    public Instant nextAt() {
        return running ? null : nextAt;
    }

    /** Starts a listing on {@code executor} if one is due and none runs. */
    public void maybeStart(Executor executor) {
        Instant at = nextAt;
        if (at == null || running || at.isAfter(clock.instant())) {
            return;
        }
        running = true;
        executor.execute(this::discover);
    }

    /** Lists MMA's data sources (one cheap call per page) and schedules the new ones this instance owns. */
    void discover() {
        try {
            Set<Long> found = new TreeSet<>();
            long seen = 0;
            for (int pageNum = 1; ; pageNum++) {
                int n = pageNum;
                Page<MmsDataSource> page = calls.call("ListMmsDataSources", Priority.BACKGROUND,
                        () -> api.listMmsDataSourcesPage(DataSourceFilter.all(), n, config.pageSize()));
                page.items().stream().map(MmsDataSource::getId).filter(Objects::nonNull).forEach(found::add);
                seen += page.items().size();
                if (page.isLast(seen)) {
                    break;
                }
            }
            discovered.addAll(found);
            found.stream().filter(owns::test).forEach(addSource::accept);
            failures.set(0);
            nextAt = clock.instant().plus(config.discoveryInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Duration retryIn = config.retry().delay(failures.incrementAndGet(), random);
            if (retryIn.compareTo(config.discoveryInterval()) > 0) {
                retryIn = config.discoveryInterval();
            }
            LOG.warn("listing data sources failed ({}); retrying in {} ms", e.getMessage(), retryIn.toMillis());
            nextAt = clock.instant().plus(retryIn);
        } finally {
            running = false;
            onDone.run();
        }
    }
}

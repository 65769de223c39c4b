package io.mmatracker.poller.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.mmatracker.poller.budget.RequestBudget;
import io.mmatracker.poller.detect.ChangeDetector;
import io.mmatracker.poller.schedule.PollSchedule;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;

/** The poller's gauges (request budget, sources, backlog, moving and tracked objects), read when scraped. */
public final class PollerGauges {

    private static final Duration OVERDUE = Duration.ofSeconds(1);

    private final RequestBudget budget;
    private final PollSchedule schedule;
    private final ChangeDetector detector;

    public PollerGauges(RequestBudget budget, PollSchedule schedule, ChangeDetector detector) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    /** Registers every gauge with the instance's metrics. */
    public void register(PollerMetrics metrics) {
        metrics.gauge("mma_poller_request_rate", "Current request budget, requests per second", Map.of(),
                budget::rate);
        metrics.gauge("mma_poller_request_rate_ceiling", "Configured request budget, requests per second", Map.of(),
                budget::ceiling);
        metrics.gauge("mma_poller_sources", "Data sources this instance polls", Map.of(),
                () -> schedule.sources().size());
        metrics.gauge("mma_poller_due_backlog_sources", "Data sources whose poll is overdue by more than a second",
                Map.of(), () -> schedule.overdue(OVERDUE).size());
        metrics.gauge("mma_poller_due_backlog_objects",
                "Moving objects of data sources whose poll is overdue by more than a second", Map.of(),
                this::dueObjects);
        metrics.gauge("mma_poller_moving_objects", "Objects last seen in a non-terminal state", Map.of(),
                this::movingObjects);
        for (Kind<?, ?> kind : KindCatalog.all()) {
            metrics.gauge("mma_poller_tracked_objects", "Objects tracked by this instance, by kind",
                    Map.of("kind", kind.objectKind().name()), () -> tracked(kind.objectKind()));
        }
    }

    /** Objects of this instance's sources last seen moving (the ones active cycles follow). */
    public long movingObjects() {
        long moving = 0;
        for (long sourceId : schedule.sources()) {
            moving += moving(sourceId);
        }
        return moving;
    }

    /** Objects tracked by this instance, by kind. */
    public Map<ObjectKind, Long> trackedObjects() {
        Map<ObjectKind, Long> counts = new EnumMap<>(ObjectKind.class);
        for (Kind<?, ?> kind : KindCatalog.all()) {
            counts.put(kind.objectKind(), (long) tracked(kind.objectKind()));
        }
        return counts;
    }

    private long moving(long sourceId) {
        long moving = 0;
        for (Kind<?, ?> kind : KindCatalog.all()) {
            moving += detector.moving(kind.objectKind(), sourceId).size();
        }
        return moving;
    }

    /** The overdue sources (each counts one, its data source) and their moving objects: what the next cycles owe. */
    private double dueObjects() {
        long objects = 0;
        for (long sourceId : schedule.overdue(OVERDUE)) {
            objects += 1;
            for (Kind<?, ?> kind : KindCatalog.all()) {
                if (kind.objectKind() != ObjectKind.DATA_SOURCE) {
                    objects += detector.moving(kind.objectKind(), sourceId).size();
                }
            }
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
}

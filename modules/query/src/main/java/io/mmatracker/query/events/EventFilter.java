package io.mmatracker.query.events;

import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

import io.mmatracker.schema.ObjectKind;

/**
 * Which events a subscriber wants: optionally one data source, optionally one job (the job's own status
 * changes and alerts), and the event types ({@code changes}, {@code alerts}); and which sources it may read at all
 * (its access policy; every source when access control is off).
 */
public record EventFilter(Optional<Long> sourceId, Optional<Long> jobId, Set<String> types, LongPredicate readableSources) {

    public static final String CHANGES = "changes";
    public static final String ALERTS = "alerts";

    public EventFilter {
        types = Set.copyOf(types);
    }

    public EventFilter(Optional<Long> sourceId, Optional<Long> jobId, Set<String> types) {
        this(sourceId, jobId, types, source -> true);
    }

    public static EventFilter all() {
        return new EventFilter(Optional.empty(), Optional.empty(), Set.of(CHANGES, ALERTS));
    }

    /** Whether the event is one to send; an unreadable event never is. */
    public boolean matches(FeedEvent event) {
        String type = FeedEvent.ALERT.equals(event.type()) ? ALERTS : CHANGES;
        if (!types.contains(type) || !event.readable()) {
            return false;
        }
        if (sourceId.isPresent() && sourceId.get() != event.sourceId() || !readableSources.test(event.sourceId())) {
            return false;
        }
        return jobId.isEmpty() || event.kind() == ObjectKind.JOB && jobId.get().equals(event.objectId());
    }
}

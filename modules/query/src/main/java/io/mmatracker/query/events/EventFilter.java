package io.mmatracker.query.events;

import java.util.Optional;
import java.util.Set;

import io.mmatracker.schema.ObjectKind;

/**
 * Which events a subscriber wants: optionally one data source, optionally one job (the job's own status
 * changes and alerts), and the event types ({@code changes}, {@code alerts}).
 */
public record EventFilter(Optional<Long> sourceId, Optional<Long> jobId, Set<String> types) {

    public static final String CHANGES = "changes";
    public static final String ALERTS = "alerts";

    public EventFilter {
        types = Set.copyOf(types);
    }

    public static EventFilter all() {
        return new EventFilter(Optional.empty(), Optional.empty(), Set.of(CHANGES, ALERTS));
    }

    public boolean matches(FeedEvent event) {
        String type = FeedEvent.ALERT.equals(event.type()) ? ALERTS : CHANGES;
        if (!types.contains(type)) {
            return false;
        }
        if (sourceId.isPresent() && sourceId.get() != event.sourceId()) {
            return false;
        }
        return jobId.isEmpty() || event.kind() == ObjectKind.JOB && jobId.get().equals(event.objectId());
    }
}

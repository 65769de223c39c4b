package io.mmatracker.poller.watch;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The async tasks to follow, per data source. MMA has no list call for async tasks, so their ids come from
 * watch requests (any producer may ask on {@code mma.watch-requests}) and from data sources' scan ids.
 * Whether a task has finished is not kept here: the change detector knows the last state read.
 */
public final class AsyncTaskWatches {

    private final ConcurrentMap<Long, Set<Long>> bySource = new ConcurrentHashMap<>();

    public void add(long sourceId, long asyncTaskId) {
        bySource.computeIfAbsent(sourceId, id -> ConcurrentHashMap.newKeySet()).add(asyncTaskId);
    }

    public void remove(long sourceId, long asyncTaskId) {
        Set<Long> ids = bySource.get(sourceId);
        if (ids != null) {
            ids.remove(asyncTaskId);
        }
    }

    /** The async tasks requested for a source, in id order. */
    public Set<Long> of(long sourceId) {
        Set<Long> ids = bySource.get(sourceId);
        return ids == null ? Set.of() : new TreeSet<>(ids);
    }
}

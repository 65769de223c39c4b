package io.mmatracker.topology.list;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tasks of each job by status and id, so that ListMmsTasks with {@code jobId} (and {@code status}) is a bounded
 * range read with {@code total} from counts, however many tasks the source has (a job can have 100,000). Each data
 * source's part of the store is a {@link ListIndex} layout with the job id in the source's place, under
 * {@link #scope(long) s/&lt;sourceId&gt;/}:
 *
 * <pre>
 * s/&lt;sourceId&gt;/e/&lt;jobId&gt;/&lt;status&gt;/&lt;taskId, 19 digits&gt;        -> task key
 * s/&lt;sourceId&gt;/b/&lt;jobId&gt;/&lt;status&gt;/&lt;taskId &gt;&gt; 10, 16 digits&gt; -> count
 * s/&lt;sourceId&gt;/c/&lt;jobId&gt;/&lt;status&gt;                        -> count
 * </pre>
 *
 * so a reader pages it exactly as the list index (through a view of the scope). A task MMA sent without a job id is
 * not indexed. Like the list index it lives in the task tracker's task, is written in the same step as the snapshot
 * store, and carries a completion mark ({@link #COMPLETE}): a store without it is rebuilt when its task starts.
 */
public final class JobTaskIndex {

    /** Present once the index holds every task of its snapshot store; the digit is the layout's version. */
    public static final String COMPLETE = "v/1";

    private final KeyValueStore<String, String> store;

    public JobTaskIndex(KeyValueStore<String, String> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The prefix of one data source's part of the index; below it, {@link ListIndex}'s keys with the job in the source's place. */
    public static String scope(long sourceId) {
        return "s/" + sourceId + "/";
    }

    /**
     * Moves a task between (job, status) places; a null job means the task is new ({@code before}) or gone
     * ({@code after}), or MMA sent it without a job. The same job and status leave the index untouched.
     */
    public void move(String key, long sourceId, long taskId, Long jobBefore, String before, Long jobAfter, String after) {
        if (taskId < 0 || Objects.equals(jobBefore, jobAfter) && Objects.equals(before, after)) {
            return;
        }
        String scope = scope(sourceId);
        if (jobBefore != null) {
            store.delete(scope + ListIndex.entry(jobBefore, before, taskId));
            add(scope + ListIndex.bucket(jobBefore, before, taskId), -1);
            add(scope + ListIndex.count(jobBefore, before), -1);
        }
        if (jobAfter != null) {
            store.put(scope + ListIndex.entry(jobAfter, after, taskId), key);
            add(scope + ListIndex.bucket(jobAfter, after, taskId), 1);
            add(scope + ListIndex.count(jobAfter, after), 1);
        }
    }

    /** Whether the index holds every task of its snapshot store. */
    public boolean isComplete() {
        return store.get(COMPLETE) != null;
    }

    /** Clears the index; tell the returned rebuild every stored task, then {@link Rebuild#finish() finish} it. */
    public Rebuild rebuild() {
        List<String> stale = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> stale.add(kv.key));
        }
        stale.forEach(store::delete);
        return new Rebuild();
    }

    /** An index being rebuilt: entries are written as they come, counts are summed and written at the end. */
    public final class Rebuild {

        private final Map<String, Long> counts = new HashMap<>();
        private long tasks;

        private Rebuild() {
        }

        /** Indexes one stored task ({@code jobId} null: not indexed). */
        public void add(String key, long sourceId, Long jobId, long taskId, String status) {
            if (taskId < 0 || jobId == null) {
                return;
            }
            String scope = scope(sourceId);
            store.put(scope + ListIndex.entry(jobId, status, taskId), key);
            counts.merge(scope + ListIndex.bucket(jobId, status, taskId), 1L, Long::sum);
            counts.merge(scope + ListIndex.count(jobId, status), 1L, Long::sum);
            tasks++;
        }

        /** Writes the counts and the completion mark; returns the number of tasks indexed. */
        public long finish() {
            counts.forEach((key, count) -> store.put(key, Long.toString(count)));
            store.put(COMPLETE, "complete");
            return tasks;
        }
    }

    private void add(String key, long delta) {
        String current = store.get(key);
        long next = (current == null ? 0 : Long.parseLong(current)) + delta;
        if (next <= 0) {
            store.delete(key);
        } else {
            store.put(key, Long.toString(next));
        }
    }
}

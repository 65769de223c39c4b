package io.mmatracker.topology.list;

import java.util.Objects;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tasks of each job by status and id, so that ListMmsTasks with {@code jobId} (and {@code status}) is a bounded
 * range read with {@code total} from counts, however many tasks the source has (a job can have 100,000). Each data
 * source's part of the store is a {@link ListIndex} layout with the job id in the source's place, under
 * {@link #scope(long) s/&lt;sourceId&gt;/}:
 *
 * <pre>
 * s/&lt;sourceId&gt;/e/&lt;jobId&gt;/&lt;status&gt;/&lt;taskId, 19 digits&gt;        -> task key   (entries store)
 * s/&lt;sourceId&gt;/b/&lt;jobId&gt;/&lt;status&gt;/&lt;taskId &gt;&gt; 10, 16 digits&gt; -> count
 * s/&lt;sourceId&gt;/c/&lt;jobId&gt;/&lt;status&gt;                        -> count
 * </pre>
 *
 * so a reader pages it exactly as the list index (a {@link ListIndex#view} of the two stores' {@link ScopedView}s).
 * The entries are in {@link ListIndex#entriesStore its entries store}, uncached, the counts and the completion mark
 * in the index store, cached, as for the list index. A task MMA sent without a job id is not indexed. Like the list
 * index it lives in the task tracker's task, is written in the same step as the snapshot store, and carries a
 * completion mark ({@link #COMPLETE}): a store without it is rebuilt when its task starts.
 */
public final class JobTaskIndex {

    /** Present once the index holds every task of its snapshot store; the digit is the layout's version. */
    public static final String COMPLETE = ListIndex.COMPLETE;

    private final ListIndex index;

    /** @param counts the index store, {@code entries} its entries store ({@link ListIndex#ListIndex}) */
    public JobTaskIndex(KeyValueStore<String, String> counts, KeyValueStore<String, String> entries) {
        this.index = new ListIndex(counts, entries);
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
        if (!Objects.equals(jobBefore, jobAfter) || !Objects.equals(before, after)) {
            index.move(scope(sourceId), key, jobBefore, before, jobAfter, after, taskId);
        }
    }

    /** Whether the index holds every task of its snapshot store. */
    public boolean isComplete() {
        return index.isComplete();
    }

    /** Clears the index; tell the returned rebuild every stored task, then {@link Rebuild#finish() finish} it. */
    public Rebuild rebuild() {
        return new Rebuild(index.rebuild());
    }

    /** An index being rebuilt: entries are written as they come, counts are summed and written at the end. */
    public static final class Rebuild {

        private final ListIndex.Rebuild rebuild;

        private Rebuild(ListIndex.Rebuild rebuild) {
            this.rebuild = rebuild;
        }

        /** Indexes one stored task ({@code jobId} null: not indexed). */
        public void add(String key, long sourceId, Long jobId, long taskId, String status) {
            rebuild.add(scope(sourceId), key, jobId, taskId, status);
        }

        /** Writes the counts and the completion mark; returns the number of tasks indexed. */
        public long finish() {
            return rebuild.finish();
        }
    }
}

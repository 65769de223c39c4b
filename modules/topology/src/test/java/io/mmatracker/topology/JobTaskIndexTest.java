package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.task;
import static io.mmatracker.topology.TrackerDriver.T0;
import static io.mmatracker.topology.TrackerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.topology.list.JobTaskIndex;
import io.mmatracker.topology.list.ListIndex;
import io.mmatracker.topology.list.ScopedView;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-job task index follows every task's job and status, and reads as a list index of the source's jobs. */
class JobTaskIndexTest {

    private static final long SOURCE = Snapshots.SOURCE;
    private static final String SCOPE = JobTaskIndex.scope(SOURCE);

    @TempDir
    Path stateDir;
    TrackerDriver tracker;

    @BeforeEach
    void start() {
        tracker = new TrackerDriver(stateDir);
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void tasksAreIndexedByJobAndStatusAndMoveWithTheirStatus() {
        tracker.tasks.pipeInput(key(1), task(1, "DATA_DOING", null, T0));
        tracker.tasks.pipeInput(key(2), task(2, "DATA_DOING", null, T0));
        tracker.tasks.pipeInput(key(3), inJob(task(3, "DONE", null, T0), 11));
        tracker.tasks.pipeInput(key(1), task(1, "DATA_FAILED", "boom", T0.plusSeconds(1)));

        assertThat(index()).containsExactly(
                Map.entry(SCOPE + ListIndex.bucket(10, "DATA_DOING", 2), "1"),
                Map.entry(SCOPE + ListIndex.bucket(10, "DATA_FAILED", 1), "1"),
                Map.entry(SCOPE + ListIndex.bucket(11, "DONE", 3), "1"),
                Map.entry(SCOPE + ListIndex.count(10, "DATA_DOING"), "1"),
                Map.entry(SCOPE + ListIndex.count(10, "DATA_FAILED"), "1"),
                Map.entry(SCOPE + ListIndex.count(11, "DONE"), "1"),
                Map.entry(SCOPE + ListIndex.entry(10, "DATA_DOING", 2), key(2)),
                Map.entry(SCOPE + ListIndex.entry(10, "DATA_FAILED", 1), key(1)),
                Map.entry(SCOPE + ListIndex.entry(11, "DONE", 3), key(3)));

        // a view of the source's part reads as a list index with the job in the source's place
        var view = ListIndex.view(new ScopedView(tracker.<String>store(StoreNames.JOB_TASK_INDEX), SCOPE),
                new ScopedView(tracker.<String>store(ListIndex.entriesStore(StoreNames.JOB_TASK_INDEX)), SCOPE));
        assertThat(view.get(ListIndex.count(10, "DATA_FAILED"))).isEqualTo("1");
        try (var counts = view.prefixScan(ListIndex.counts(10), new org.apache.kafka.common.serialization.StringSerializer())) {
            assertThat(counts).toIterable().extracting(kv -> kv.key)
                    .containsExactly(ListIndex.count(10, "DATA_DOING"), ListIndex.count(10, "DATA_FAILED"));
        }
        try (var entries = view.reverseRange(ListIndex.entries(10, "DATA_FAILED"), ListIndex.entries(10, "DATA_FAILED") + "9")) {
            assertThat(entries).toIterable().extracting(kv -> kv.value).containsExactly(key(1));
        }
    }

    @Test
    void aTaskThatMovesToAnotherJobOrIsDeletedLeavesNoTrace() {
        tracker.tasks.pipeInput(key(1), task(1, "DATA_DOING", null, T0));
        tracker.tasks.pipeInput(key(2), task(2, "DATA_DOING", null, T0));
        tracker.tasks.pipeInput(key(1), inJob(task(1, "DATA_DOING", null, T0.plusSeconds(1)), 12));
        tracker.tasks.pipeInput(key(2), (TaskSnapshot) null);
        TaskSnapshot orphan = task(4, "INIT", null, T0);
        orphan.getTask().setJobId(null);
        tracker.tasks.pipeInput(key(4), orphan);

        assertThat(index()).containsExactly(
                Map.entry(SCOPE + ListIndex.bucket(12, "DATA_DOING", 1), "1"),
                Map.entry(SCOPE + ListIndex.count(12, "DATA_DOING"), "1"),
                Map.entry(SCOPE + ListIndex.entry(12, "DATA_DOING", 1), key(1)));
    }

    @Test
    void aNewIndexIsCompleteAndARebuildIndexesEveryStoredTask() {
        KeyValueStore<String, String> store = tracker.store(StoreNames.JOB_TASK_INDEX);
        assertThat(store.get(JobTaskIndex.COMPLETE)).isNotNull();
        tracker.tasks.pipeInput(key(1), task(1, "DATA_DOING", null, T0));
        Map<String, String> before = index();

        // what SnapshotTracker.init does with an index that lacks its mark
        JobTaskIndex index = new JobTaskIndex(store, tracker.store(ListIndex.entriesStore(StoreNames.JOB_TASK_INDEX)));
        JobTaskIndex.Rebuild rebuild = index.rebuild();
        assertThat(index.isComplete()).isFalse();
        rebuild.add(key(1), SOURCE, 10L, 1, "DATA_DOING");
        rebuild.add(key(5), SOURCE, null, 5, "INIT");
        assertThat(rebuild.finish()).isEqualTo(1);
        assertThat(index.isComplete()).isTrue();
        assertThat(index()).isEqualTo(before);
    }

    private static TaskSnapshot inJob(TaskSnapshot snapshot, long jobId) {
        snapshot.getTask().setJobId(jobId);
        return snapshot;
    }

    /** The entries and counts, without the completion mark. */
    private Map<String, String> index() {
        return tracker.index(StoreNames.JOB_TASK_INDEX);
    }
}

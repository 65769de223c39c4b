package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.job;
import static io.mmatracker.topology.Snapshots.table;
import static io.mmatracker.topology.TrackerDriver.T0;
import static io.mmatracker.topology.TrackerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.topology.list.ListIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list index follows every object's status: one entry per object, counts per status and per bucket of ids. */
class ListIndexTest {

    private static final long SOURCE = Snapshots.SOURCE;

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
    void entriesSortByIdWithinAStatusAndCountsFollowEveryMove() {
        tracker.tables.pipeInput(key(9), table(9, "DOING", 1, 1, 0, 0, T0));
        tracker.tables.pipeInput(key(10), table(10, "DOING", 1, 1, 0, 0, T0));
        tracker.tables.pipeInput(key(2048), table(2048, "DONE", 1, 0, 1, 0, T0));
        tracker.tables.pipeInput(key(9), table(9, "DONE", 1, 0, 1, 0, T0.plusSeconds(1)));
        // progress only: the index does not move
        tracker.tables.pipeInput(key(10), table(10, "DOING", 2, 1, 1, 0, T0.plusSeconds(1)));

        assertThat(index(ObjectKind.TABLE)).containsExactly(
                Map.entry(ListIndex.bucket(SOURCE, "DOING", 10), "1"),
                Map.entry(ListIndex.bucket(SOURCE, "DONE", 9), "1"),
                Map.entry(ListIndex.bucket(SOURCE, "DONE", 2048), "1"),
                Map.entry(ListIndex.count(SOURCE, "DOING"), "1"),
                Map.entry(ListIndex.count(SOURCE, "DONE"), "2"),
                Map.entry(ListIndex.entry(SOURCE, "DOING", 10), key(10)),
                Map.entry(ListIndex.entry(SOURCE, "DONE", 9), key(9)),
                Map.entry(ListIndex.entry(SOURCE, "DONE", 2048), key(2048)));
        assertThat(ListIndex.idOf(ListIndex.entry(SOURCE, "DONE", 2048))).isEqualTo(2048);
        assertThat(ListIndex.bucketOf(ListIndex.bucket(SOURCE, "DONE", 2048))).isEqualTo(2);
        assertThat(ListIndex.statusOf(ListIndex.count(SOURCE, "DONE"))).isEqualTo("DONE");
    }

    @Test
    void aDeletedObjectLeavesNoEntryAndEmptyCountsAreRemoved() {
        tracker.jobs.pipeInput(key(1), job(1, "DOING", 0, 10, T0));
        tracker.jobs.pipeInput(key(2), job(2, "DOING", 0, 10, T0));
        tracker.jobs.pipeInput(key(1), (io.mmatracker.schema.JobSnapshot) null);
        tracker.jobs.pipeInput(key(2), job(2, "FAILED", 0, 10, T0.plusSeconds(1)));

        assertThat(index(ObjectKind.JOB)).containsExactly(
                Map.entry(ListIndex.bucket(SOURCE, "FAILED", 2), "1"),
                Map.entry(ListIndex.count(SOURCE, "FAILED"), "1"),
                Map.entry(ListIndex.entry(SOURCE, "FAILED", 2), key(2)));
    }

    @Test
    void staleAndRepeatedSnapshotsDoNotMoveTheIndex() {
        tracker.tables.pipeInput(key(5), table(5, "DONE", 1, 0, 1, 0, T0.plusSeconds(10)));
        tracker.tables.pipeInput(key(5), table(5, "FAILED", 1, 0, 0, 1, T0));
        tracker.tables.pipeInput(key(5), table(5, "DONE", 1, 0, 1, 0, T0.plusSeconds(10)));

        assertThat(index(ObjectKind.TABLE)).containsEntry(ListIndex.count(SOURCE, "DONE"), "1")
                .doesNotContainKey(ListIndex.count(SOURCE, "FAILED"));
    }

    @Test
    void statusesWithSlashesAndMissingStatusesKeepTheirOwnRanges() {
        assertThat(ListIndex.entries(SOURCE, "A/B")).isNotEqualTo(ListIndex.entries(SOURCE, "A"))
                .doesNotStartWith(ListIndex.entries(SOURCE, "A"));
        assertThat(ListIndex.statusOf(ListIndex.count(SOURCE, "A/B%"))).isEqualTo("A/B%");
        assertThat(ListIndex.statusOf(ListIndex.count(SOURCE, null))).isEmpty();
    }

    @Test
    void entriesAreInTheEntriesStoreAndCountsInTheIndexStore() {
        tracker.tables.pipeInput(key(9), table(9, "DOING", 1, 1, 0, 0, T0));

        String index = StoreNames.listIndex(ObjectKind.TABLE);
        assertThat(tracker.<String>store(ListIndex.entriesStore(index)).get(ListIndex.entry(SOURCE, "DOING", 9))).isEqualTo(key(9));
        assertThat(tracker.<String>store(index).get(ListIndex.entry(SOURCE, "DOING", 9))).isNull();
        assertThat(tracker.<String>store(index).get(ListIndex.count(SOURCE, "DOING"))).isEqualTo("1");
        // the query's pager reads both as one store
        var view = ListIndex.view(tracker.<String>store(index), tracker.<String>store(ListIndex.entriesStore(index)));
        assertThat(view.get(ListIndex.entry(SOURCE, "DOING", 9))).isEqualTo(key(9));
        assertThat(view.get(ListIndex.count(SOURCE, "DOING"))).isEqualTo("1");
        try (var entries = view.range(ListIndex.entries(SOURCE, "DOING"), ListIndex.entries(SOURCE, "DOING") + "9")) {
            assertThat(entries).toIterable().extracting(kv -> kv.value).containsExactly(key(9));
        }
        try (var buckets = view.reverseRange(ListIndex.buckets(SOURCE, "DOING"), ListIndex.buckets(SOURCE, "DOING") + "9")) {
            assertThat(buckets).toIterable().extracting(kv -> kv.value).containsExactly("1");
        }
    }

    @Test
    void aNewIndexIsCompleteFromTheStart() {
        assertThat(tracker.<String>store(StoreNames.listIndex(ObjectKind.TABLE)).get(ListIndex.COMPLETE)).isNotNull();
        assertThat(tracker.<String>store(StoreNames.listIndex(ObjectKind.JOB)).get(ListIndex.COMPLETE)).isNotNull();
    }

    /** The entries and counts, without the completion mark. */
    private Map<String, String> index(ObjectKind kind) {
        return tracker.index(StoreNames.listIndex(kind));
    }

    /**
     * A move writes the object's new entry before it deletes the old one: a standby applies the entries' changelog in
     * batches, and a reader between the two writes must see the object twice (the pager drops the second), not never.
     * A move between two statuses written alike (none and the empty one) keeps the entry.
     */
    @Test
    void aMoveWritesTheNewEntryBeforeItDeletesTheOldOne() {
        java.util.List<String> writes = new java.util.ArrayList<>();
        java.util.TreeMap<String, String> entries = new java.util.TreeMap<>();
        ListIndex index = new ListIndex(recording(new java.util.TreeMap<>(), null), recording(entries, writes));
        index.move(key(5), 2, 5, false, null, true, "DOING");
        writes.clear();

        index.move(key(5), 2, 5, true, "DOING", true, "DONE");
        assertThat(writes).containsExactly("put " + ListIndex.entry(2, "DONE", 5), "delete " + ListIndex.entry(2, "DOING", 5));

        index.move(key(5), 2, 5, true, "DONE", true, null);
        index.move(key(5), 2, 5, true, null, true, "");
        assertThat(entries).containsOnlyKeys(ListIndex.entry(2, "", 5));
    }

    /** A key-value store over a sorted map that logs its puts and deletes into {@code writes} (unless null). */
    @SuppressWarnings("unchecked")
    private static org.apache.kafka.streams.state.KeyValueStore<String, String> recording(
            java.util.TreeMap<String, String> map, java.util.List<String> writes) {
        return (org.apache.kafka.streams.state.KeyValueStore<String, String>) java.lang.reflect.Proxy.newProxyInstance(
                ListIndexTest.class.getClassLoader(), new Class<?>[] {org.apache.kafka.streams.state.KeyValueStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> map.get((String) args[0]);
                    case "put" -> {
                        if (writes != null) {
                            writes.add("put " + args[0]);
                        }
                        yield map.put((String) args[0], (String) args[1]);
                    }
                    case "delete" -> {
                        if (writes != null) {
                            writes.add("delete " + args[0]);
                        }
                        yield map.remove((String) args[0]);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

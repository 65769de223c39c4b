package io.mmatracker.query.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.state.StoredValue;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.topology.state.HistoryEntry;
import io.mmatracker.topology.state.ObjectHistory;

class EncodedDataCacheTest {

    private final AtomicInteger encodings = new AtomicInteger();
    /** Writes what it was given, so a stale answer shows in the bytes. */
    private final DataWriter echoing = (store, value, view) -> {
        encodings.incrementAndGet();
        return (view + " " + value).getBytes(StandardCharsets.UTF_8);
    };

    @Test
    void aSnapshotVersionIsEncodedOnceAndANewerVersionReplacesIt() {
        EncodedDataCache cache = new EncodedDataCache(echoing, 1 << 20);

        EncodedDataCache.Encoded first = encoded(cache, SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DOING"), View.FULL);
        EncodedDataCache.Encoded again = encoded(cache, SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DOING"), View.FULL);
        assertThat(encodings).hasValue(1);
        assertThat(again.data()).isSameAs(first.data());
        assertThat(again.observedAt()).isEqualTo(Snapshots.OBSERVED);

        Instant later = Instant.parse("2025-01-01T00:00:00Z");
        EncodedDataCache.Encoded newer = encoded(cache, SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DONE", later), View.FULL);
        assertThat(encodings).hasValue(2);
        assertThat(text(newer)).contains("DONE");
        assertThat(newer.observedAt()).isEqualTo(later);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void aChangedSnapshotWithTheSameObservedAtIsNeverServedFromTheCache() {
        EncodedDataCache cache = new EncodedDataCache(echoing, 1 << 20);
        encoded(cache, SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DOING"), View.FULL);

        // re-published at the same millisecond with another status (a second poller after a hand-over, say)
        EncodedDataCache.Encoded changed = encoded(cache, SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DONE"), View.FULL);

        assertThat(text(changed)).contains("DONE").doesNotContain("DOING");
        assertThat(encodings).hasValue(2);
    }

    @Test
    void storedBytesEqualToTheEntrysAreServedWithoutDecoding() {
        EncodedDataCache cache = new EncodedDataCache(echoing, 1 << 20);
        AtomicInteger decodings = new AtomicInteger();
        JobSnapshot doing = Snapshots.job(1, 1, "DOING");

        EncodedDataCache.Encoded first = stored(cache, "1/1", doing, decodings);
        EncodedDataCache.Encoded again = stored(cache, "1/1", doing, decodings);

        assertThat(again.data()).isSameAs(first.data());
        assertThat(again.observedAt()).isEqualTo(Snapshots.OBSERVED);
        assertThat(decodings).hasValue(1);
        assertThat(encodings).hasValue(1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void changedStoredBytesWithTheSameObservedAtAreNeverServedFromTheCache() {
        EncodedDataCache cache = new EncodedDataCache(echoing, 1 << 20);
        AtomicInteger decodings = new AtomicInteger();
        stored(cache, "1/1", Snapshots.job(1, 1, "DOING"), decodings);

        // re-published at the same millisecond with another status: other bytes, so decoded and encoded again
        EncodedDataCache.Encoded changed = stored(cache, "1/1", Snapshots.job(1, 1, "DONE"), decodings);
        EncodedDataCache.Encoded typedAfter = encoded(cache, SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DOING"), View.FULL);

        assertThat(text(changed)).contains("DONE").doesNotContain("DOING");
        // a typed read of the old value does not match an entry made from stored bytes either
        assertThat(text(typedAfter)).contains("DOING").doesNotContain("DONE");
        assertThat(decodings).hasValue(2);
        assertThat(encodings).hasValue(3);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void aHistoryThatGainsAnEntryAtTheSameObservedAtIsEncodedAgain() {
        // The topology records a status change and then the alert it raised, two puts with one observedAt.
        EncodedDataCache cache = new EncodedDataCache(echoing, 1 << 20);
        HistoryEntry change = HistoryEntry.newBuilder().setEvent("status-change").setObservedAt(1_000).setChangeType("STATUS")
                .setFromStatus("SCHEMA_DOING").setToStatus("DATA_DOING").build();
        HistoryEntry alert = HistoryEntry.newBuilder().setEvent("alert").setObservedAt(1_000).setAlertId("a1").setType("STALLED")
                .setState("FIRING").build();
        encoded(cache, SnapshotStore.JOB_HISTORY, "1/1", history(change), View.FULL);

        EncodedDataCache.Encoded both = encoded(cache, SnapshotStore.JOB_HISTORY, "1/1", history(alert, change), View.FULL);

        assertThat(text(both)).contains("STALLED");
        assertThat(encodings).hasValue(2);
    }

    @Test
    void eachKeyAndViewHasItsOwnEntry() {
        EncodedDataCache cache = new EncodedDataCache(echoing, 1 << 20);
        SpecificRecord source = Snapshots.dataSource(1);

        encoded(cache, SnapshotStore.DATA_SOURCES, "1", source, View.FULL);
        EncodedDataCache.Encoded withoutConfig = encoded(cache, SnapshotStore.DATA_SOURCES, "1", source, View.WITHOUT_CONFIG);
        EncodedDataCache.Encoded other = encoded(cache, SnapshotStore.JOBS, "1/2", Snapshots.job(1, 2, "DOING"), View.FULL);
        EncodedDataCache.Encoded first = encoded(cache, SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DOING"), View.FULL);

        assertThat(text(withoutConfig)).startsWith(View.WITHOUT_CONFIG.toString());
        assertThat(text(other)).contains("\"id\": 2,");
        assertThat(text(first)).contains("\"id\": 1,");
        assertThat(encodings).hasValue(4);
    }

    @Test
    void theByteBudgetBoundsTheCache() {
        EncodedDataCache cache = new EncodedDataCache(echoing, 50_000);
        for (int i = 0; i < 2_000; i++) {
            encoded(cache, SnapshotStore.JOBS, "1/" + i, Snapshots.job(1, i, "DOING"), View.FULL);
        }
        assertThat(cache.weightBytes()).isLessThanOrEqualTo(50_000);
        assertThat(cache.size()).isBetween(1L, 250L);
    }

    @Test
    void entriesReadSinceTheLastSweepOutliveThoseNotRead() {
        // 100 entries fill the budget; 50 of them are read again; 20 new ones then push the cache over it twice
        int entryWeight = weightOfOneJob();
        EncodedDataCache cache = new EncodedDataCache(echoing, 100L * entryWeight);
        for (int i = 0; i < 100; i++) {
            encoded(cache, SnapshotStore.JOBS, "1/" + i, Snapshots.job(1, i, "DOING"), View.FULL);
        }
        for (int i = 0; i < 100; i += 2) {
            encoded(cache, SnapshotStore.JOBS, "1/" + i, Snapshots.job(1, i, "DOING"), View.FULL);
        }
        assertThat(cache.hits()).isEqualTo(50);
        for (int i = 100; i < 120; i++) {
            encoded(cache, SnapshotStore.JOBS, "1/" + i, Snapshots.job(1, i, "DOING"), View.FULL);
        }
        assertThat(cache.size()).isLessThan(120);

        int before = encodings.get();
        for (int i = 0; i < 100; i += 2) {
            encoded(cache, SnapshotStore.JOBS, "1/" + i, Snapshots.job(1, i, "DOING"), View.FULL);
        }
        assertThat(encodings.get() - before).as("re-read entries encoded again").isZero();
    }

    /** The weight the cache gives one job of {@link #echoing}'s size (ids below 1000 have the same length). */
    private int weightOfOneJob() {
        EncodedDataCache probe = new EncodedDataCache(echoing, 1 << 20);
        encoded(probe, SnapshotStore.JOBS, "1/10", Snapshots.job(1, 10, "DOING"), View.FULL);
        encodings.set(0);
        return (int) probe.weightBytes();
    }

    private static EncodedDataCache.Encoded encoded(EncodedDataCache cache, SnapshotStore store, String key, SpecificRecord value,
                                                    View view) {
        return cache.encoded(store, key, new LocalRead.Hit(value, false), view);
    }

    /** A GET's read of the stored bytes of a job snapshot, decoded (and counted) only when the cache asks. */
    private static EncodedDataCache.Encoded stored(EncodedDataCache cache, String key, JobSnapshot value, AtomicInteger decodings) {
        AvroSerde<JobSnapshot> serde = new AvroSerde<>(JobSnapshot.class);
        byte[] bytes = serde.serializer().serialize("jobs", value);
        StoredValue read = StoredValue.ofBytes(bytes, () -> {
            decodings.incrementAndGet();
            return serde.deserializer().deserialize("jobs", bytes);
        });
        return cache.encoded(SnapshotStore.JOBS, key, new LocalRead.Hit(read, false), View.FULL);
    }

    private static ObjectHistory history(HistoryEntry... newestFirst) {
        return ObjectHistory.newBuilder().setEntries(new ArrayList<>(List.of(newestFirst))).build();
    }

    private static String text(EncodedDataCache.Encoded encoded) {
        return new String(encoded.data(), StandardCharsets.UTF_8);
    }
}

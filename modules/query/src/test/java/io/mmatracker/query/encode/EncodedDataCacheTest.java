package io.mmatracker.query.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.Snapshots;

class EncodedDataCacheTest {

    private final AtomicInteger encodings = new AtomicInteger();
    private final DataWriter counting = (store, value, view) -> {
        encodings.incrementAndGet();
        return new byte[100];
    };

    @Test
    void aSnapshotVersionIsEncodedOnceAndANewerVersionReplacesIt() {
        EncodedDataCache cache = new EncodedDataCache(counting, 1 << 20);

        cache.encoded(SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DOING"), View.FULL);
        cache.encoded(SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DOING"), View.FULL);
        assertThat(encodings).hasValue(1);

        cache.encoded(SnapshotStore.JOBS, "1/1", Snapshots.job(1, 1, "DONE", Instant.parse("2025-01-01T00:00:00Z")), View.FULL);
        assertThat(encodings).hasValue(2);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void equalStoredBytesAreAHitWithoutDecodingTheValue() {
        EncodedDataCache cache = new EncodedDataCache(counting, 1 << 20);
        AtomicInteger decodings = new AtomicInteger();
        byte[] stored = {1, 2, 3};
        LocalRead.Hit hit = new LocalRead.Hit(stored, () -> {
            decodings.incrementAndGet();
            return Snapshots.job(1, 1, "DOING");
        }, false);

        EncodedDataCache.Encoded first = cache.encoded(SnapshotStore.JOBS, "1/1", hit, View.FULL);
        EncodedDataCache.Encoded second = cache.encoded(SnapshotStore.JOBS, "1/1", new LocalRead.Hit(stored.clone(), () -> {
            throw new AssertionError("a hit must not decode");
        }, false), View.FULL);

        assertThat(decodings).hasValue(1);
        assertThat(encodings).hasValue(1);
        assertThat(second.data()).isSameAs(first.data());
        assertThat(second.observedAt()).isEqualTo(Snapshots.OBSERVED);
        cache.encoded(SnapshotStore.JOBS, "1/1", new LocalRead.Hit(new byte[] {9}, () -> Snapshots.job(1, 1, "DONE",
                Instant.parse("2025-01-01T00:00:00Z")), false), View.FULL);
        assertThat(encodings).hasValue(2);
    }

    @Test
    void theByteBudgetBoundsTheCache() {
        EncodedDataCache cache = new EncodedDataCache(counting, 50_000);
        for (int i = 0; i < 2_000; i++) {
            cache.encoded(SnapshotStore.JOBS, "1/" + i, Snapshots.job(1, i, "DOING"), View.FULL);
        }
        assertThat(cache.weightBytes()).isLessThanOrEqualTo(50_000);
        assertThat(cache.size()).isBetween(1L, 250L);
    }
}

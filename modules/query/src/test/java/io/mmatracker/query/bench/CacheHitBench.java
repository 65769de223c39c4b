package io.mmatracker.query.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mmatracker.query.encode.EncodedDataCache;
import io.mmatracker.query.encode.View;
import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.state.StoredValue;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.serde.AvroSerde;

/**
 * CPU time of one cache hit of a GET (not a test; the command is in the query README): {@link EncodedDataCache}'s whole
 * hit path (its map lookup, the byte comparison with the stored bytes, the reference bit), and the same lookup and
 * comparison in a Caffeine cache built as the encoded-data cache was (weigher, {@code maximumWeight}, maintenance on
 * the calling thread) and in a plain {@code ConcurrentHashMap}, each full of N entries of the benchmark's jobs (their stored bytes and 900 bytes of JSON) and read by random key from two threads, as the
 * GET path reads. CPU time of the reading threads, so a loaded machine moves it less than wall time.
 */
public final class CacheHitBench {

    private record Key(SnapshotStore store, String key, View view) {
    }

    private record Entry(byte[] stored, byte[] bytes) {
    }

    private CacheHitBench() {
    }

    public static void main(String[] args) throws Exception {
        int entries = Integer.parseInt(args.length > 0 ? args[0] : "100000");
        long reads = Long.parseLong(args.length > 1 ? args[1] : "10000000");
        int threads = 2;
        String[] keys = new String[entries];
        byte[][] stored = new byte[entries][];
        byte[][] read = new byte[entries][];   // equal bytes in other arrays, as a store read brings them
        AvroSerde<JobSnapshot> serde = new AvroSerde<>(JobSnapshot.class);
        EncodedDataCache ours = new EncodedDataCache((store, value, view) -> new byte[900], 1L << 30);
        Cache<Key, Entry> caffeine = Caffeine.newBuilder().maximumWeight(1L << 30)
                .weigher((Key key, Entry entry) -> entry.stored().length + entry.bytes().length + 120).executor(Runnable::run).build();
        for (int i = 0; i < entries; i++) {
            keys[i] = "2000001/" + (100_000_001 + i);
            JobSnapshot job = BenchServer.job(i + 1);
            stored[i] = serde.serializer().serialize("jobs", job);
            byte[] bytes = stored[i];
            read[i] = bytes.clone();
            ours.encoded(SnapshotStore.JOBS, keys[i], new LocalRead.Hit(StoredValue.ofBytes(bytes, () -> job), false), View.FULL);
            caffeine.put(new Key(SnapshotStore.JOBS, keys[i], View.FULL), new Entry(bytes.clone(), new byte[900]));
        }
        ConcurrentHashMap<Key, Entry> map = new ConcurrentHashMap<>();
        caffeine.asMap().forEach(map::put);
        for (int round = 1; round <= 3; round++) {
            double oursNs = run(threads, reads, i -> ours.encoded(SnapshotStore.JOBS, keys[i], hit(read[i]), View.FULL).data().length, entries);
            double caffeineNs = run(threads, reads, i -> {
                Entry entry = caffeine.getIfPresent(new Key(SnapshotStore.JOBS, keys[i], View.FULL));
                return Arrays.equals(entry.stored(), hit(read[i]).stored().bytes()) ? entry.bytes().length : -1;
            }, entries);
            double mapNs = run(threads, reads, i -> {
                Entry entry = map.get(new Key(SnapshotStore.JOBS, keys[i], View.FULL));
                return Arrays.equals(entry.stored(), hit(read[i]).stored().bytes()) ? entry.bytes().length : -1;
            }, entries);
            System.out.printf("round %d: ns of CPU per hit: EncodedDataCache %.0f, the same lookup and comparison in Caffeine %.0f, "
                    + "in a ConcurrentHashMap %.0f (%d entries, %d threads)%n", round, oursNs, caffeineNs, mapNs, entries, threads);
        }
        if (ours.misses() != entries) {
            throw new IllegalStateException("the reads missed: " + ours.misses());
        }
    }

    private static LocalRead.Hit hit(byte[] bytes) {
        return new LocalRead.Hit(StoredValue.ofBytes(bytes, () -> {
            throw new IllegalStateException("a hit decodes nothing");
        }), false);
    }

    private interface Read {
        int read(int index);
    }

    private static double run(int threads, long reads, Read read, int entries) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        LongAdder cpuNanos = new LongAdder();
        try {
            Future<?>[] running = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                running[t] = pool.submit(() -> {
                    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                    long start = mx.getCurrentThreadCpuTime();
                    long sink = 0;
                    for (long i = 0; i < reads / threads; i++) {
                        sink += read.read(ThreadLocalRandom.current().nextInt(entries));
                    }
                    cpuNanos.add(mx.getCurrentThreadCpuTime() - start);
                    return sink;
                });
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (double) cpuNanos.sum() / reads;
    }
}

// How long creating and opening the tracker's ~100 RocksDB stores takes, from one thread (as one Kafka Streams thread
// opens its tasks' stores) and from several (as several stream threads do), in a fresh directory each time (not part
// of the build; Java's source launcher compiles it):
//   java -cp modules/app/target/mma-tracker.jar modules/app/bench/RocksDbOpen.java [stores=99] [threads=1,3] [dir=/tmp]
// Each store is opened as Streams opens a timestamped key-value store (the default and one more column family, created
// if missing); creating one writes and syncs ~11 files (CURRENT, MANIFEST, OPTIONS, the directory), so on a busy
// disk the time is mostly waiting for fsync, which stores opened from several threads wait for together.

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

public class RocksDbOpen {
    public static void main(String[] args) throws Exception {
        int stores = args.length > 0 ? Integer.parseInt(args[0]) : 99;
        String[] threadCounts = (args.length > 1 ? args[1] : "1,3").split(",");
        Path parent = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        RocksDB.loadLibrary();
        for (String threadCount : threadCounts) {
            int threads = Integer.parseInt(threadCount);
            Path dir = Files.createTempDirectory(parent, "rocksdb-open-");
            List<RocksDB> opened = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<RocksDB>> futures = new ArrayList<>();
            for (int i = 0; i < stores; i++) {
                Path store = dir.resolve("store-" + i);
                futures.add(pool.submit(() -> RocksDB.open(new DBOptions().setCreateIfMissing(true)
                        .setCreateMissingColumnFamilies(true), store.toString(), List.of(
                                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                                new ColumnFamilyDescriptor("keyValueWithTimestamp".getBytes(StandardCharsets.UTF_8))),
                        new ArrayList<ColumnFamilyHandle>())));
            }
            for (Future<RocksDB> future : futures) {
                opened.add(future.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            opened.forEach(RocksDB::close);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            System.out.printf("%d stores created and opened from %d thread(s) in %.2f s%n", stores, threads, seconds);
        }
    }
}

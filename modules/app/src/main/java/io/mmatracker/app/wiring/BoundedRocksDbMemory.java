package io.mmatracker.app.wiring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.Priority;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process (Kafka Streams' "bounded memory" recipe): one LRU
 * block cache of {@code streams.rocksdb-memory-mb} shared by all stores, with the memtables charged to it through one
 * write buffer manager (half of it) and the index and filter blocks kept in it. Without this each of the tracker's ~30
 * stores per partition has its own 50 MB cache and up to three 16 MB memtables, which is what took the tracker's RSS
 * past 1 GB at a million tables. The cache and the manager live as long as the process (every store shares them), so
 * {@link #close} closes nothing.
 * <p>
 * Once the memtables of all stores together pass the manager's limit, RocksDB switches the memtable of every store
 * written next, however small: with ~84 stores that is a storm of tiny flushes, each ending in an fsync, on Kafka
 * Streams' one flush thread, and a store whose memtables all wait for it stops its writes (seen at 46,669 tables of
 * 10 x 10,000: the stream thread parked in {@code DBImpl::DelayWrite} for minutes, the flush thread in
 * {@code fdatasync}). So each store's own memtable is small (1/32 of the budget, at most 16 MB) and flushes by its own
 * size, as without the bound, long before the manager's limit (3/4 of the budget) is reached; three memtables per
 * store and two flush threads absorb slow disks.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The Streams property carrying the budget in bytes (Streams hands every property to the setter). */
    public static final String BYTES = "mma.tracker.rocksdb.memory.bytes";

    private static final long BLOCK_SIZE = 16 * 1024;
    private static final double HIGH_PRIORITY_RATIO = 0.1;
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    /** Memtables per store before writes stop: one filling while up to two wait for the flush thread. */
    static final int WRITE_BUFFERS = 3;
    /** Flush threads of the process (RocksDB's default environment; Kafka Streams leaves one). */
    static final int FLUSH_THREADS = 2;
    private static final long MAX_WRITE_BUFFER = 16L * 1024 * 1024;

    private record Shared(Cache cache, WriteBufferManager writeBuffers, long writeBufferSize) {
        static Shared of(long bytes) {
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_RATIO);
            return new Shared(cache, new WriteBufferManager(bytes * 3 / 4, cache),
                    Math.min(MAX_WRITE_BUFFER, bytes / 32));
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = Long.parseLong(String.valueOf(configs.get(BYTES)));
        Shared shared = SHARED.computeIfAbsent(bytes, Shared::of);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        // Kafka Streams' setIncreaseParallelism, run for every store before this, leaves the process one flush thread
        options.getEnv().setBackgroundThreads(FLUSH_THREADS, Priority.HIGH);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setWriteBufferSize(shared.writeBufferSize());
        options.setMaxWriteBufferNumber(WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: they stay open.
    }
}

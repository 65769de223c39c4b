package io.mmatracker.app.wiring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process (Kafka Streams' "bounded memory" recipe): one LRU
 * block cache of {@code streams.rocksdb-memory-mb} shared by all stores, with the memtables charged to it through one
 * write buffer manager (half of it) and the index and filter blocks kept in it. Without this each of the tracker's ~30
 * stores per partition has its own 50 MB cache and up to three 16 MB memtables, which is what took the tracker's RSS
 * past 1 GB at a million tables. The cache and the manager live as long as the process (every store shares them), so
 * {@link #close} closes nothing.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The Streams property carrying the budget in bytes (Streams hands every property to the setter). */
    public static final String BYTES = "mma.tracker.rocksdb.memory.bytes";

    private static final long BLOCK_SIZE = 16 * 1024;
    private static final double HIGH_PRIORITY_RATIO = 0.1;
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
        static Shared of(long bytes) {
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_RATIO);
            return new Shared(cache, new WriteBufferManager(bytes / 2, cache));
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
        options.setWriteBufferManager(shared.writeBuffers());
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: they stay open.
    }
}

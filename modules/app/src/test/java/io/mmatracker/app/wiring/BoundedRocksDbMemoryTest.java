package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import io.mmatracker.app.config.Settings;

/** The RocksDB memory bound: on by default with the catalog's budget, off at 0, and what it sets on a store's options. */
class BoundedRocksDbMemoryTest {

    @Test
    void theCatalogBudgetReachesStreamsAndZeroLeavesRocksDbAlone() {
        assertThat(properties(Map.of())).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class)
                .containsEntry(BoundedRocksDbMemory.BYTES, 128L * 1024 * 1024);
        assertThat(properties(Map.of("streams.rocksdb-memory-mb", "0")))
                .doesNotContainKeys(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.BYTES);
    }

    @Test
    void everyStoreSharesOneCacheThatHoldsItsIndexesAndMemtables() {
        RocksDB.loadLibrary();
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
             Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
            setter.setConfig("a", first, Map.of(BoundedRocksDbMemory.BYTES, 8L * 1024 * 1024));
            setter.setConfig("b", second, Map.of(BoundedRocksDbMemory.BYTES, "8388608"));
            assertThat(first.maxWriteBufferNumber()).isEqualTo(BoundedRocksDbMemory.WRITE_BUFFERS);
            assertThat(first.writeBufferSize()).as("1/32 of the budget: flushed by its own size").isEqualTo(256 * 1024);
            assertThat(((BlockBasedTableConfig) first.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
            assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager());
            setter.close("a", first);
            setter.close("b", second);
        }
    }

    private static Properties properties(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("kafka.bootstrap.servers", "localhost:9");
        all.put("streams.state-dir", "target/bounded-rocksdb-test");
        Settings settings = Settings.of(all);
        KafkaSettings kafka = KafkaSettings.from(settings, "localhost:9");
        StreamsSettings streams = StreamsSettings.from(settings);
        return StreamsRole.properties(StreamsRole.topologyConfig(kafka, streams, Map.of()), kafka, streams, null, Map.of());
    }
}

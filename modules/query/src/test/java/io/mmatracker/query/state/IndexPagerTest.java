package io.mmatracker.query.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.TopologyConfig;
import io.mmatracker.topology.TrackerTopology;
import io.mmatracker.topology.list.ListIndex;

/**
 * Pages read from the list index the real topology keeps (two RocksDB copies standing for two partitions) are
 * exactly the pages of the sorted, filtered list, whatever the page number (pages in the second half are found from
 * the last bucket down).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexPagerTest {

    private static final long SOURCE = 7;
    private static final List<String> STATUSES = List.of("INIT", "DOING", "DONE", "FAILED", "PART_DONE");

    @TempDir
    static Path stateDir;
    private final List<TopologyTestDriver> partitions = new ArrayList<>();
    /** What the source holds: id -> status. */
    private final TreeMap<Long, String> model = new TreeMap<>();

    @BeforeAll
    void start() {
        Topics topics = new Topics("test.");
        var config = new TopologyConfig(topics, Duration.ofMinutes(30), Duration.ofMinutes(1), Map.of());
        List<TestInputTopic<String, TableSnapshot>> inputs = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            var props = config.streamsProperties("pager-test", "unused:9092", stateDir.resolve("p" + p), 0, null);
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
            TopologyTestDriver driver = new TopologyTestDriver(TrackerTopology.build(config), props);
            partitions.add(driver);
            inputs.add(driver.createInputTopic(topics.tables(), new StringSerializer(), new AvroSerde<>(TableSnapshot.class).serializer()));
        }
        // ids 1..2100 without the multiples of 7 (gaps), then some move and some go away; a table of another source
        for (long id = 1; id <= 2100; id++) {
            if (id % 7 != 0) {
                put(inputs, id, STATUSES.get((int) (id % 5)));
            }
        }
        for (long id = 3; id <= 2100; id += 97) {
            if (model.containsKey(id)) {
                put(inputs, id, "DONE");
            }
        }
        for (long id = 5; id <= 2100; id += 89) {
            if (model.remove(id) != null) {
                inputs.get((int) (id % 2)).pipeInput(Keys.object(SOURCE, id), null);
            }
        }
        inputs.get(0).pipeInput(Keys.object(SOURCE + 1, 1), Snapshots.table(SOURCE + 1, 1, "DONE"));
    }

    private void put(List<TestInputTopic<String, TableSnapshot>> inputs, long id, String status) {
        model.put(id, status);
        inputs.get((int) (id % 2)).pipeInput(Keys.object(SOURCE, id), Snapshots.table(SOURCE, id, status));
    }

    @AfterAll
    void stop() {
        partitions.forEach(TopologyTestDriver::close);
    }

    @Test
    void everyPageMatchesTheSortedListWithAndWithoutAFilter() {
        for (List<String> statuses : List.of(List.<String>of(), List.of("DOING"), List.of("DONE", "FAILED"), List.of("NONE"))) {
            List<Long> expected = model.entrySet().stream()
                    .filter(e -> statuses.isEmpty() || statuses.contains(e.getValue())).map(Map.Entry::getKey).toList();
            for (long skip : new long[] {0, 1, 9, 500, 1023, 1024, 1500, 2000, expected.size() / 2, expected.size() - 3L,
                    expected.size() - 1L, expected.size(), expected.size() + 10L}) {
                if (skip < 0) {
                    continue;
                }
                IndexPager.Found found = IndexPager.page(copies(), SOURCE, statuses, skip, 100);
                List<Long> ids = found.entries().stream().map(IndexPager.Entry::id).toList();
                int from = (int) Math.min(expected.size(), skip);
                assertThat(ids).as("%s skip %d", statuses, skip)
                        .containsExactlyElementsOf(expected.subList(from, Math.min(expected.size(), from + 100)));
                assertThat(found.total()).isEqualTo(expected.size());
            }
        }
    }

    @Test
    void entriesNameTheObjectKeyAndTheCopyHoldingIt() {
        IndexPager.Found found = IndexPager.page(copies(), SOURCE, List.of(), 0, 4);

        assertThat(found.entries()).containsExactly(
                new IndexPager.Entry(1, Keys.object(SOURCE, 1), 1), new IndexPager.Entry(2, Keys.object(SOURCE, 2), 0),
                new IndexPager.Entry(3, Keys.object(SOURCE, 3), 1), new IndexPager.Entry(4, Keys.object(SOURCE, 4), 0));
    }

    /**
     * A standby copy applies the changelogs of its index's counts and entries apart, and each in batches: for a moment
     * its entries may hold an object under a status its counts do not have yet, or under its old and its new status.
     * The first page still lists every object, once.
     */
    @Test
    void aCopyWhoseEntriesAreAheadOfItsCountsListsEveryObjectOnce() {
        TreeMap<String, String> counts = new TreeMap<>();
        TreeMap<String, String> entries = new TreeMap<>();
        for (long id = 1; id <= 4; id++) {
            entries.put(ListIndex.entry(SOURCE, "DOING", id), Keys.object(SOURCE, id));
        }
        counts.put(ListIndex.bucket(SOURCE, "DOING", 1), "4");
        counts.put(ListIndex.count(SOURCE, "DOING"), "4");
        // 4 moved to DONE: its entries have the move, its counts not yet
        entries.remove(ListIndex.entry(SOURCE, "DOING", 4));
        entries.put(ListIndex.entry(SOURCE, "DONE", 4), Keys.object(SOURCE, 4));
        // 2 moving to FAILED: the new entry written, the old one not deleted yet
        entries.put(ListIndex.entry(SOURCE, "FAILED", 2), Keys.object(SOURCE, 2));
        List<ReadOnlyKeyValueStore<String, String>> lagging = List.of(ListIndex.view(new MapStore(counts), new MapStore(entries)));

        assertThat(ids(IndexPager.page(lagging, SOURCE, List.of(), 0, 10))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ids(IndexPager.page(lagging, SOURCE, List.of("DONE"), 0, 10))).containsExactly(4L);
        assertThat(ids(IndexPager.page(lagging, SOURCE, List.of("DOING", "FAILED"), 0, 10))).containsExactly(1L, 2L, 3L);
        assertThat(ids(IndexPager.page(lagging, SOURCE, List.of(), 0, 3))).as("a duplicate takes no place on the page")
                .containsExactly(1L, 2L, 3L);
        assertThat(ids(IndexPager.page(lagging, SOURCE, List.of(), 2, 10))).as("nor counts among the matches skipped")
                .containsExactly(3L, 4L);
        assertThat(ids(IndexPager.fromBucket(lagging, SOURCE, List.of(), 0, 10))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(IndexPager.page(lagging, SOURCE, List.of(), 0, 10).total()).as("the counts' total, lagging").isEqualTo(4);
    }

    private static List<Long> ids(IndexPager.Found found) {
        return found.entries().stream().map(IndexPager.Entry::id).toList();
    }

    /** A read-only store over a sorted map (a store's bytewise order is the strings' order for these ASCII keys). */
    private record MapStore(TreeMap<String, String> map) implements ReadOnlyKeyValueStore<String, String> {

        @Override
        public String get(String key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<String, String> range(String from, String to) {
            return iterator(map.subMap(from, true, to, true));
        }

        @Override
        public KeyValueIterator<String, String> reverseRange(String from, String to) {
            return iterator(map.subMap(from, true, to, true).descendingMap());
        }

        @Override
        public KeyValueIterator<String, String> all() {
            return iterator(map);
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<String, String> prefixScan(P prefix, PS serializer) {
            String text = (String) prefix;
            return iterator(map.subMap(text, true, text + Character.MAX_VALUE, false));
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }

        private static KeyValueIterator<String, String> iterator(java.util.SortedMap<String, String> entries) {
            var items = new ArrayList<>(entries.entrySet()).iterator();
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return items.hasNext();
                }

                @Override
                public KeyValue<String, String> next() {
                    var next = items.next();
                    return KeyValue.pair(next.getKey(), next.getValue());
                }

                @Override
                public void close() {
                }

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    private List<ReadOnlyKeyValueStore<String, String>> copies() {
        List<ReadOnlyKeyValueStore<String, String>> copies = new ArrayList<>();
        for (TopologyTestDriver driver : partitions) {
            String index = StoreNames.listIndex(ObjectKind.TABLE);
            copies.add(ListIndex.view(driver.getKeyValueStore(index), driver.getKeyValueStore(ListIndex.entriesStore(index))));
        }
        return copies;
    }
}

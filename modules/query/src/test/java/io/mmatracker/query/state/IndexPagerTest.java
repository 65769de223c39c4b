package io.mmatracker.query.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
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

    private List<ReadOnlyKeyValueStore<String, String>> copies() {
        List<ReadOnlyKeyValueStore<String, String>> copies = new ArrayList<>();
        for (TopologyTestDriver driver : partitions) {
            String index = StoreNames.listIndex(ObjectKind.TABLE);
            copies.add(ListIndex.view(driver.getKeyValueStore(index), driver.getKeyValueStore(ListIndex.entriesStore(index))));
        }
        return copies;
    }
}

package io.mmatracker.query.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mmatracker.query.testing.HttpTestClient;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.testkit.KafkaFixture;

/**
 * Deep list pages across two real instances (Kafka Streams of the real topology, their list indexes, HTTP between
 * them) are the pages of a single instance that holds every partition (another application on the same topics), and
 * no share reads and sends more than a bucket and a page of items whatever the page number.
 */
class DeepListPagesClusterTest {

    private static final int PARTITIONS = 4;
    private static final long SOURCE = 2000016;
    /** Ids with gaps, so that buckets of 1024 ids hold different counts: 1..2500, then 4000..8998 every other id. */
    private static final List<Long> IDS = LongStream.concat(LongStream.rangeClosed(1, 2500),
            LongStream.iterate(4000, id -> id < 9000, id -> id + 2)).boxed().toList();
    private static final Duration STARTUP = Duration.ofSeconds(180);

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    private static Topics topics;
    private static final List<TrackerNode> pair = new ArrayList<>();
    private static TrackerNode alone;

    @BeforeAll
    static void start() {
        topics = new Topics(KAFKA.uniqueName("deep") + ".");
        TrackerNode.createTopics(KAFKA, topics, PARTITIONS);
        try (KafkaProducer<String, TableSnapshot> producer = new KafkaProducer<>(KAFKA.producerProperties(), new StringSerializer(),
                new AvroSerde<>(TableSnapshot.class).serializer())) {
            for (long id : IDS) {
                producer.send(new ProducerRecord<>(topics.tables(), Keys.object(SOURCE, id), Snapshots.table(SOURCE, id, status(id))));
            }
        }
        String applicationId = KAFKA.uniqueName("deep-pair");
        pair.add(startNode(applicationId));
        pair.add(startNode(applicationId));
        alone = startNode(KAFKA.uniqueName("deep-alone"));
        // Ready when every table is listed everywhere and a list on the pair is gathered from both of them.
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> pair.stream().allMatch(DeepListPagesClusterTest::isSettled)
                && isSettled(alone) && servedBy(pair.get(0)) == 2 && servedBy(pair.get(1)) == 2);
    }

    private static String status(long id) {
        return id % 3 == 0 ? "FAILED" : id % 3 == 1 ? "DONE" : "DOING";
    }

    private static boolean isSettled(TrackerNode node) {
        if (node.streams().state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        HttpResponse<String> response = node.client().get(tables() + "pageSize=1");
        return response.statusCode() == 200 && ((Number) data(response).get("total")).longValue() == IDS.size();
    }

    private static int servedBy(TrackerNode node) {
        HttpResponse<String> response = node.client().get(tables() + "pageSize=1");
        return response.statusCode() != 200 ? 0 : response.headers().firstValue("x-mma-served-by").orElse("").split(",").length;
    }

    private static TrackerNode startNode(String applicationId) {
        return TrackerNode.start(KAFKA, topics, applicationId, Map.of());
    }

    @AfterAll
    static void stop() {
        pair.forEach(TrackerNode::close);
        if (alone != null) {
            alone.close();
        }
    }

    @Test
    void everyPageOfThePairIsTheSingleInstancesPageAndNoShareSendsMoreThanABucketAndAPage() {
        String failed = tables() + "status=FAILED&";
        String two = tables() + "status=%5B%22DONE%22%2C%22FAILED%22%5D&";
        int last = (IDS.size() + 99) / 100;
        List<String> pages = List.of(tables() + "pageNum=1&pageSize=100", tables() + "pageNum=11&pageSize=100",
                tables() + "pageNum=12&pageSize=100", tables() + "pageNum=26&pageSize=100", tables() + "pageNum=40&pageSize=100",
                tables() + "pageNum=" + last + "&pageSize=100", tables() + "pageNum=" + (last + 1) + "&pageSize=100",
                tables() + "pageNum=900&pageSize=100", tables() + "pageNum=4&pageSize=1000", tables() + "pageNum=1500&pageSize=3",
                failed + "pageNum=12&pageSize=100", failed + "pageNum=" + ((IDS.size() / 3 + 99) / 100) + "&pageSize=100",
                failed + "pageNum=300&pageSize=100", two + "pageNum=30&pageSize=100");
        for (TrackerNode node : pair) {
            for (String list : pages) {
                long sentBefore = sharedItems(pair.get(0)) + sharedItems(pair.get(1));
                HttpResponse<String> gathered = node.client().get(list);
                assertThat(gathered.statusCode()).as(list + ": " + gathered.body()).isEqualTo(200);
                assertThat(gathered.headers().firstValue("x-mma-served-by").orElseThrow().split(",")).as(list).hasSize(2);
                assertThat(data(gathered)).as(list).isEqualTo(data(alone.client().get(list)));
                int pageSize = Integer.parseInt(list.replaceAll(".*pageSize=(\\d+).*", "$1"));
                // one share per request: the other instance's (the receiver reads its own partitions without sending them)
                assertThat(sharedItems(pair.get(0)) + sharedItems(pair.get(1)) - sentBefore).as(list + ": items the other share sent")
                        .isLessThanOrEqualTo(pageSize + 1023);
            }
        }
        // and the pages are the ids a sort of every table gives, not only the same as the other application's
        Map<?, ?> deep = data(pair.get(0).client().get(tables() + "pageNum=40&pageSize=100"));
        assertThat(deep.get("total")).isEqualTo(IDS.size());
        assertThat(((List<?>) deep.get("objectList")).stream().map(o -> ((Number) ((Map<?, ?>) o).get("id")).longValue()).toList())
                .containsExactlyElementsOf(IDS.subList(3900, 4000));
        Map<?, ?> past = data(pair.get(1).client().get(tables() + "pageNum=" + (last + 1) + "&pageSize=100"));
        assertThat(past.get("total")).isEqualTo(IDS.size());
        assertThat((List<?>) past.get("objectList")).isEmpty();
    }

    private static String tables() {
        return "/api/v1/mms/datasources/" + SOURCE + "/tables?";
    }

    private static long sharedItems(TrackerNode node) {
        return (long) node.query().metrics().registry().get("mma_query_list_share_items_total").functionCounter().count();
    }

    private static Map<?, ?> data(HttpResponse<String> response) {
        return (Map<?, ?>) HttpTestClient.json(response).get("data");
    }
}

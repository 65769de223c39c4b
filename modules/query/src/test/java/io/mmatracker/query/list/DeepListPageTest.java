package io.mmatracker.query.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.testkit.FreePorts;

/**
 * Deep pages of a list gathered from two instances are read in two rounds (bucket counts, then each share's matches
 * from the page's bucket on) and are the pages a single instance holding everything answers; a share of an older
 * version, which does not know the rounds, makes the list fall back to the old gathering with the same answer.
 */
class DeepListPageTest {

    /** Ids with gaps, so that buckets of 1024 ids hold different counts: 1..3000, then 5000..7999 every other id. */
    private static final List<Long> IDS = LongStream.concat(LongStream.rangeClosed(1, 3000),
            LongStream.iterate(5000, id -> id < 8000, id -> id + 2)).boxed().toList();

    private Map<SnapshotStore, Map<String, SpecificRecord>> data;
    private TestInstance a;
    private TestInstance b;
    private TestInstance alone;
    private HttpServer olderB;

    private void start(boolean isBOlder) throws IOException {
        data = FakeState.newData();
        Endpoint ea = new Endpoint("localhost", FreePorts.next());
        Endpoint eb = new Endpoint("localhost", FreePorts.next());
        FakeState.Layout layout = new FakeState.Layout(4).assign(0, ea, eb).assign(1, eb, ea).assign(2, ea, eb).assign(3, eb, ea);
        a = new TestInstance(ea, new FakeState(ea, layout, data), Writers.mma());
        if (isBOlder) {
            // b listens elsewhere behind a proxy at its advertised address that drops X-MMA-List-Round, as an older version ignores it
            int real = FreePorts.next();
            b = new TestInstance(eb, new FakeState(eb, layout, data), Writers.mma(), QueryConfig.fromMap(Map.of("query.port", Integer.toString(real),
                    "query.advertised", eb.toString(), "query.unavailable-retry-ms", "0")));
            olderB = withoutListRound(eb.port(), real);
        } else {
            b = new TestInstance(eb, new FakeState(eb, layout, data), Writers.mma());
        }
        alone = TestInstance.alone(Writers.mma());
        for (long id : IDS) {
            SpecificRecord table = Snapshots.table(7, id, id % 3 == 0 ? "FAILED" : id % 3 == 1 ? "DONE" : "DOING");
            a.state.put(SnapshotStore.TABLES, "7/" + id, table);
            alone.state.put(SnapshotStore.TABLES, "7/" + id, table);
        }
    }

    @AfterEach
    void stop() {
        if (olderB != null) {
            olderB.stop(0);
        }
        for (TestInstance instance : new TestInstance[] {a, b, alone}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void deepPagesAreTheSingleInstancesPagesAndEachShareSendsAtMostABucketAndAPage() throws IOException {
        start(false);
        for (String list : pages()) {
            long before = sharedItems(b);
            HttpResponse<String> gathered = a.get(list);
            assertThat(gathered.statusCode()).as(list + ": " + gathered.body()).isEqualTo(200);
            assertThat(TestInstance.json(gathered).get("data")).as(list).isEqualTo(TestInstance.json(alone.get(list)).get("data"));
            assertThat(gathered.headers().firstValue("x-mma-served-by").orElseThrow().split(",")).as(list).hasSize(2);
            int pageSize = Integer.parseInt(list.replaceAll(".*pageSize=(\\d+).*", "$1"));
            assertThat(sharedItems(b) - before).as(list + ": items b sent").isLessThanOrEqualTo(pageSize + 1023);
        }
        // the deep ones hold the ids a sort of all of them gives (the single instance is not the only witness)
        assertThat(ids(a.get("/api/v1/mms/datasources/7/tables?pageNum=30&pageSize=100"))).containsExactlyElementsOf(IDS.subList(2900, 3000));
        assertThat(ids(a.get("/api/v1/mms/datasources/7/tables?pageNum=31&pageSize=100"))).containsExactlyElementsOf(IDS.subList(3000, 3100));
    }

    @Test
    void aShareOfAnOlderVersionMakesTheListFallBackToTheOldGatheringWithTheSameAnswer() throws IOException {
        start(true);
        for (String list : pages()) {
            HttpResponse<String> gathered = a.get(list);
            assertThat(gathered.statusCode()).as(list + ": " + gathered.body()).isEqualTo(200);
            assertThat(TestInstance.json(gathered).get("data")).as(list).isEqualTo(TestInstance.json(alone.get(list)).get("data"));
        }
    }

    @Test
    void aRoundIsForAnotherInstanceOnlyAndForIndexedListsOnly() throws IOException {
        start(false);
        String list = "/api/v1/mms/datasources/7/tables?pageNum=20&pageSize=100";
        HttpResponse<String> counts = a.get(list, "X-MMA-Forwarded-By", "localhost:1", "X-MMA-Partitions", "0,2", "X-MMA-List-Round", "counts");
        assertThat(counts.statusCode()).as(counts.body()).isEqualTo(200);
        assertThat(counts.body()).contains("\"buckets\":[[0,");
        HttpResponse<String> from = a.get(list, "X-MMA-Forwarded-By", "localhost:1", "X-MMA-Partitions", "0,2",
                "X-MMA-List-Round", "bucket=2;limit=5");
        assertThat(from.statusCode()).as(from.body()).isEqualTo(200);
        assertThat(from.body()).contains("\"fromBucket\":2");
        assertThat(ids(from)).hasSize(5).allMatch(id -> id >= 2048);
        assertThat(a.get(list, "X-MMA-Forwarded-By", "localhost:1", "X-MMA-Partitions", "0", "X-MMA-List-Round", "bucket=x").statusCode())
                .isEqualTo(400);
        assertThat(a.get(list + "&name=table_1", "X-MMA-Forwarded-By", "localhost:1", "X-MMA-Partitions", "0", "X-MMA-List-Round", "counts")
                .statusCode()).isEqualTo(400);
    }

    /** First pages (the old share), deep ones, the last, past the end, by status and not, and a large page. */
    private static List<String> pages() {
        String tables = "/api/v1/mms/datasources/7/tables?";
        String failed = tables + "status=FAILED&";
        String two = tables + "status=%5B%22DONE%22%2C%22FAILED%22%5D&";
        return List.of(tables + "pageNum=1&pageSize=100", tables + "pageNum=11&pageSize=100", tables + "pageNum=12&pageSize=100",
                tables + "pageNum=30&pageSize=100", tables + "pageNum=31&pageSize=100", tables + "pageNum=45&pageSize=100",
                tables + "pageNum=46&pageSize=100", tables + "pageNum=900&pageSize=100", tables + "pageNum=3&pageSize=1000",
                tables + "pageNum=1024&pageSize=3", failed + "pageNum=12&pageSize=100", failed + "pageNum=15&pageSize=100",
                failed + "pageNum=16&pageSize=100", two + "pageNum=25&pageSize=100", two + "pageNum=31&pageSize=100");
    }

    private static long sharedItems(TestInstance instance) {
        return (long) instance.service().metrics().registry().get("mma_query_list_share_items_total").functionCounter().count();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> data = (Map<String, Object>) TestInstance.json(response).get("data");
        return ((List<Map<String, Object>>) data.get("objectList")).stream().map(o -> ((Number) o.get("id")).longValue()).toList();
    }

    /** An HTTP proxy on {@code port} to {@code target} that passes every request on without {@code X-MMA-List-Round}. */
    private static HttpServer withoutListRound(int port, int target) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", exchange -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + target + exchange.getRequestURI()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-mma-") && !lower.equals("x-mma-list-round")) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().map().forEach((name, values) -> {
                    if (name.toLowerCase(Locale.ROOT).startsWith("x-mma-") || name.equalsIgnoreCase("content-type")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                exchange.sendResponseHeaders(response.statusCode(), response.body().length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            }
        });
        server.start();
        return server;
    }
}

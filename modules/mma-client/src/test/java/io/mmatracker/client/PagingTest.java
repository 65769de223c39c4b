package io.mmatracker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmatracker.schema.MmsTask;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lazy lists walk MMA's pages on demand and stop at the right page. */
class PagingTest {

    private static StubMmaServer server;
    private static MmaClient client;

    @BeforeAll
    static void start() {
        server = new StubMmaServer();
        client = new MmaClient(MmaClientConfig.forEndpoint(server.uri()).withDefaultPageSize(100));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.clear();
    }

    @Test
    void walks_every_page_and_stops_at_the_short_last_page() {
        serveTasks(250, 250);

        List<Long> ids = client.listMmsTasks("1", TaskFilter.all()).map(MmsTask::getId).toList();

        assertThat(ids).hasSize(250).doesNotHaveDuplicates().first().isEqualTo(1L);
        assertThat(server.received()).extracting(StubMmaServer.Received::rawQuery).containsExactly(
                "pageNum=1&pageSize=100", "pageNum=2&pageSize=100", "pageNum=3&pageSize=100");
    }

    @Test
    void a_server_that_caps_the_page_size_still_yields_every_item() {
        server.respond(r -> {
            int pageNum = Integer.parseInt(r.rawQuery().replaceAll(".*pageNum=(\\d+).*", "$1"));
            int from = (pageNum - 1) * 40;
            return page(from + 1, Math.max(0, Math.min(40, 100 - from)), 100, 40);
        });

        List<Long> ids = client.listMmsTasks("1", TaskFilter.all()).map(MmsTask::getId).toList();

        assertThat(ids).hasSize(100).doesNotHaveDuplicates();
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void stops_when_total_is_reached_without_asking_for_an_empty_page() {
        serveTasks(200, 200);

        assertThat(client.listMmsTasks("1", TaskFilter.all()).count()).isEqualTo(200);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void stops_at_an_empty_page_even_if_total_promised_more() {
        serveTasks(100, 150);

        assertThat(client.listMmsTasks("1", TaskFilter.all()).count()).isEqualTo(100);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void an_empty_list_costs_one_call() {
        serveTasks(0, 0);

        assertThat(client.listMmsTasks("1", TaskFilter.ofJob(7))).isEmpty();
        assertThat(server.received()).singleElement()
                .satisfies(r -> assertThat(r.rawQuery()).isEqualTo("jobId=7&pageNum=1&pageSize=100"));
    }

    @Test
    void pages_are_fetched_only_as_the_stream_is_consumed() {
        serveTasks(1000, 1000);

        Stream<MmsTask> tasks = client.listMmsTasks("1", TaskFilter.all());
        assertThat(server.received()).isEmpty();

        assertThat(tasks.limit(150).count()).isEqualTo(150);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void a_failing_page_surfaces_from_the_stream() {
        server.respond(r -> r.rawQuery().contains("pageNum=2")
                ? StubMmaServer.status(503, "{\"Code\":\"ServiceUnavailable\"}")
                : page(1, 100, 300, 100));

        assertThatThrownBy(() -> client.listMmsTasks("1", TaskFilter.all()).count())
                .isInstanceOf(MmaException.ServerError.class);
    }

    @Test
    void a_page_without_total_is_malformed() {
        server.respondAlways(StubMmaServer.data("{\"objectList\":[]}"));

        assertThatThrownBy(() -> client.listMmsTasksPage("1", TaskFilter.all(), 1, 10))
                .isInstanceOf(MmaException.Malformed.class)
                .hasMessageContaining("total");
    }

    @Test
    void page_arguments_are_checked_before_any_call() {
        assertThatThrownBy(() -> client.listMmsTasksPage("1", TaskFilter.all(), 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageNum");
        assertThatThrownBy(() -> client.listMmsTasksPage("1", TaskFilter.all(), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize");
        assertThat(server.received()).isEmpty();
    }

    /** Serves {@code actual} tasks in pages, announcing {@code total}. */
    private void serveTasks(int actual, int total) {
        server.respond(r -> {
            int pageNum = Integer.parseInt(r.rawQuery().replaceAll(".*pageNum=(\\d+).*", "$1"));
            int pageSize = Integer.parseInt(r.rawQuery().replaceAll(".*pageSize=(\\d+).*", "$1"));
            int from = (pageNum - 1) * pageSize;
            int count = Math.max(0, Math.min(pageSize, actual - from));
            return page(from + 1, count, total, pageSize);
        });
    }

    private static StubMmaServer.Canned page(int firstId, int count, int total, int pageSize) {
        String items = IntStream.range(firstId, firstId + count)
                .mapToObj(id -> "{\"id\":" + id + ",\"status\":\"DONE\"}")
                .collect(Collectors.joining(","));
        return StubMmaServer.data("{\"total\":" + total + ",\"pageSize\":" + pageSize + ",\"objectList\":[" + items + "]}");
    }
}

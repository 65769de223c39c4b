package io.mmatracker.query.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.testing.HttpTestClient;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.topic.Keys;

/**
 * The list benchmark of {@code bench/run-list-bench.sh} (not a test): N tables of one data source (source 1,
 * ids 1..N; statuses: 6 in 10 DONE, 2 DOING, 1 FAILED, 1 INIT) through the embedded broker and the tracker
 * topology, then ListMmsTables pages of several shapes asked one after another, each shape {@code requests}
 * times with a random page in its range; prints p50, p99 and max per shape. Arguments: port, tables, requests.
 */
public final class ListBench {

    private ListBench() {
    }

    private record Shape(String name, String query, int pageSize, long matches) {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int tables = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        QueryConfig config = QueryConfig.fromMap(Map.of("query.port", Integer.toString(port), "query.advertised", "localhost:" + port));
        var serializer = new AvroSerde<>(TableSnapshot.class).serializer();
        long started = System.nanoTime();
        BenchServer.startOverKafka(config, (producer, topics) -> {
            for (int id = 1; id <= tables; id++) {
                TableSnapshot table = Snapshots.table(1, id, status(id));
                producer.send(new ProducerRecord<>(topics.tables(), Keys.object(1, id), serializer.serialize(topics.tables(), table)));
            }
        });
        HttpTestClient client = new HttpTestClient(config.advertised());
        while (total(client, "") != tables) {
            BenchServer.sleep();
        }
        System.out.printf("%d tables of one source listed after %.1f s%n", tables, (System.nanoTime() - started) / 1e9);
        long doing = 0;
        for (int id = 1; id <= tables; id++) {
            doing += "DOING".equals(status(id)) ? 1 : 0;
        }
        List<Shape> shapes = List.of(
                new Shape("unfiltered, page 900 of size 100 (issue figure)", "", 100, -900),
                new Shape("status=DOING, page 50 of size 100 (issue figure)", "&status=DOING", 100, -50),
                new Shape("unfiltered, random page, size 100", "", 100, tables),
                new Shape("unfiltered, random page, size 10", "", 10, tables),
                new Shape("status=DOING, random page, size 100", "&status=DOING", 100, doing),
                new Shape("status=[DONE,FAILED], random page, size 100", "&status=%5B%22DONE%22%2C%22FAILED%22%5D", 100, tables * 7L / 10),
                new Shape("unfiltered, random page, size 1000", "", 1000, tables));
        for (Shape shape : shapes) {
            long[] micros = new long[requests];
            for (int warm = 0; warm < Math.min(5, requests); warm++) {
                get(client, shape);
            }
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                get(client, shape);
                micros[i] = (System.nanoTime() - t0) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("%-48s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%d requests)%n", shape.name(),
                    micros[requests / 2] / 1000.0, micros[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)] / 1000.0,
                    micros[requests - 1] / 1000.0, requests);
        }
        System.exit(0);
    }

    private static void get(HttpTestClient client, Shape shape) {
        long pageNum = shape.matches() < 0 ? -shape.matches()
                : ThreadLocalRandom.current().nextLong(1, Math.max(2, (shape.matches() + shape.pageSize() - 1) / shape.pageSize() + 1));
        var response = client.get("/api/v1/mms/datasources/1/tables?pageSize=" + shape.pageSize() + "&pageNum=" + pageNum + shape.query());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(shape.name() + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static long total(HttpTestClient client, String query) {
        var response = client.get("/api/v1/mms/datasources/1/tables?pageSize=1" + query);
        if (response.statusCode() != 200) {
            return -1;
        }
        return ((Number) ((Map<?, ?>) HttpTestClient.json(response).get("data")).get("total")).longValue();
    }

    static String status(long id) {
        return switch ((int) (id % 10)) {
            case 6, 7 -> "DOING";
            case 8 -> "FAILED";
            case 9 -> "INIT";
            default -> "DONE";
        };
    }
}

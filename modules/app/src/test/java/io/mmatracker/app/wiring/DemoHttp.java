package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.watch.SseEvent;
import io.mmatracker.app.watch.TrackerApi;
import io.mmatracker.schema.Alert;
import io.mmatracker.schema.serde.AvroSerde;

/**
 * What the end-to-end tests do to a running demo: pin a simulated job's fields, read JSON, follow the event stream,
 * read the committed alerts of some keys.
 */
final class DemoHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    /** Sets fields of a simulated job through the simulator's admin API (e.g. {@code {"status":"FAILED"}}). */
    void pin(Demo demo, String sourceId, String jobId, String fields) throws IOException, InterruptedException {
        HttpResponse<String> pinned = http.send(HttpRequest.newBuilder(URI.create(demo.simulatorUrl()
                        + "/_sim/datasources/" + sourceId + "/jobs/" + jobId))
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
    }

    /** The JSON of a 200 answer, else null. */
    JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    /** Follows the tracker's event stream on a daemon thread until {@code stop}; {@code open} once it is open. */
    static void follow(String api, String query, List<SseEvent> sink, AtomicBoolean stop, AtomicBoolean open) {
        Thread reader = new Thread(() -> {
            try {
                new TrackerApi(URI.create(api)).events(query, null, sink::add, stop::get, stream -> open.set(true));
            } catch (IOException | InterruptedException e) {
                // the stream ends when the demo stops
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** The committed alerts of some keys on the alerts topic, read from the beginning until each key had one. */
    static List<Alert> alerts(String bootstrap, String topic, List<String> keys, Duration patience) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Alert> found = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroSerde<>(Alert.class).deserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(patience).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) {
                        found.add(record.value());
                    }
                }
                return found.stream().map(Alert::getKey).distinct().count() == keys.size();
            });
            // anything else for these keys would have arrived with the first ones (one transaction per commit)
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (keys.contains(record.key())) {
                    found.add(record.value());
                }
            });
        }
        return found;
    }
}

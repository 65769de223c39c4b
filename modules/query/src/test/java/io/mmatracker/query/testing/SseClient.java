package io.mmatracker.query.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client for tests: collects the events of one stream until closed. */
public final class SseClient implements AutoCloseable {

    /** One received event. */
    public record Event(String id, String type, String data) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public final List<Event> events = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    public SseClient(URI uri, String lastEventId) throws Exception {
        this(uri, lastEventId, new String[0]);
    }

    /** @param headers name, value pairs sent with the request ({@code Authorization}, ...) */
    public SseClient(URI uri, String lastEventId, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return response.statusCode();
    }

    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed
        }
    }

    public List<String> ids() {
        return events.stream().map(Event::id).toList();
    }

    @Override
    public void close() throws InterruptedException {
        response.body().close();
        reader.join(Duration.ofSeconds(5).toMillis());
    }
}

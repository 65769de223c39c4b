package io.mmatracker.app.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The query service's HTTP API as {@code watch} uses it: MMA-shaped GETs and the event stream. */
public final class TrackerApi {

    /** The API answered with an error (other than 404), or not at all. */
    public static final class ApiException extends IOException {
        private static final long serialVersionUID = 1L;

        ApiException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client;
    private final String authorization;

    public TrackerApi(URI base) {
        this(base, null);
    }

    /** @param bearerToken sent as {@code Authorization: Bearer ...} to a tracker with access control; null for none */
    public TrackerApi(URI base, String bearerToken) {
        this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    public URI base() {
        return base;
    }

    /** The {@code data} of an MMA-shaped answer; empty on 404 (not known to the tracker, or not yet). */
    public Optional<JsonNode> data(String path) throws IOException, InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET()).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException("cannot reach the tracker at " + base + ": " + describe(e));
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            throw new ApiException("GET " + path + " answered " + response.statusCode()
                    + (body.has("Code") ? " " + body.get("Code").asText() + ": " + body.path("Message").asText() : ""));
        }
        return Optional.ofNullable(body.get("data"));
    }

    /**
     * Follows {@code /events?query} until the stream ends, fails or {@code stopped} says so; each event goes to
     * {@code sink}. {@code lastEventId} resumes after an event already seen.
     */
    public void events(String query, String lastEventId, Consumer<SseEvent> sink, Supplier<Boolean> stopped,
                       Consumer<InputStream> onOpen) throws IOException, InterruptedException {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(base.resolve("/events?" + query))
                .header("Accept", "text/event-stream").GET());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException("cannot reach the event stream at " + base + ": " + describe(e));
        }
        try (InputStream body = response.body();
             BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new ApiException("GET /events answered " + response.statusCode());
            }
            onOpen.accept(body);
            SseParser parser = new SseParser();
            String line;
            while (!stopped.get() && (line = reader.readLine()) != null) {
                parser.line(line).ifPresent(sink);
            }
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        }
        return message;
    }
}

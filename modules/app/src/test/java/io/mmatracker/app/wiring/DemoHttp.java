package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the end-to-end tests do over HTTP to a running demo: pin a simulated job's fields, read JSON. */
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
}

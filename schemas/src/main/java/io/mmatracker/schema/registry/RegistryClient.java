package io.mmatracker.schema.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The few calls of Confluent's Schema Registry REST API the tracker needs (also served by Apicurio under
 * {@code /apis/ccompat/v7}, Karapace and Redpanda), over {@code java.net.http}. Thread-safe; holds no cache (the
 * serdes cache ids). Every failure is a {@link RegistryException}; messages name the registry without its user info.
 */
public final class RegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final HttpClient http;
    private final Optional<String> authorization;

    public RegistryClient(RegistrySettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        settings.ssl().ifPresent(builder::sslContext);
        this.http = builder.build();
        this.authorization = settings.userInfo().map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its id. */
    public int register(String subject, Schema schema) {
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        return answer.path("id").asInt();
    }

    /** The id of {@code schema} if it is registered under {@code subject}; empty if not (or no such subject). */
    public OptionalInt lookup(String subject, Schema schema) {
        try {
            return OptionalInt.of(call("POST", "/subjects/" + encode(subject), schemaBody(schema)).path("id").asInt());
        } catch (RegistryException.Refused e) {
            if (e.isNotFound()) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    /** The schema registered with {@code id} (the id of Confluent's wire format). */
    public Schema schemaById(int id) {
        return parse(call("GET", "/schemas/ids/" + id, null).path("schema").asText(), "schema id " + id);
    }

    /** The newest schema of {@code subject}, if the subject exists. */
    public Optional<Schema> latest(String subject) {
        try {
            JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
            return Optional.of(parse(answer.path("schema").asText(), "subject " + subject));
        } catch (RegistryException.Refused e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The compatibility level of {@code subject}, else the registry's global level. */
    public String compatibility(String subject) {
        try {
            JsonNode answer = call("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null);
            String level = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(""));
            if (!level.isEmpty()) {
                return level;
            }
        } catch (RegistryException.Refused e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        JsonNode global = call("GET", "/config", null);
        return global.path("compatibilityLevel").asText(global.path("compatibility").asText("NONE"));
    }

    /** Sets the compatibility level of {@code subject} (which need not exist yet). */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        call("PUT", "/config/" + encode(subject), body.toString());
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private JsonNode call(String method, String path, String body) {
        RegistryException.Unreachable last = null;
        for (URI base : settings.urls()) {
            try {
                return call(base, method, path, body);
            } catch (RegistryException.Unreachable e) {
                last = e;
            }
        }
        throw last;
    }

    private JsonNode call(URI base, String method, String path, String body) {
        String where = RegistrySettings.display(base);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceFirst("//[^/@]*@", "//") + path))
                .timeout(settings.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RegistryException.Unreachable("schema registry " + where + " unreachable (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException.Unreachable("interrupted while calling schema registry " + where, e);
        }
        int status = response.statusCode();
        JsonNode answer = parseJson(response.body());
        if (status >= 200 && status < 300) {
            return answer;
        }
        String message = answer.path("message").asText(response.body().length() > 300
                ? response.body().substring(0, 300) : response.body());
        String what = "schema registry " + where + " answered " + status + " to " + method + " " + path.replaceFirst("\\?.*", "")
                + ": " + message;
        if (status >= 500 || status == 408 || status == 429) {
            throw new RegistryException.Unreachable(what, null);
        }
        if (status == 409) {
            throw new RegistryException.Incompatible(what);
        }
        throw new RegistryException.Refused(status, answer.path("error_code").asInt(status), what);
    }

    private static JsonNode parseJson(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new RegistryException.Refused(200, 0, "the registry's " + what + " is not an Avro schema: " + e.getMessage());
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            message = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getClass().getSimpleName();
        }
        return e instanceof java.net.ConnectException && !message.contains("refused") ? "connection refused" : message;
    }
}

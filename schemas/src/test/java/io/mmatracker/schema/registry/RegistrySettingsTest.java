package io.mmatracker.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.mmatracker.schema.WatchRequest;

/** Confluent's key names, and credentials that never show (the registry itself is tested in the testkit on Apicurio). */
class RegistrySettingsTest {

    @Test
    void readsConfluentsKeysAndNeverShowsTheCredentials() {
        RegistrySettings settings = RegistrySettings.from(Map.of(RegistrySettings.URL, "http://a:8081/, https://b:8081/ccompat",
                RegistrySettings.USER_INFO, "alice:s3cret", RegistrySettings.AUTO_REGISTER, "false"));

        assertThat(settings.urls()).extracting(Object::toString).containsExactly("http://a:8081", "https://b:8081/ccompat");
        assertThat(settings.userInfo()).contains("alice:s3cret");
        assertThat(settings.autoRegister()).isFalse();
        assertThat(settings.compatibility()).isEqualTo("BACKWARD");
        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("alice");
    }

    @Test
    void credentialsMayComeFromTheUrlAndAreNotShownWithIt() {
        RegistrySettings settings = RegistrySettings.from(Map.of(RegistrySettings.URL, "http://alice:s3cret@a:8081",
                RegistrySettings.CREDENTIALS_SOURCE, "URL"));

        assertThat(settings.userInfo()).contains("alice:s3cret");
        assertThat(settings.displayUrls()).isEqualTo("http://a:8081");
    }

    @Test
    void badValuesNameTheKeyWithoutEchoingSecrets() {
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(RegistrySettings.URL, "ftp://x")))
                .hasMessageStartingWith("schema.registry.url: expected http(s)://");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(RegistrySettings.URL, "http://a:1",
                RegistrySettings.USER_INFO, "no-colon-secret")))
                .hasMessage("basic.auth.user.info: expected user:password");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(RegistrySettings.URL, "http://a:1",
                RegistrySettings.COMPATIBILITY, "NONE")))
                .hasMessageStartingWith("schema.registry.compatibility=NONE: expected BACKWARD");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(RegistrySettings.URL, "http://a:1",
                RegistrySettings.CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .hasMessageStartingWith("basic.auth.credentials.source=SASL_INHERIT: expected USER_INFO or URL");
    }

    @Test
    void basicAuthIsSentAsAnAuthorizationHeader() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            RegistryClient client = new RegistryClient(RegistrySettings.from(Map.of(RegistrySettings.URL,
                    "http://127.0.0.1:" + server.getAddress().getPort(), RegistrySettings.USER_INFO, "alice:s3cret")));

            assertThat(client.register("t-value", WatchRequest.getClassSchema())).isEqualTo(7);
            assertThat(authorization.get()).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
        } finally {
            server.stop(0);
        }
    }
}

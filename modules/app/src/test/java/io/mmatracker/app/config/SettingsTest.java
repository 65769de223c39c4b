package io.mmatracker.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void environmentOverridesFileAndCommandLineOverridesBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tracker.properties");
        Files.writeString(file, "poller.rate = 5\nhttp.port=9000\nkafka.bootstrap.servers=file:9092\n");
        Settings settings = Settings.load(Optional.of(file),
                Map.of("MMA_TRACKER_POLLER_RATE", "7", "MMA_TRACKER_KAFKA_SASL_MECHANISM", "PLAIN", "HOME", "/x"),
                Map.of("http.port", "9100"),
                List.of("poller.rate", "http.port"));

        assertThat(settings.integer("poller.rate", 20, 1, 1000)).isEqualTo(7);
        assertThat(settings.integer("http.port", 8080, 0, 65535)).isEqualTo(9100);
        assertThat(settings.withPrefix("kafka."))
                .containsEntry("bootstrap.servers", "file:9092")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void serdeVariablesMapToConfluentsKeyNames() {
        Settings settings = Settings.load(Optional.empty(), Map.of(
                "MMA_TRACKER_SERDE_SCHEMA_REGISTRY_URL", "http://registry:8080/apis/ccompat/v7",
                "MMA_TRACKER_SERDE_BASIC_AUTH_USER_INFO", "alice:s3cret",
                "MMA_TRACKER_SERDE_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", "/etc/ts.p12"),
                Map.of(), List.copyOf(SettingCatalog.keys()));

        settings.rejectUnknown(SettingCatalog.keys(), SettingCatalog.PASS_THROUGH);
        assertThat(settings.withPrefix(SettingCatalog.SERDE))
                .containsEntry("schema.registry.url", "http://registry:8080/apis/ccompat/v7")
                .containsEntry("basic.auth.user.info", "alice:s3cret")
                .containsEntry("schema.registry.ssl.truststore.location", "/etc/ts.p12");
    }

    @Test
    void aBadValueNamesTheKeyTheOriginAndWhatIsAccepted() {
        Settings settings = Settings.load(Optional.empty(), Map.of("MMA_TRACKER_POLLER_ACTIVE_INTERVAL", "soon"),
                Map.of(), List.of("poller.active-interval"));

        assertThatThrownBy(() -> settings.duration("poller.active-interval", Duration.ofSeconds(5)))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("poller.active-interval")
                .hasMessageContaining("MMA_TRACKER_POLLER_ACTIVE_INTERVAL")
                .hasMessageContaining("500ms, 5s");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        Settings settings = Settings.of(Map.of("a", "250ms", "b", "10m", "c", "PT2S", "d", "7d"));
        assertThat(settings.duration("a", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.duration("b", null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.duration("c", null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.duration("d", null)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void missingRequiredSettingSaysWhatItAccepts() {
        assertThatThrownBy(() -> Settings.of(Map.of()).required("kafka.bootstrap.servers", "host:port of the Kafka cluster"))
                .hasMessage("missing setting kafka.bootstrap.servers (MMA_TRACKER_KAFKA_BOOTSTRAP_SERVERS): "
                        + "host:port of the Kafka cluster");
    }

    @Test
    void outOfRangeNumbersAndBadBooleansAreRejected() {
        Settings settings = Settings.of(Map.of("http.port", "70000", "flag", "maybe"));
        assertThatThrownBy(() -> settings.integer("http.port", 8080, 0, 65535)).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> settings.bool("flag", false)).hasMessageContaining("true or false");
    }
}

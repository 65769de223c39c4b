package io.mmatracker.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.mmatracker.app.wiring.Demo;
import io.mmatracker.app.wiring.KafkaSettings;
import io.mmatracker.app.wiring.SimulatorSettings;
import io.mmatracker.app.wiring.Tracker;
import io.mmatracker.client.MmaClientConfig;

/** A default is written once, in {@link SettingCatalog}: code reads it from there, and the modules' own defaults agree. */
class SettingDefaultsTest {

    /** A literal after the key: the default of {@code string}, {@code bool} and {@code duration} reads. */
    private static final String LITERAL = "(\"[^\"]*\"|-?[0-9][0-9_.]*[dDlL]?|true|false|Duration\\.\\w+\\([^)]*\\))";
    /** A read with a literal default: {@code settings.bool("topics.create", true)}. */
    private static final Pattern LITERAL_DEFAULT = Pattern.compile(
            "\\.(?:string|bool|duration)\\(\\s*\"([a-z][a-z0-9.-]+)\"\\s*,\\s*" + LITERAL + "\\s*\\)");
    /** A ranged read with a literal default: {@code settings.integer("query.port", 8080, 0, 65535)}. */
    private static final Pattern LITERAL_RANGED_DEFAULT = Pattern.compile(
            "\\.(?:integer|longInteger|decimal)\\(\\s*\"([a-z][a-z0-9.-]+)\"\\s*,\\s*" + LITERAL + "\\s*,[^,()]+,[^,()]+\\)");

    @Test
    void noCodeWritesTheDefaultOfACatalogKeyAgain() throws IOException {
        List<String> repeats = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                for (Pattern pattern : List.of(LITERAL_DEFAULT, LITERAL_RANGED_DEFAULT)) {
                    Matcher read = pattern.matcher(code);
                    while (read.find()) {
                        if (SettingCatalog.keys().contains(read.group(1))) {
                            repeats.add(file.getFileName() + ": " + read.group(1) + " = " + read.group(2));
                        }
                    }
                }
            }
        }
        assertThat(repeats).as("defaults written again in code; read them with the catalog-default readers of Settings")
                .isEmpty();
    }

    @Test
    void theCatalogsDefaultsGivenExplicitlyConfigureWhatNoSettingsDo() {
        Map<String, String> explicit = new HashMap<>();
        SettingCatalog.ENTRIES.forEach(entry -> explicit.put(entry.key(), entry.defaultValue()));
        explicit.put("kafka.bootstrap.servers", "127.0.0.1:9092");

        Tracker.Plan implicit = plan(Settings.of(Map.of("kafka.bootstrap.servers", "127.0.0.1:9092")));
        Tracker.Plan documented = plan(Settings.of(explicit));

        assertThat(documented.kafka()).isEqualTo(implicit.kafka());
        assertThat(documented.createTopics()).isEqualTo(implicit.createTopics());
        assertThat(documented.poller()).isEqualTo(implicit.poller());
        assertThat(documented.streams()).isEqualTo(implicit.streams());
        assertThat(documented.query()).isEqualTo(implicit.query());
        assertThat(documented.membership()).isEqualTo(implicit.membership());
        assertThat(SimulatorSettings.from(Settings.of(explicit))).isEqualTo(SimulatorSettings.from(Settings.of(Map.of())));
        assertThat(Demo.Config.from(Settings.of(explicit))).isEqualTo(Demo.Config.from(Settings.of(Map.of())));
    }

    private static Tracker.Plan plan(Settings settings) {
        return Tracker.Plan.from(settings, Map.of(), KafkaSettings.from(settings, null),
                Optional.of(MmaClientConfig.forEndpoint("http://127.0.0.1:1")),
                Path.of(SettingCatalog.defaultOf("streams.state-dir")), Map.of());
    }
}

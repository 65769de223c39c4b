package io.mmatracker.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mmatracker.app.wiring.Demo;
import io.mmatracker.app.wiring.KafkaSettings;
import io.mmatracker.app.wiring.SimulatorSettings;
import io.mmatracker.app.wiring.Tracker;

/** The README and the example properties file document every setting, with defaults the program accepts. */
class DocumentationTest {

    private static final Path EXAMPLE = Path.of("../../docker/tracker.properties.example");
    private static final Path README = Path.of("README.md");

    @Test
    void everySettingIsInTheExampleFileAndTheReadmeWithItsVariable() throws Exception {
        String example = Files.readString(EXAMPLE);
        String readme = Files.readString(README);
        for (SettingCatalog.Entry entry : SettingCatalog.ENTRIES) {
            assertThat(example).as("example file documents " + entry.key()).containsPattern(
                    "(?m)^#?" + Pattern.quote(entry.key()) + "=");
            assertThat(readme).as("README documents " + entry.key()).contains("`" + entry.key() + "`")
                    .contains("`" + entry.envName() + "`");
        }
    }

    @Test
    void theDefaultsWrittenInTheExampleFileAreAccepted() throws Exception {
        Map<String, String> values = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^#?([a-z][a-z.-]+)=(.+)$").matcher(Files.readString(EXAMPLE));
        while (line.find()) {
            if (SettingCatalog.keys().contains(line.group(1)) && !line.group(1).startsWith("log.")) {
                values.put(line.group(1), line.group(2).trim());
            }
        }
        assertThat(values).containsKeys("poller.active-interval", "streams.num-standby-replicas", "query.port",
                "simulator.speed", "topics.partitions");
        Settings settings = Settings.of(values);
        settings.rejectUnknown(SettingCatalog.keys(), SettingCatalog.PASS_THROUGH);

        KafkaSettings kafka = KafkaSettings.from(settings, null, 6, 3);
        Tracker.Plan plan = Tracker.Plan.from(settings, Map.of(), kafka, Optional.empty(), Path.of("state"), Map.of());
        assertThat(plan.poller()).isPresent();
        assertThat(plan.query()).isPresent();
        assertThat(SimulatorSettings.from(settings).port()).isEqualTo(8090);
        assertThat(Demo.Config.from(settings).kafkaPort()).isEqualTo(9092);
    }
}

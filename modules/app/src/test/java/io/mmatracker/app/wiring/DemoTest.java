package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmatracker.app.config.Settings;

class DemoTest {

    @TempDir
    Path dir;

    private Settings settings() {
        return Settings.of(Map.of("demo.data-dir", dir.toString(), "demo.kafka-port", "0", "query.port", "0",
                "simulator.port", "0"));
    }

    @Test
    void aTakenKafkaPortIsNamedWithItsSettingAndFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Settings settings = settings().with(Map.of("demo.kafka-port", Integer.toString(taken.getLocalPort())));

            assertThatThrownBy(() -> Demo.start(settings, Clock.systemUTC(), reason -> { }))
                    .isInstanceOf(PortTakenException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("demo.kafka-port, --kafka-port");
        }
    }
}

package io.mmatracker.app.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.Main;
import io.mmatracker.app.cli.TestCli;

class LogFormatOptionTest {

    @AfterEach
    void restoreTestLogging() throws Exception {
        TestLogging.restore();
    }

    @Test
    void theEnvironmentSwitchesEveryLogLineToOneJsonObject() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        TestCli cli = new TestCli(Map.of("MMA_TRACKER_LOG_FORMAT", "json"));

        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> Main.execute(cli.context(), logs, "simulate", "--port", "0"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cli.out().contains("Ctrl-C stops it."));
        cli.stop().request();
        assertThat(running.get(20, TimeUnit.SECONDS)).isEqualTo(Main.OK);

        List<String> lines = logs.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.has("time") && event.has("level") && event.has("logger") && event.has("message")).as(line).isTrue();
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("MMA simulator listening"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Stopped MMA simulator"));
    }
}

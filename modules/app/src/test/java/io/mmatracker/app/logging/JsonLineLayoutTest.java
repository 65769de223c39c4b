package io.mmatracker.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

class JsonLineLayoutTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void anEventIsOneJsonObjectOnOneLineWithItsKeyValuesAndError() throws Exception {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.mmatracker.poller.Poller"), Level.WARN,
                "polled {} in\n{} ms", new IllegalStateException("boom\nagain"), new Object[] {"source 7", 12});
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("sourceId", 7L));
        event.setThreadName("poller-1");

        String line = new JsonLineLayout().doLayout(event);

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("io.mmatracker.poller.Poller");
        assertThat(json.get("thread").asText()).isEqualTo("poller-1");
        assertThat(json.get("message").asText()).isEqualTo("polled source 7 in\n12 ms");
        assertThat(json.get("sourceId").asText()).isEqualTo("7");
        assertThat(json.get("error").asText()).isEqualTo("java.lang.IllegalStateException: boom\nagain");
        assertThat(json.get("stack").asText()).contains("at io.mmatracker.app.logging.JsonLineLayoutTest");
        assertThat(json.get("time").asText()).endsWith("Z");
    }
}

package io.mmatracker.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;

class TextLogLineTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void anEventWithAnExceptionStaysOnOneLine() {
        Encoder<ILoggingEvent> encoder = Logging.encoder(LogFormat.TEXT, context);
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.mmatracker.app.Demo"), Level.ERROR,
                "poller stopped", new IllegalStateException("boom"), null);
        event.setThreadName("main");

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line.strip()).doesNotContain("\n")
                .contains("ERROR [main] io.mmatracker.app.Demo - poller stopped | java.lang.IllegalStateException: boom | at io.mmatracker.app.logging.TextLogLineTest");
    }

    @Test
    void anEventWithoutExceptionEndsWithTheMessage() {
        Encoder<ILoggingEvent> encoder = Logging.encoder(LogFormat.TEXT, context);
        LoggingEvent event = new LoggingEvent("x", context.getLogger("a.b"), Level.INFO, "started", null, null);

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith(" - started" + System.lineSeparator()).matches("^\\d{4}-\\d\\d-\\d\\dT[^ ]+Z INFO .*\\R");
    }
}

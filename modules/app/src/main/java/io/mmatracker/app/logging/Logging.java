package io.mmatracker.app.logging;

import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/**
 * Sets up logback for the command: one line per event on standard error (standard output carries the command's
 * own output), as text or JSON, our loggers at the chosen level and the chattier libraries at WARN.
 */
public final class Logging {

    /** Libraries whose INFO logs describe their internals, not the tracker's work. */
    private static final Map<String, Level> QUIET = Map.of(
            "org.apache.kafka", Level.WARN,
            "kafka", Level.WARN,
            "state.change.logger", Level.WARN,
            "org.apache.zookeeper", Level.WARN,
            "io.undertow", Level.WARN,
            "org.xnio", Level.WARN,
            "org.jboss", Level.WARN,
            "org.apache.avro", Level.WARN);

    private Logging() {
    }

    /** Replaces whatever logback configured by itself; {@code level} applies to {@code io.mmatracker}. */
    public static void configure(LogFormat format, Level level, OutputStream stream) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder = encoder(format, context);
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName(format.name().toLowerCase(Locale.ROOT));
        appender.setEncoder(encoder);
        appender.setOutputStream(stream);
        appender.setImmediateFlush(true);
        KnownBenignWarnings benign = new KnownBenignWarnings();
        benign.setContext(context);
        benign.start();
        appender.addFilter(benign);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        QUIET.forEach((name, quiet) -> context.getLogger(name).setLevel(quiet));
        context.getLogger("io.mmatracker").setLevel(level);
    }

    /** An encoder writing events in {@code format}; started. */
    public static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
        LayoutBase<ILoggingEvent> layout = format == LogFormat.JSON ? new JsonLineLayout() : new TextLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}

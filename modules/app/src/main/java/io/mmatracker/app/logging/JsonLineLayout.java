package io.mmatracker.app.logging;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * One JSON object per log event, on one line: {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code message}, then SLF4J key-value pairs and MDC entries as fields, and {@code error} / {@code stack} when an
 * exception is attached (its stack as one string, so the event stays one line).
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("message", event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                for (var pair : event.getKeyValuePairs()) {
                    if (!isReserved(pair.key)) {
                        g.writeStringField(pair.key, String.valueOf(pair.value));
                    }
                }
            }
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null) {
                for (Map.Entry<String, String> e : mdc.entrySet()) {
                    if (!isReserved(e.getKey())) {
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                g.writeStringField("error", error.getClassName() + ": " + error.getMessage());
                g.writeStringField("stack", stack(error));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static boolean isReserved(String key) {
        return switch (key) {
            case "time", "level", "logger", "thread", "message", "error", "stack" -> true;
            default -> false;
        };
    }

    private static String stack(IThrowableProxy error) {
        StringBuilder sb = new StringBuilder();
        for (IThrowableProxy t = error; t != null; t = t.getCause()) {
            if (t != error) {
                sb.append("Caused by: ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                sb.append("\tat ").append(frame.getStackTraceElement()).append('\n');
            }
            if (t.getCommonFrames() > 0) {
                sb.append("\t... ").append(t.getCommonFrames()).append(" more\n");
            }
        }
        return sb.toString().stripTrailing();
    }
}

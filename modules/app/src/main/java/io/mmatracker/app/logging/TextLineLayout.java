package io.mmatracker.app.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * One text line per log event: {@code time level [thread] logger - message}, and when an exception is attached its
 * chain folded onto the same line ({@code | Type: message | at frame | Caused by: ...}), so a log collector or
 * {@code grep} never sees half an event.
 */
public final class TextLineLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);
    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(36);

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
        String level = event.getLevel().toString();
        sb.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(" [").append(event.getThreadName())
                .append("] ").append(abbreviator.abbreviate(event.getLoggerName())).append(" - ");
        oneLine(sb, event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(t == event.getThrowableProxy() ? " | " : " | Caused by: ").append(t.getClassName()).append(": ");
            oneLine(sb, t.getMessage());
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            if (frames.length > 0) {
                sb.append(" | at ").append(frames[0].getStackTraceElement());
            }
        }
        return sb.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void oneLine(StringBuilder sb, String text) {
        if (text != null) {
            sb.append(text.replaceAll("\\s*[\\r\\n]+\\s*", " | "));
        }
    }
}

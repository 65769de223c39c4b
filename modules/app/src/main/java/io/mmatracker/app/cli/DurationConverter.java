package io.mmatracker.app.cli;

import java.time.Duration;

import io.mmatracker.app.config.Settings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads option values such as {@code 500ms}, {@code 5s}, {@code 10m} or {@code PT5S}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Settings.parseDuration(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not " + Settings.DURATION_ACCEPTS));
    }
}

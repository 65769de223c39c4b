package io.mmatracker.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flat key/value settings of the tracker, merged from (lowest first) a properties file, environment variables and
 * command-line overrides. Typed getters name the key and what it accepts when a value is bad, so start-up stops with
 * a message a person can act on.
 *
 * <p>Environment variables: {@code MMA_TRACKER_} + the key in upper case with {@code .} and {@code -} as {@code _}
 * ({@code poller.active-interval} is {@code MMA_TRACKER_POLLER_ACTIVE_INTERVAL}). Kafka client settings pass through
 * under {@code kafka.}; their variables map underscores back to dots ({@code MMA_TRACKER_KAFKA_SASL_MECHANISM} is
 * {@code kafka.sasl.mechanism}).
 */
public final class Settings {

    public static final String ENV_PREFIX = "MMA_TRACKER_";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Settings(Map<String, String> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /** Settings from an optional file, the environment and overrides; {@code knownKeys} lets env names map back. */
    public static Settings load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides,
                                List<String> knownKeys) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        file.ifPresent(path -> readFile(path).forEach((k, v) -> {
            values.put(k, v);
            origins.put(k, "file " + path);
        }));
        Map<String, String> envKeys = new HashMap<>();
        knownKeys.forEach(key -> envKeys.put(envName(key), key));
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            String key = envKeys.get(name);
            if (key == null && name.startsWith(ENV_PREFIX + "KAFKA_")) {
                key = "kafka." + name.substring((ENV_PREFIX + "KAFKA_").length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
            if (key != null) {
                values.put(key, value);
                origins.put(key, "environment variable " + name);
            }
        });
        overrides.forEach((k, v) -> {
            values.put(k, v);
            origins.put(k, "command line");
        });
        return new Settings(values, origins);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(new HashMap<>(values), new HashMap<>());
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> readFile(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new SettingsException("the configuration file " + path + " does not exist");
        } catch (IOException e) {
            throw new SettingsException("cannot read the configuration file " + path + ": " + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k.trim(), properties.getProperty(k).trim()));
        return map;
    }

    public Optional<String> optional(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public String required(String key, String accepts) {
        return optional(key).orElseThrow(() -> new SettingsException(
                "missing setting " + key + " (" + envName(key) + "): " + accepts));
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw bad(key, raw.get(), "a whole number from " + min + " to " + max);
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw bad(key, raw.get(), "a number from " + min + " to " + max);
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, raw.get(), "true or false");
        };
    }

    /** A duration such as {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 7d} or ISO-8601 {@code PT5S}. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String text = raw.get().trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(raw.get().trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw bad(key, raw.get(), "a duration such as 500ms, 5s, 10m, 1h or 7d");
        }
    }

    public List<String> list(String key) {
        return optional(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Every setting under {@code prefix} with the prefix removed (for example the Kafka client pass-through). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private SettingsException bad(String key, String value, String accepts) {
        String origin = origins.getOrDefault(key, "settings");
        return new SettingsException("bad setting " + key + " = '" + value + "' (from " + origin + "): expected " + accepts);
    }
}

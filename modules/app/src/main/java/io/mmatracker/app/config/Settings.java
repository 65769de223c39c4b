package io.mmatracker.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Flat key/value settings of the tracker, merged from (lowest first) a properties file, environment variables and
 * command-line overrides. Typed getters name the key and what it accepts when a value is bad, so start-up stops with
 * a message a person can act on.
 *
 * <p>Environment variables: {@code MMA_TRACKER_} + the key in upper case with {@code .} and {@code -} as {@code _}
 * ({@code poller.active-interval} is {@code MMA_TRACKER_POLLER_ACTIVE_INTERVAL}). Kafka client settings pass through
 * under {@code kafka.} and value serde settings under {@code serde.}; their variables map underscores back to dots
 * ({@code MMA_TRACKER_KAFKA_SASL_MECHANISM} is {@code kafka.sasl.mechanism}, {@code MMA_TRACKER_SERDE_BASIC_AUTH_USER_INFO}
 * is {@code serde.basic.auth.user.info}).
 */
public final class Settings {

    public static final String ENV_PREFIX = "MMA_TRACKER_";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final List<String> unmappedVariables;

    private Settings(Map<String, String> values, Map<String, String> origins, List<String> unmappedVariables) {
        this.values = values;
        this.origins = origins;
        this.unmappedVariables = List.copyOf(unmappedVariables);
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
        List<String> unmapped = new ArrayList<>();
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            String key = envKeys.get(name);
            if (key == null && name.startsWith(ENV_PREFIX + "KAFKA_")) {
                key = "kafka." + name.substring((ENV_PREFIX + "KAFKA_").length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
            if (key == null && name.startsWith(ENV_PREFIX + "SERDE_")) {
                key = "serde." + name.substring((ENV_PREFIX + "SERDE_").length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
            if (key != null) {
                values.put(key, value);
                origins.put(key, "environment variable " + name);
            } else {
                unmapped.add(name);
            }
        });
        overrides.forEach((k, v) -> {
            values.put(k, v);
            origins.put(k, "command line");
        });
        return new Settings(values, origins, unmapped);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(new HashMap<>(values), new HashMap<>(), List.of());
    }

    /** These settings with {@code overrides} on top, as if given on the command line. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> v = new HashMap<>(values);
        Map<String, String> o = new HashMap<>(origins);
        overrides.forEach((k, val) -> {
            v.put(k, val);
            o.put(k, "command line");
        });
        return new Settings(v, o, unmappedVariables);
    }

    /**
     * Stops on a key nobody reads (most often a typo, which would otherwise be silently ignored): a key that is not
     * {@code known} and not under one of the pass-through {@code prefixes}, or an {@code MMA_TRACKER_} variable that
     * maps to no key.
     */
    public void rejectUnknown(Set<String> known, Collection<String> prefixes) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!known.contains(key) && prefixes.stream().noneMatch(p -> key.startsWith(p) && key.length() > p.length())) {
                throw new SettingsException("unknown setting " + key + " (from " + origins.getOrDefault(key, "settings")
                        + ")" + suggestion(key, known) + "; settings under " + String.join(", ", prefixes)
                        + " pass through, every other key is listed in the README");
            }
        }
        if (!unmappedVariables.isEmpty()) {
            String name = new TreeSet<>(unmappedVariables).first();
            throw new SettingsException("unknown environment variable " + name + ": no setting is called that"
                    + suggestion(name, known.stream().map(Settings::envName).collect(Collectors.toSet())));
        }
    }

    private static String suggestion(String given, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(given, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 4) ? "; did you mean " + best + "?" : "";
    }

    /** Levenshtein distance, for suggesting the key a typo meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Where a key's value came from ("file …", "environment variable …", "command line"), for messages. */
    public String origin(String key) {
        return origins.getOrDefault(key, "defaults");
    }

    /** Builds a module's configuration record, turning its validation failure into a {@link SettingsException}. */
    public static <T> T build(String what, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (SettingsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SettingsException("bad " + what + " settings: " + e.getMessage());
        }
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

    // Readers of a key with the default the catalog documents for it: the one place a default is written.

    /** {@code key}, or its default from {@link SettingCatalog}. */
    public String string(String key) {
        return string(key, SettingCatalog.defaultOf(key));
    }

    /** {@code key} in [min, max], or its default from {@link SettingCatalog}. */
    public int integer(String key, int min, int max) {
        return integer(key, Integer.parseInt(SettingCatalog.defaultOf(key)), min, max);
    }

    /** {@code key} in [min, max], or its default from {@link SettingCatalog}. */
    public double decimal(String key, double min, double max) {
        return decimal(key, Double.parseDouble(SettingCatalog.defaultOf(key)), min, max);
    }

    /** {@code key}, or its default from {@link SettingCatalog}. */
    public boolean bool(String key) {
        return bool(key, Boolean.parseBoolean(SettingCatalog.defaultOf(key)));
    }

    /** {@code key}, or its default from {@link SettingCatalog}. */
    public Duration duration(String key) {
        return duration(key, parseDuration(SettingCatalog.defaultOf(key)).orElseThrow(
                () -> new IllegalStateException("the catalog's default of " + key + " is not a duration")));
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

    public long longInteger(String key, long defaultValue, long min, long max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get());
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
        return parseDuration(raw.get()).orElseThrow(() -> bad(key, raw.get(), DURATION_ACCEPTS));
    }

    /** What {@link #parseDuration} accepts, for messages. */
    public static final String DURATION_ACCEPTS = "a duration such as 500ms, 5s, 10m, 1h or 7d";

    /** Parses {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 7d} or ISO-8601 {@code PT5S}; empty if neither. */
    public static Optional<Duration> parseDuration(String raw) {
        String text = raw.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return Optional.of(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return Optional.of(Duration.parse(raw.trim().toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            return Optional.empty();
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

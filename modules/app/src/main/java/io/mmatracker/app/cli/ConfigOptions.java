package io.mmatracker.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.mmatracker.app.config.SettingCatalog;
import io.mmatracker.app.config.Settings;
import picocli.CommandLine.Option;

/** The configuration options every command shares: a properties file and single overrides. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file of settings (see docker/tracker.properties.example). "
                    + "Environment variables MMA_TRACKER_* override it, flags override both.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set poller.active-interval=2s (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * The merged settings: the file, then the environment, then {@code --set}, then {@code flags} (the command's own
     * options, already translated to keys). Unknown keys stop here with a suggestion.
     */
    public Settings load(CliContext context, Map<String, String> flags) {
        Map<String, String> commandLine = new LinkedHashMap<>(overrides);
        commandLine.putAll(flags);
        Settings settings = Settings.load(Optional.ofNullable(config), context.env(), commandLine,
                SettingCatalog.ENTRIES.stream().map(SettingCatalog.Entry::key).toList());
        settings.rejectUnknown(SettingCatalog.keys(), SettingCatalog.PASS_THROUGH);
        return settings;
    }
}

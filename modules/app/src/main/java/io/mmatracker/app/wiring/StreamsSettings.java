package io.mmatracker.app.wiring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.mmatracker.app.config.SettingCatalog;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.config.SettingsException;

/**
 * The Kafka Streams side of the settings.
 *
 * @param applicationId      instances sharing it share partitions and state ({@code streams.application-id})
 * @param stateDirectory     RocksDB stores ({@code streams.state-dir})
 * @param standbyReplicas    warm copies of each store on other instances ({@code streams.num-standby-replicas})
 * @param threads            processing threads ({@code streams.num-stream-threads})
 * @param stallTimeout       an active object unchanged this long raises STALLED ({@code streams.stall-timeout})
 * @param stallCheckInterval how often stalls are looked for ({@code streams.stall-check-interval})
 * @param rocksDbMemoryMb    off-heap budget shared by every RocksDB store, 0 for RocksDB's per-store defaults
 *                           ({@code streams.rocksdb-memory-mb}, see {@link BoundedRocksDbMemory})
 * @param extra              {@code streams.config.*}: any Kafka Streams setting, applied last
 */
public record StreamsSettings(String applicationId, Path stateDirectory, int standbyReplicas, int threads,
                              Duration stallTimeout, Duration stallCheckInterval, int rocksDbMemoryMb, Map<String, String> extra) {

    public StreamsSettings {
        extra = Map.copyOf(extra);
    }

    /** The settings, with {@code streams.state-dir}'s catalog default. */
    public static StreamsSettings from(Settings settings) {
        return from(settings, Path.of(SettingCatalog.defaultOf("streams.state-dir")));
    }

    /** The settings, with another default of {@code streams.state-dir} (the demo's is under its data directory). */
    public static StreamsSettings from(Settings settings, Path defaultStateDirectory) {
        String applicationId = settings.string("streams.application-id");
        if (!applicationId.matches("[a-zA-Z0-9._-]{1,200}")) {
            throw new SettingsException("bad setting streams.application-id = '" + applicationId
                    + "' (from " + settings.origin("streams.application-id")
                    + "): expected letters, digits, '.', '_' and '-' only (it prefixes Kafka topic names)");
        }
        return new StreamsSettings(applicationId,
                Path.of(settings.string("streams.state-dir", defaultStateDirectory.toString())).toAbsolutePath().normalize(),
                settings.integer("streams.num-standby-replicas", 0, 10),
                settings.integer("streams.num-stream-threads", 1, 64),
                positive(settings, "streams.stall-timeout"),
                positive(settings, "streams.stall-check-interval"),
                settings.integer("streams.rocksdb-memory-mb", 0, 65536),
                settings.withPrefix("streams.config."));
    }

    private static Duration positive(Settings settings, String key) {
        Duration value = settings.duration(key);
        if (value.isZero() || value.isNegative()) {
            throw new SettingsException("bad setting " + key + " (from " + settings.origin(key)
                    + "): expected a positive duration such as 30m");
        }
        return value;
    }
}

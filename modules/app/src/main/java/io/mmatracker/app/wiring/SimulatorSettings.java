package io.mmatracker.app.wiring;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.config.SettingsException;
import io.mmatracker.simulator.SimulatorConfig;
import io.mmatracker.simulator.fault.FaultConfig;
import io.mmatracker.simulator.fleet.Filters;
import io.mmatracker.simulator.fleet.JobView;
import io.mmatracker.simulator.fleet.SourceView;
import io.mmatracker.simulator.Simulator;

/** The simulator's configuration from the {@code simulator.*} settings (used by {@code simulate} and {@code demo}). */
public final class SimulatorSettings {

    private SimulatorSettings() {
    }

    public static SimulatorConfig from(Settings settings) {
        SimulatorConfig d = SimulatorConfig.defaults();
        FaultConfig faults = Settings.build("simulator fault", () -> new FaultConfig(
                settings.decimal("simulator.server-error-rate", 0, 1), 0,
                settings.decimal("simulator.throttle-rate", 0, 1), 0,
                millis(settings, "simulator.latency"), millis(settings, "simulator.latency-jitter"),
                settings.decimal("simulator.malformed-rate", 0, 1),
                settings.decimal("simulator.reset-rate", 0, 1),
                new HashSet<>(settings.list("simulator.fault-operations"))));
        Optional<String> keyId = settings.optional("simulator.access-key-id");
        Optional<String> secret = settings.optional("simulator.access-key-secret");
        if (keyId.isPresent() != secret.isPresent()) {
            String missing = keyId.isPresent() ? "simulator.access-key-secret" : "simulator.access-key-id";
            throw new SettingsException("simulator.access-key-id and simulator.access-key-secret go together: "
                    + missing + " (" + Settings.envName(missing) + ") is missing");
        }
        return Settings.build("simulator", () -> new SimulatorConfig(
                settings.string("simulator.host", d.host()),
                settings.integer("simulator.port", d.port(), 0, 65535),
                settings.longInteger("simulator.seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                settings.integer("simulator.sources", d.sources(), 0, 10_000),
                settings.integer("simulator.jobs-per-source", d.jobsPerSource(), 0, 1_000_000),
                settings.integer("simulator.tables-per-source", d.tablesPerSource(), 0, 100_000_000),
                settings.decimal("simulator.speed", d.speed(), Double.MIN_VALUE, 1_000_000),
                settings.decimal("simulator.failure-rate", d.failureRate(), 0, 1),
                faults, keyId.orElse(null), secret.orElse(null)));
    }

    /**
     * A job that exists now (jobs appear over time), running if one is (failing a running job shows the alert within
     * the poller's active interval; a finished one is only re-read by the periodic reconciliation); empty in an
     * empty fleet.
     */
    public static Optional<String> exampleJobKey(Simulator simulator) {
        List<SourceView> sources = simulator.fleet().listSources(Filters.SourceFilter.NONE, 0, 10, false, true).items();
        for (String status : new String[] {"DOING", "INIT", null}) {
            Filters.JobFilter filter = new Filters.JobFilter(null, null, null, null, null, status, null);
            Optional<String> leastDone = sources.stream()
                    .flatMap(source -> simulator.fleet().listJobs(source.id(), filter, 0, 100).items().stream())
                    .min(Comparator.comparingDouble(job -> job.taskNum() == 0 ? 0 : (double) job.taskDone() / job.taskNum()))
                    .map(job -> job.sourceId() + "/" + job.id());
            if (leastDone.isPresent()) {
                return leastDone;
            }
        }
        return Optional.empty();
    }

    /** The first data source, for example commands. */
    public static Optional<Long> exampleSourceId(Simulator simulator) {
        return simulator.fleet().listSources(Filters.SourceFilter.NONE, 0, 1, false, true).items().stream()
                .map(SourceView::id).findFirst();
    }

    private static long millis(Settings settings, String key) {
        Duration value = settings.duration(key, Duration.ZERO);
        if (value.isNegative() || value.toMillis() > 60_000) {
            throw new SettingsException("bad setting " + key + " (from " + settings.origin(key)
                    + "): expected a duration from 0ms to 60s");
        }
        return value.toMillis();
    }

    /** The fault operations the simulator knows, for help texts. */
    public static Set<String> faultOperations() {
        return SimulatorConfig.faultOperations();
    }
}

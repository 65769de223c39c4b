package io.mmatracker.app.wiring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.config.SettingsException;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.schema.topic.Topics;

/**
 * The poller's configuration from the {@code poller.*} settings; absent keys keep the poller's own defaults, and a
 * bad value names its key (the poller's validation already does, in its own words).
 */
public final class PollerSettings {

    private PollerSettings() {
    }

    public static PollerConfig from(Settings settings, MmaClientConfig mma, Optional<String> region, Topics topics) {
        PollerConfig.Builder b = PollerConfig.builder(mma.endpoint().toString()).topics(topics)
                .pollerId(settings.optional("poller.id").orElseGet(PollerSettings::defaultId));
        region.ifPresent(b::region);
        List<String> ids = settings.list("poller.source-ids");
        if (!ids.isEmpty()) {
            b.sourceIds(ids.stream().map(id -> parseId(settings, id)).toList());
        }
        if (settings.optional("poller.requests-per-second").isPresent()) {
            b.requestsPerSecond(settings.decimal("poller.requests-per-second", Double.MIN_VALUE, 10_000));
        }
        duration(settings, "poller.active-interval", b::activeInterval);
        duration(settings, "poller.reconcile-interval", b::reconcileInterval);
        duration(settings, "poller.discovery-interval", b::discoveryInterval);
        duration(settings, "poller.catch-up-interval", b::catchUpInterval);
        duration(settings, "poller.close-timeout", b::closeTimeout);
        if (settings.optional("poller.retry-initial").isPresent() || settings.optional("poller.retry-max").isPresent()) {
            Backoff defaults = PollerConfig.builder("x").build().retry();
            Duration initial = settings.duration("poller.retry-initial", defaults.base());
            Duration max = settings.duration("poller.retry-max", defaults.max());
            b.retry(Settings.build("poller.retry-initial/poller.retry-max", () -> new Backoff(initial, max)));
        }
        if (!settings.list("poller.active-job-statuses").isEmpty()) {
            b.activeJobStatuses(new LinkedHashSet<>(settings.list("poller.active-job-statuses")));
        }
        if (!settings.list("poller.active-table-statuses").isEmpty()) {
            b.activeTableStatuses(new LinkedHashSet<>(settings.list("poller.active-table-statuses")));
        }
        if (settings.optional("poller.page-size").isPresent()) {
            b.pageSize(settings.integer("poller.page-size", 1, PollerConfig.MAX_PAGE_SIZE));
        }
        if (settings.optional("poller.workers").isPresent()) {
            b.workers(settings.integer("poller.workers", 1, 64));
        }
        if (settings.optional("poller.coordination-partitions").isPresent()) {
            b.coordinationPartitions(settings.integer("poller.coordination-partitions", 1, 1000));
        }
        if (settings.optional("poller.task-log-share").isPresent()) {
            b.taskLogShare(settings.decimal("poller.task-log-share", Double.MIN_VALUE, 1));
        }
        if (settings.optional("poller.scan-as-async-task").isPresent()) {
            b.scanAsAsyncTask(settings.bool("poller.scan-as-async-task"));
        }
        return Settings.build("poller", b::build);
    }

    private static void duration(Settings settings, String key, Consumer<Duration> set) {
        Duration value = settings.duration(key, null);
        if (value != null) {
            set.accept(value);
        }
    }

    private static long parseId(Settings settings, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new SettingsException("bad setting poller.source-ids (from " + settings.origin("poller.source-ids")
                    + "): '" + id + "' is not a data source id; expected comma-separated whole numbers");
        }
    }

    /** Host name and process id: unique per instance, also when containers all run as pid 1. */
    static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "poller";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}

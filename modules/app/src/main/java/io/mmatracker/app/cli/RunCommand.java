package io.mmatracker.app.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.mmatracker.app.Main;
import io.mmatracker.app.config.SettingCatalog;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.wiring.KafkaSettings;
import io.mmatracker.app.wiring.Tracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mma-tracker run}: the tracker's roles against an external Kafka cluster and a real MMA endpoint. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the tracker's roles (poller, streams, query; all by default) against an external Kafka "
                + "cluster and an MMA endpoint. Settings come from --config FILE, MMA_TRACKER_* environment variables "
                + "and flags, in rising priority; kafka.* settings pass to every Kafka client (SASL, SSL). The "
                + "AccessKey comes from mma.access-key-* or ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / "
                + "ALIBABA_CLOUD_SECURITY_TOKEN and is never logged. Every key is documented in "
                + "docker/tracker.properties.example. SIGTERM or Ctrl-C stops the roles in reverse order."},
        footer = {"", "Example: mma-tracker run --config /etc/mma-tracker/tracker.properties --roles poller"})
public final class RunCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--roles", paramLabel = "ROLE,...", description = "Roles of this process: poller, streams, query "
            + "(setting roles, default all; query needs streams).")
    String roles;

    @Mixin
    ConfigOptions config;

    public RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = config.load(context, new Flags().put("roles", roles).toMap());
        KafkaSettings kafka = KafkaSettings.from(settings, null);
        Tracker.Plan plan = Tracker.Plan.from(settings, context.env(), kafka, Optional.empty(),
                Path.of(SettingCatalog.defaultOf("streams.state-dir")), Map.of());
        context.stop().untilStopped();
        AtomicReference<String> failure = new AtomicReference<>();
        try (Tracker tracker = Tracker.start(plan, context.clock(), reason -> {
            failure.compareAndSet(null, reason);
            context.stop().request();
        })) {
            context.out().println("mma-tracker running " + String.join(", ", tracker.roles()) + " against Kafka "
                    + kafka.bootstrapServers() + plan.mma().map(m -> " and MMA at " + m.endpoint()).orElse(""));
            tracker.query().ifPresent(query -> context.out().println("  HTTP API, events and /metrics on port "
                    + query.port() + " (advertised as " + query.advertised() + "; " + query.scheme() + ", "
                    + (query.isAccessControlled() ? "access control on" : "no access control") + ")"));
            context.out().flush();
            context.stop().awaitRequest();
        }
        if (failure.get() != null) {
            context.err().println("mma-tracker: run failed: " + failure.get());
            return Main.FAILURE;
        }
        return Main.OK;
    }
}

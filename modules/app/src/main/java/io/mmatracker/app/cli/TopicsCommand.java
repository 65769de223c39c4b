package io.mmatracker.app.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import io.mmatracker.app.Main;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.wiring.KafkaSettings;
import io.mmatracker.app.wiring.TopicSetup;
import io.mmatracker.kafka.admin.IncompatibleTopicException;
import io.mmatracker.kafka.admin.TopicReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mma-tracker topics}: creates the missing topics of the standard layout and verifies the existing ones. */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create the tracker's topics where missing and verify the existing ones (never altered).",
                "A topic with the wrong cleanup policy is an error (exit 1); fewer partitions, another replication "
                        + "factor or retention are reported as warnings."},
        footer = {"", "Example: mma-tracker topics --bootstrap kafka:9092 --partitions 12 --replication-factor 3"})
public final class TopicsCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers "
            + "(setting kafka.bootstrap.servers); other kafka.* settings (SASL, SSL) come from --config or the environment.")
    String bootstrap;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Topic name prefix (topics.prefix, default mma.).")
    String prefix;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of created topics (topics.partitions, default 6).")
    String partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication factor of created topics (topics.replication-factor, default 3).")
    String replicationFactor;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for Kafka (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    ConfigOptions config;

    public TopicsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Settings settings = config.load(context, new Flags()
                .put(KafkaSettings.BOOTSTRAP, bootstrap)
                .put("topics.prefix", prefix)
                .put("topics.partitions", partitions)
                .put("topics.replication-factor", replicationFactor)
                .toMap());
        KafkaSettings kafka = KafkaSettings.from(settings, null);
        context.out().println("Topics with prefix '" + kafka.topics().prefix() + "' on " + kafka.bootstrapServers() + ":");
        TopicReport report;
        try {
            report = TopicSetup.ensure(kafka, timeout);
        } catch (IncompatibleTopicException e) {
            for (IncompatibleTopicException.Mismatch m : e.mismatches()) {
                context.err().println("  misconfigured: " + m);
            }
            context.err().println("mma-tracker: topics failed: existing topics are never altered; delete or "
                    + "reconfigure them (kafka-configs.sh --alter), or use another --prefix");
            return Main.FAILURE;
        }
        TopicSetup.describe(kafka.topicLayout(), report).forEach(context.out()::println);
        context.out().printf("%d topics: %d created, %d verified, %d warnings%n", kafka.topicLayout().size(),
                report.created().size(), report.verified().size(), report.warnings().size());
        return Main.OK;
    }
}

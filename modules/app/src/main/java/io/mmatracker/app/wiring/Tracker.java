package io.mmatracker.app.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.lifecycle.Lifecycle;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.kafka.admin.TopicReport;
import io.mmatracker.topology.TopologyConfig;

/**
 * The tracker's roles against a Kafka cluster and an MMA endpoint, as {@code run} starts them (and the demo, on
 * its embedded broker and simulator). Everything is read and validated by {@link Plan#from} before anything
 * connects, so a bad setting stops start-up with nothing half started.
 */
public final class Tracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);

    /**
     * What to start, fully validated.
     *
     * @param roles        the roles of this process
     * @param kafka        client settings and topic layout
     * @param createTopics whether to create missing topics (and verify the others) first
     * @param mma          the MMA client configuration, when the poller runs
     * @param streams      the Kafka Streams settings, when streams runs
     * @param settings     everything else (role configurations read as the roles land)
     */
    public record Plan(Set<Role> roles, KafkaSettings kafka, boolean createTopics, Optional<MmaClientConfig> mma,
                       StreamsSettings streams, Settings settings) {

        /** Reads and checks every setting this process will use. */
        public static Plan from(Settings settings, Map<String, String> env, KafkaSettings kafka,
                                Optional<MmaClientConfig> fixedMma, Path defaultStateDirectory) {
            Set<Role> roles = Role.from(settings);
            Optional<MmaClientConfig> mma = roles.contains(Role.POLLER)
                    ? Optional.of(fixedMma.orElseGet(() -> MmaSettings.from(settings, env)))
                    : Optional.empty();
            StreamsSettings streams = StreamsSettings.from(settings, defaultStateDirectory);
            return new Plan(roles, kafka, settings.bool("topics.create", true), mma, streams, settings);
        }
    }

    private final Lifecycle lifecycle;
    private final Optional<TopicReport> topics;
    private final List<String> notWired;
    private final Optional<StreamsRole> streams;

    private Tracker(Lifecycle lifecycle, Optional<TopicReport> topics, List<String> notWired,
                    Optional<StreamsRole> streams) {
        this.lifecycle = lifecycle;
        this.topics = topics;
        this.notWired = List.copyOf(notWired);
        this.streams = streams;
    }

    /** The streams role, when it runs here. */
    public Optional<StreamsRole> streams() {
        return streams;
    }

    /**
     * Starts the planned roles in order (poller, streams, query); on a failure stops what started and rethrows.
     *
     * @param fatal told when a running role fails for good (the process should stop and exit with an error)
     */
    public static Tracker start(Plan plan, Clock clock, Consumer<String> fatal) {
        Lifecycle lifecycle = new Lifecycle();
        try {
            Optional<TopicReport> topics = Optional.empty();
            if (plan.createTopics()) {
                TopicReport report = TopicSetup.ensure(plan.kafka(), Duration.ofSeconds(60));
                LOG.info("Topics with prefix {}: {} created, {} verified", plan.kafka().topics().prefix(),
                        report.created().size(), report.verified().size());
                topics = Optional.of(report);
            }
            List<String> notWired = new ArrayList<>();
            StreamsRole streams = null;
            for (Role role : plan.roles()) {
                switch (role) {
                    case STREAMS -> {
                        TopologyConfig topology = StreamsRole.topologyConfig(plan.kafka(), plan.streams(),
                                plan.settings().withPrefix("serde."));
                        streams = lifecycle.add("Kafka Streams", StreamsRole.start(topology,
                                StreamsRole.properties(topology, plan.kafka(), plan.streams(), null), fatal));
                    }
                    default -> notWired.add(role.label());
                }
            }
            return new Tracker(lifecycle, topics, notWired, Optional.ofNullable(streams));
        } catch (RuntimeException e) {
            lifecycle.close();
            throw e;
        }
    }

    public Optional<TopicReport> topics() {
        return topics;
    }

    /** Planned roles this build cannot run yet. */
    public List<String> notWired() {
        return notWired;
    }

    /** The running roles, in start order. */
    public List<String> roles() {
        return lifecycle.roles();
    }

    @Override
    public void close() {
        lifecycle.close();
    }
}

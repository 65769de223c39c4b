package io.mmatracker.app.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmatracker.app.config.SettingCatalog;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.lifecycle.StartedRoles;
import io.mmatracker.app.metrics.StreamsMeters;
import io.mmatracker.client.MmaClient;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.kafka.admin.TopicReport;
import io.mmatracker.poller.Poller;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.query.KafkaQuery;
import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.QueryService;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.topology.TopologyConfig;

/**
 * The tracker's roles against a Kafka cluster and an MMA endpoint, as {@code run} starts them (and the demo, on its
 * embedded broker and simulator). Everything is read and validated by {@link Plan#from} before anything connects,
 * so a bad setting stops start-up with nothing half started. Roles start in the order poller, streams, query and
 * stop in reverse.
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
     * @param poller       the poller's configuration, when it runs
     * @param streams      the Kafka Streams settings
     * @param topology     the topology's configuration
     * @param query        the HTTP API's configuration, when it runs
     * @param serdes       the one factory of every value serde of the process (default, or registry mode with
     *                     {@code serde.schema.registry.url})
     * @param membership   how the poller and Streams take part in their Kafka groups
     */
    public record Plan(Set<Role> roles, KafkaSettings kafka, boolean createTopics, Optional<MmaClientConfig> mma,
                       Optional<PollerConfig> poller, StreamsSettings streams, TopologyConfig topology,
                       Optional<QueryConfig> query, ValueSerdes serdes, GroupMembership membership) {

        /**
         * Reads and checks every setting this process will use.
         *
         * @param fixedMma     the MMA endpoint when the caller decides it (the demo's simulator), else read from settings
         * @param queryDefaults {@code query.*} values used unless set (the demo binds to loopback)
         */
        public static Plan from(Settings settings, Map<String, String> env, KafkaSettings kafka,
                                Optional<MmaClientConfig> fixedMma, Path defaultStateDirectory,
                                Map<String, String> queryDefaults) {
            Set<Role> roles = Role.from(settings);
            Optional<MmaClientConfig> mma = roles.contains(Role.POLLER)
                    ? Optional.of(fixedMma.orElseGet(() -> MmaSettings.from(settings, env)))
                    : Optional.empty();
            Optional<PollerConfig> poller = mma.map(m -> PollerSettings.from(settings, m,
                    settings.optional("mma.region"), kafka.topics()));
            StreamsSettings streams = StreamsSettings.from(settings, defaultStateDirectory);
            TopologyConfig topology = Settings.build("streams", () -> StreamsRole.topologyConfig(kafka, streams,
                    settings.withPrefix(SettingCatalog.SERDE)));
            ValueSerdes serdes = Settings.build("serde.*", () -> ValueSerdes.from(topology.serdeConfig()));
            Optional<QueryConfig> query = roles.contains(Role.QUERY)
                    ? Optional.of(QuerySettings.from(settings, queryDefaults))
                    : Optional.empty();
            return new Plan(EnumSet.copyOf(roles), kafka, settings.bool("topics.create"), mma, poller, streams,
                    topology, query, serdes, GroupMembership.from(settings));
        }
    }

    private final StartedRoles started;
    private final Optional<TopicReport> topics;
    private final Optional<Poller> poller;
    private final Optional<StreamsRole> streams;
    private final Optional<QueryService> query;

    private Tracker(StartedRoles started, Optional<TopicReport> topics, Optional<Poller> poller,
                    Optional<StreamsRole> streams, Optional<QueryService> query) {
        this.started = started;
        this.topics = topics;
        this.poller = poller;
        this.streams = streams;
        this.query = query;
    }

    /**
     * Starts the planned roles; on a failure stops what started and rethrows.
     *
     * @param fatal told when a running role fails for good (the process should stop and exit with an error)
     */
    public static Tracker start(Plan plan, Clock clock, Consumer<String> fatal) throws InterruptedException {
        plan.query().ifPresent(q -> Ports.requireFree(q.bindHost(), q.port(), "the HTTP API", "query.port"));
        // before anything starts: a bad auth or TLS file stops here, and an API open to a network must be protected
        // or opened on purpose (query.auth=none)
        plan.query().flatMap(q -> Settings.build("query", () -> q.security().preflight(q.bindHost()))).ifPresent(LOG::warn);
        StartedRoles started = new StartedRoles();
        try {
            Optional<TopicReport> topics = Optional.empty();
            if (plan.createTopics()) {
                TopicReport report = TopicSetup.ensure(plan.kafka(), Duration.ofSeconds(60));
                LOG.info("Topics with prefix {}: {} created, {} verified", plan.kafka().topics().prefix(),
                        report.created().size(), report.verified().size());
                topics = Optional.of(report);
            }
            plan.serdes().registry().ifPresent(registry ->
                    SchemaSetup.ensure(registry, plan.kafka().topics(), plan.streams().applicationId()));
            Map<String, Object> clients = plan.kafka().clientProperties();
            Optional<String> instanceId = plan.membership().instanceId(plan.streams().stateDirectory());
            instanceId.ifPresent(id -> LOG.info("Static group membership as {} (kept in {})", id, plan.streams().stateDirectory()));
            Poller poller = null;
            if (plan.poller().isPresent()) {
                PollerConfig pollerConfig = plan.poller().get().toBuilder()
                        .groupMember(plan.membership().pollerMember(instanceId)).build();
                poller = started.add("poller", new Poller(pollerConfig,
                        new MmaClient(plan.mma().orElseThrow()), clients, clock, plan.serdes()));
                poller.start();
            }
            StreamsRole streams = null;
            if (plan.roles().contains(Role.STREAMS)) {
                String applicationServer = plan.query().map(q -> q.advertised().toString()).orElse(null);
                Properties props = StreamsRole.properties(plan.topology(), plan.kafka(), plan.streams(), applicationServer,
                        plan.membership().streamsProperties(instanceId));
                streams = started.add("Kafka Streams", StreamsRole.start(plan.topology(), plan.serdes(), props, fatal));
            }
            QueryService query = null;
            if (plan.query().isPresent() && streams != null) {
                query = started.add("query API", KafkaQuery.create(plan.query().get(), streams.streams(),
                        plan.kafka().topics(), clients, clock, plan.serdes()));
                new StreamsMeters(streams.streams()).bindTo(query.metrics().registry());
                if (poller != null) {
                    poller.metrics().bindTo(query.metrics().registry());
                }
                query.start();
            }
            return new Tracker(started, topics, Optional.ofNullable(poller), Optional.ofNullable(streams),
                    Optional.ofNullable(query));
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
    }

    public Optional<TopicReport> topics() {
        return topics;
    }

    public Optional<Poller> poller() {
        return poller;
    }

    /** The streams role, when it runs here. */
    public Optional<StreamsRole> streams() {
        return streams;
    }

    public Optional<QueryService> query() {
        return query;
    }

    /** Planned roles this build cannot run yet: none since every module landed. */
    public List<String> notWired() {
        return List.of();
    }

    /** The running roles, in start order. */
    public List<String> roles() {
        return started.roles();
    }

    @Override
    public void close() {
        started.close();
    }
}

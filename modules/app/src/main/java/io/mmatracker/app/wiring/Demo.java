package io.mmatracker.app.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.lifecycle.StartedRoles;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.signature.Credentials;
import io.mmatracker.kafka.admin.TopicReport;
import io.mmatracker.kafka.embedded.EmbeddedKafkaBroker;
import io.mmatracker.kafka.embedded.EmbeddedKafkaConfig;
import io.mmatracker.query.QueryService;
import io.mmatracker.simulator.Simulator;
import io.mmatracker.simulator.SimulatorConfig;

/**
 * Everything in one process on this machine: an embedded single-node KRaft broker whose data (and the Streams state)
 * live under one directory that survives restarts, the topics, and then the tracker's roles. Closing it stops them
 * in reverse order.
 */
public final class Demo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    /** The demo's HTTP API listens on loopback unless query.bind-host says otherwise: it is a laptop's demo. */
    private static final String DEMO_BIND_HOST = "127.0.0.1";

    /** How the demo runs, read from the {@code demo.*} settings. */
    public record Config(Path dataDirectory, String host, int kafkaPort) {

        public static Config from(Settings settings) {
            Path data = Path.of(settings.string("demo.data-dir")).toAbsolutePath().normalize();
            return new Config(data, settings.string("demo.host"), settings.integer("demo.kafka-port", 0, 65535));
        }

        public Path brokerDirectory() {
            return dataDirectory.resolve("kafka");
        }

        public Path streamsDirectory() {
            return dataDirectory.resolve("streams");
        }
    }

    private final StartedRoles started;
    private final Config config;
    private final EmbeddedKafkaBroker broker;
    private final KafkaSettings kafka;
    private final TopicReport topics;
    private final Simulator simulator;
    private final Tracker tracker;
    private final Duration startup;

    private Demo(StartedRoles started, Config config, EmbeddedKafkaBroker broker, KafkaSettings kafka, TopicReport topics,
                 Simulator simulator, Tracker tracker, Duration startup) {
        this.started = started;
        this.config = config;
        this.broker = broker;
        this.kafka = kafka;
        this.topics = topics;
        this.simulator = simulator;
        this.tracker = tracker;
        this.startup = startup;
    }

    /**
     * Starts every role; on any failure stops what already started and rethrows.
     *
     * @throws PortTakenException if a port the demo needs is in use
     */
    public static Demo start(Settings settings, Clock clock, Consumer<String> fatal) throws InterruptedException {
        long t0 = System.nanoTime();
        Config config = Config.from(settings);
        SimulatorConfig simulatorConfig = SimulatorSettings.from(settings);
        Ports.requireFree(config.host(), config.kafkaPort(), "the embedded Kafka broker", "demo.kafka-port, --kafka-port");
        Ports.requireFree(simulatorConfig.host(), simulatorConfig.port(), "the MMA simulator", "simulator.port, --sim-port");
        Ports.requireFree(settings.string("query.bind-host", DEMO_BIND_HOST), settings.integer("query.port", 0, 65535),
                "the HTTP API", "query.port, --http-port");
        StartedRoles started = new StartedRoles();
        try {
            EmbeddedKafkaBroker broker = started.add("embedded Kafka broker", new EmbeddedKafkaBroker(
                    EmbeddedKafkaConfig.defaults(config.brokerDirectory()).withHost(config.host())
                            .withBrokerPort(config.kafkaPort())).start());
            KafkaSettings kafka = KafkaSettings.from(settings, broker.bootstrapServers(), 3, 1);
            TopicReport topics = TopicSetup.ensure(kafka, Duration.ofSeconds(30));
            LOG.info("Topics: {} created, {} verified", topics.created().size(), topics.verified().size());
            Simulator simulator = started.add("MMA simulator", Simulator.start(simulatorConfig, clock));
            MmaClientConfig mma = MmaClientConfig.forEndpoint(simulator.baseUrl());
            if (simulatorConfig.requiresSignature()) {
                mma = mma.withCredentials(Credentials.of(simulatorConfig.accessKeyId(), simulatorConfig.accessKeySecret()));
            }
            Tracker.Plan plan = Tracker.Plan.from(demoDefaults(settings).with(Map.of("roles", "poller,streams,query",
                    "topics.create", "false")), Map.of(), kafka, Optional.of(mma), config.streamsDirectory(),
                    Map.of("query.bind-host", DEMO_BIND_HOST));
            Tracker tracker = started.add("tracker", Tracker.start(plan, clock, fatal));
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            return new Demo(started, config, broker, kafka, topics, simulator, tracker, startup);
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
    }

    /**
     * The demo polls its simulator's fast-moving fleet more eagerly than production defaults would poll MMA: a full
     * listing every minute finds a job failed by hand after it had already finished within a minute.
     */
    private static Settings demoDefaults(Settings settings) {
        if (settings.optional("poller.reconcile-interval").isPresent()) {
            return settings;
        }
        return settings.with(Map.of("poller.reconcile-interval", "1m"));
    }

    public Config config() {
        return config;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public TopicReport topics() {
        return topics;
    }

    /** The roles this build does not have yet. */
    public List<String> notWired() {
        return tracker.notWired();
    }

    /** The tracker's roles of this demo. */
    public Tracker tracker() {
        return tracker;
    }

    /** The port of the HTTP API, when the query role runs. */
    public Optional<Integer> httpPort() {
        return tracker.query().map(QueryService::port);
    }

    /** The simulator's base URL. */
    public String simulatorUrl() {
        return simulator.baseUrl();
    }

    /** The running simulator (its fleet gives example ids). */
    public Simulator simulator() {
        return simulator;
    }

    public Duration startup() {
        return startup;
    }

    /** The running roles, in start order. */
    public List<String> roles() {
        List<String> roles = new ArrayList<>(started.roles());
        roles.remove("tracker");
        roles.addAll(tracker.roles());
        return roles;
    }

    @Override
    public void close() {
        started.close();
    }
}

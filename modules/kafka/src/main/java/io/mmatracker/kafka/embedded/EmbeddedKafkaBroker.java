package io.mmatracker.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in this JVM: one KRaft node that is both broker and controller, built from
 * Kafka's own server classes ({@link KafkaRaftServer}), with its data in a directory that survives restarts.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()}. To restart on the same data, create a new
 * instance with the same {@link EmbeddedKafkaConfig#dataDirectory()}; the records and the cluster id stay.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** A free port picked before Kafka binds it may be taken in between; only then is a new one tried. */
    private static final int MAX_START_ATTEMPTS = 3;

    private enum State { NEW, RUNNING, CLOSED }

    private final EmbeddedKafkaConfig config;
    private State state = State.NEW;
    private DataDirectoryLock directoryLock;
    private KafkaRaftServer server;
    private String clusterId;
    private int brokerPort;
    private int controllerPort;
    private Duration startupDuration;

    public EmbeddedKafkaBroker(EmbeddedKafkaConfig config) {
        this.config = config;
    }

    /**
     * The broker properties the embedded broker sets unless {@link EmbeddedKafkaConfig#extraProperties()}
     * overrides them: internal topics at replication factor 1, no initial rebalance delay, a small cleaner
     * buffer. Exposed so that another single-node broker (a test container) can be configured alike.
     */
    public static Map<String, String> defaultBrokerProperties() {
        return BrokerProperties.DEFAULTS;
    }

    public EmbeddedKafkaConfig config() {
        return config;
    }

    /**
     * Formats the data directory if it has no {@code meta.properties} yet, starts the broker and returns once
     * it answers an Admin {@code describeCluster}.
     *
     * @return this broker, for {@code try (var broker = new EmbeddedKafkaBroker(cfg).start())}
     * @throws EmbeddedKafkaException if the directory cannot be used, a port cannot be bound or the broker
     *                                does not answer within {@link EmbeddedKafkaConfig#startTimeout()}
     * @throws IllegalStateException  if this instance was started or closed before
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (state != State.NEW) {
            throw new IllegalStateException("embedded broker on " + config.dataDirectory() + " was already "
                    + (state == State.RUNNING ? "started" : "closed")
                    + "; create a new EmbeddedKafkaBroker to start again on the same data directory");
        }
        long startedAt = System.nanoTime();
        Path dataDirectory = config.dataDirectory().toAbsolutePath().normalize();
        directoryLock = DataDirectoryLock.acquire(dataDirectory);
        try {
            clusterId = formatIfNeeded(dataDirectory);
            server = startServer(dataDirectory);
        } catch (RuntimeException e) {
            directoryLock.close();
            state = State.CLOSED;
            throw e;
        }
        state = State.RUNNING;
        try {
            awaitReady(startedAt);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        startupDuration = Duration.ofNanos(System.nanoTime() - startedAt);
        LOG.info("Embedded Kafka broker ready at {} (cluster {}, data {}) in {} ms",
                bootstrapServers(), clusterId, dataDirectory, startupDuration.toMillis());
        return this;
    }

    /** {@code host:port} of the running broker, for the {@code bootstrap.servers} of clients. */
    public synchronized String bootstrapServers() {
        requireRunning();
        return BrokerProperties.hostPort(config.host(), brokerPort);
    }

    /** The port clients connect to (the configured one, or the free port chosen at start). */
    public synchronized int brokerPort() {
        requireRunning();
        return brokerPort;
    }

    /** The KRaft controller port of this run. */
    public synchronized int controllerPort() {
        requireRunning();
        return controllerPort;
    }

    /** The cluster id, written to {@code meta.properties} at the first start and the same at every restart. */
    public synchronized String clusterId() {
        requireRunning();
        return clusterId;
    }

    /** How long {@link #start()} took, from formatting to the first answered {@code describeCluster}. */
    public synchronized Duration startupDuration() {
        requireRunning();
        return startupDuration;
    }

    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Shuts the broker down cleanly, releasing its ports, threads and the lock on the data directory. */
    @Override
    public synchronized void close() {
        if (state == State.RUNNING) {
            long t0 = System.nanoTime();
            shutdown(server);
            server = null;
            directoryLock.close();
            LOG.info("Embedded Kafka broker on {} stopped in {} ms", config.dataDirectory(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
        state = State.CLOSED;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("embedded broker on " + config.dataDirectory() + " is not running");
        }
    }

    /**
     * Returns the cluster id: read from the existing {@code meta.properties} files, or new and written by
     * Kafka's own formatter when neither directory has one yet.
     */
    private static String formatIfNeeded(Path dataDirectory) {
        Path logs = BrokerProperties.logDirectory(dataDirectory);
        Path metadata = BrokerProperties.metadataDirectory(dataDirectory);
        MetaPropertiesEnsemble ensemble;
        try {
            Files.createDirectories(logs);
            Files.createDirectories(metadata);
            ensemble = new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(logs.toString(), metadata.toString()))
                    .addMetadataLogDir(metadata.toString())
                    .load();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot use the data directory " + dataDirectory + ": " + e, e);
        }
        if (!ensemble.errorLogDirs().isEmpty()) {
            throw new EmbeddedKafkaException("cannot read meta.properties in " + ensemble.errorLogDirs());
        }
        if (ensemble.nodeId().isPresent() && ensemble.nodeId().getAsInt() != BrokerProperties.NODE_ID) {
            throw new EmbeddedKafkaException(dataDirectory + " belongs to node " + ensemble.nodeId().getAsInt()
                    + " but the embedded broker is node " + BrokerProperties.NODE_ID
                    + "; use a directory written by the embedded broker or an empty one");
        }
        if (ensemble.emptyLogDirs().isEmpty()) {
            LOG.info("Reusing {} of cluster {}", dataDirectory, ensemble.clusterId().orElseThrow());
            return ensemble.clusterId().orElseThrow();
        }
        if (ensemble.emptyLogDirs().size() < 2) {
            throw new EmbeddedKafkaException(dataDirectory + " is half formatted: " + ensemble.emptyLogDirs()
                    + " has no meta.properties but " + ensemble.logDirProps().keySet() + " has; restore the "
                    + "missing directory or move the whole data directory away to start a new cluster");
        }
        String newClusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(BrokerProperties.NODE_ID)
                    .setClusterId(newClusterId)
                    .setDirectories(List.of(logs.toString(), metadata.toString()))
                    .setMetadataLogDirectory(metadata.toString())
                    .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("cannot format the data directory " + dataDirectory + ": " + e, e);
        }
        LOG.info("Formatted {} for new cluster {} (metadata.version {})", dataDirectory, newClusterId,
                MetadataVersion.latestProduction());
        // the formatter's own report lists every bootstrap record: a kilobyte per start, useful only when debugging
        LOG.debug("Kafka's formatter: {}",
                output.toString(StandardCharsets.UTF_8).strip().replace(System.lineSeparator(), " | "));
        return newClusterId;
    }

    private KafkaRaftServer startServer(Path dataDirectory) {
        // Kafka halts the JVM when the controller cannot bind its port, so a fixed port in use must be found here
        requireFree(config.host(), config.brokerPort(), "brokerPort");
        requireFree(config.host(), config.controllerPort(), "controllerPort");
        boolean portsChosenHere = config.brokerPort() == 0 || config.controllerPort() == 0;
        for (int attempt = 1; ; attempt++) {
            int chosenBrokerPort = config.brokerPort() != 0 ? config.brokerPort() : freePort(config.host(), -1);
            int chosenControllerPort = config.controllerPort() != 0
                    ? config.controllerPort() : freePort(config.host(), chosenBrokerPort);
            KafkaConfig kafkaConfig;
            try {
                kafkaConfig = new KafkaConfig(
                        BrokerProperties.of(config, dataDirectory, chosenBrokerPort, chosenControllerPort), false);
            } catch (RuntimeException e) {
                throw new EmbeddedKafkaException("invalid broker configuration: " + e.getMessage(), e);
            }
            KafkaRaftServer candidate;
            try {
                candidate = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            } catch (RuntimeException e) {
                throw new EmbeddedKafkaException("cannot open the data directory " + dataDirectory
                        + " (is another broker using it?): " + e.getMessage(), e);
            }
            try {
                candidate.startup();
                brokerPort = chosenBrokerPort;
                controllerPort = chosenControllerPort;
                return candidate;
            } catch (RuntimeException e) {
                shutdown(candidate);
                if (isBindFailure(e) && portsChosenHere && attempt < MAX_START_ATTEMPTS) {
                    LOG.info("Port {} or {} was taken before the broker bound it; trying new free ports",
                            chosenBrokerPort, chosenControllerPort);
                    continue;
                }
                throw new EmbeddedKafkaException("embedded broker failed to start on " + config.host()
                        + " ports " + chosenBrokerPort + "/" + chosenControllerPort + ": " + e.getMessage(), e);
            }
        }
    }

    private void awaitReady(long startedAt) {
        long deadline = startedAt + config.startTimeout().toNanos();
        int remainingMs = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness");
        // the Admin client retries connecting by itself until the timeout of the call runs out
        try (Admin admin = Admin.create(adminConfig)) {
            String answered = admin.describeCluster(new DescribeClusterOptions().timeoutMs(remainingMs))
                    .clusterId().get(remainingMs + 1_000L, TimeUnit.MILLISECONDS);
            if (!clusterId.equals(answered)) {
                throw new EmbeddedKafkaException("the broker at " + bootstrapServers() + " reports cluster "
                        + answered + " but " + config.dataDirectory() + " holds cluster " + clusterId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while waiting for the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedKafkaException("embedded broker at " + bootstrapServers() + " did not answer within "
                    + config.startTimeout() + ": " + e.getMessage(), e);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down the embedded broker", e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void requireFree(String host, int port, String name) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedKafkaException(name + " " + port + " on " + host + " is not available (" + e.getMessage()
                    + "); stop what uses it or choose another port (0 picks a free one)", e);
        }
    }

    private static int freePort(String host, int notThisOne) {
        try {
            InetAddress address = InetAddress.getByName(host);
            while (true) {
                try (ServerSocket socket = new ServerSocket(0, 1, address)) {
                    if (socket.getLocalPort() != notThisOne) {
                        return socket.getLocalPort();
                    }
                }
            }
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot find a free port on " + host + ": " + e, e);
        }
    }
}

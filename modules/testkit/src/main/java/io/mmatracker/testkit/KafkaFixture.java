package io.mmatracker.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.mmatracker.kafka.admin.TopicAdmin;
import io.mmatracker.kafka.admin.TopicSpec;
import io.mmatracker.kafka.embedded.EmbeddedKafkaBroker;
import io.mmatracker.kafka.embedded.EmbeddedKafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One Kafka broker for an integration test class: a Testcontainers {@code apache/kafka} container when a
 * Docker engine is present, the embedded KRaft broker otherwise.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaFixture KAFKA = new KafkaFixture();
 * }</pre>
 *
 * <p>{@code -Dmma.test.kafka=embedded|testcontainers} (or the environment variable {@code MMA_TEST_KAFKA})
 * forces one. The broker, its Admin client and the fixture's temporary directory go away after the class.
 */
public final class KafkaFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AutoCloseable {

    /** Which broker the fixture runs. */
    public enum Mode { EMBEDDED, TESTCONTAINERS }

    public static final String MODE_PROPERTY = "mma.test.kafka";
    public static final String MODE_ENVIRONMENT_VARIABLE = "MMA_TEST_KAFKA";
    /** Overrides the container image, by default {@code apache/kafka} at the version of the Kafka client. */
    public static final String IMAGE_PROPERTY = "mma.test.kafka.image";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String DOCKER_PROBE_LOGGER = "org.testcontainers.dockerclient.DockerClientProviderStrategy";

    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    private Mode mode;
    private Path tempRoot;
    private EmbeddedKafkaBroker embedded;
    private KafkaContainer container;
    private String bootstrapServers;
    private Admin admin;

    /**
     * Adds a broker property (e.g. {@code log.cleaner.backoff.ms}) on top of the embedded broker's
     * defaults; call before the broker starts.
     */
    public KafkaFixture withBrokerProperty(String key, String value) {
        if (isStarted()) {
            throw new IllegalStateException("broker properties must be set before the broker starts");
        }
        brokerProperties.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!isStarted()) {
            throw new IllegalStateException("KafkaFixture was not started: register it in a static field "
                    + "(@RegisterExtension static final KafkaFixture KAFKA = new KafkaFixture();)");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the broker; the JUnit callbacks call this, code outside JUnit may too. */
    public synchronized void start() {
        if (isStarted()) {
            throw new IllegalStateException("KafkaFixture is already started");
        }
        long t0 = System.nanoTime();
        // chosen first: a bad mma.test.kafka value must not leave a temporary directory behind
        mode = chooseMode(requestedMode(), KafkaFixture::isDockerAvailable);
        try {
            tempRoot = Files.createTempDirectory("mma-kafka-fixture-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the broker", e);
        }
        try {
            bootstrapServers = mode == Mode.EMBEDDED ? startEmbedded() : startContainer();
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Kafka for tests ({}) at {} in {} ms", mode, bootstrapServers, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Stops the broker and deletes the fixture's temporary directory; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
            admin = null;
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        if (container != null) {
            container.stop();
            container = null;
        }
        bootstrapServers = null;
        if (tempRoot != null) {
            deleteRecursively(tempRoot);
            tempRoot = null;
        }
    }

    public synchronized boolean isStarted() {
        return bootstrapServers != null;
    }

    /** The broker this fixture runs; known once started. */
    public synchronized Mode mode() {
        requireStarted();
        return mode;
    }

    public synchronized String bootstrapServers() {
        requireStarted();
        return bootstrapServers;
    }

    /** An Admin client of the broker, shared by the test class and closed by the fixture. */
    public synchronized Admin admin() {
        requireStarted();
        return admin;
    }

    /** {@code prefix} made unique within this broker, for topic names, group ids and application ids. */
    public String uniqueName(String prefix) {
        return prefix + "-" + runId + "-" + names.incrementAndGet();
    }

    /** Creates a topic (replication factor 1) and returns once the broker serves it; returns its name. */
    public String createTopic(String name, int partitions) {
        return createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with topic configs (e.g. {@code cleanup.policy=compact}) and returns its name. */
    public String createTopic(String name, int partitions, Map<String, String> configs) {
        new TopicAdmin(admin(), ADMIN_TIMEOUT).ensureTopics(List.of(new TopicSpec(name, partitions, (short) 1, configs)));
        return name;
    }

    /** A new directory inside the fixture's temporary directory (e.g. a Streams {@code state.dir}), deleted at close. */
    public synchronized Path newTempDirectory(String prefix) {
        requireStarted();
        try {
            return Files.createTempDirectory(tempRoot, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + tempRoot, e);
        }
    }

    /** Producer settings: this broker, {@code acks=all}, idempotent. Serializers are the caller's. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    /** Consumer settings: this broker, the group, reading from the earliest offset, committing explicitly. */
    public Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /**
     * Kafka Streams settings for a test: this broker, the application id, a fresh state directory that the
     * fixture deletes, commits every 100 ms and no record cache, so results show up at once.
     */
    public Map<String, Object> streamsProperties(String applicationId) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        props.put("application.id", applicationId);
        props.put("state.dir", newTempDirectory("streams-").toString());
        props.put("commit.interval.ms", 100);
        props.put("statestore.cache.max.bytes", 0);
        return props;
    }

    /**
     * The broker to use: the requested one ({@code embedded} or {@code testcontainers}, any case), else
     * Testcontainers when Docker is available, else embedded.
     *
     * @throws IllegalArgumentException for any other requested value
     */
    public static Mode chooseMode(Optional<String> requested, BooleanSupplier dockerAvailable) {
        if (requested.isPresent() && !requested.get().isBlank()) {
            String value = requested.get().trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "embedded" -> Mode.EMBEDDED;
                case "testcontainers" -> Mode.TESTCONTAINERS;
                default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be embedded or testcontainers, was "
                        + requested.get());
            };
        }
        return dockerAvailable.getAsBoolean() ? Mode.TESTCONTAINERS : Mode.EMBEDDED;
    }

    /** The Kafka property {@code key} as the apache/kafka image reads it from its environment. */
    public static String environmentVariable(String key) {
        return "KAFKA_" + key.replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Whether Testcontainers finds a Docker engine, without the ERROR it logs when there is none. */
    static boolean isDockerAvailable() {
        return QuietLogger.during(DOCKER_PROBE_LOGGER, () -> DockerClientFactory.instance().isDockerAvailable());
    }

    /** The mode asked for by the system property, else by the environment; empty if neither is set. */
    static Optional<String> requestedMode() {
        String property = System.getProperty(MODE_PROPERTY);
        if (property != null) {
            return Optional.of(property);
        }
        return Optional.ofNullable(System.getenv(MODE_ENVIRONMENT_VARIABLE))
                .or(() -> Optional.ofNullable(System.getenv(MODE_PROPERTY)));
    }

    private String startEmbedded() {
        embedded = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(tempRoot.resolve("broker"))
                .withProperties(brokerProperties)).start();
        return embedded.bootstrapServers();
    }

    private String startContainer() {
        String image = System.getProperty(IMAGE_PROPERTY, "apache/kafka:" + AppInfoParser.getVersion());
        KafkaContainer started = new KafkaContainer(DockerImageName.parse(image));
        Map<String, String> properties = new LinkedHashMap<>(EmbeddedKafkaBroker.defaultBrokerProperties());
        properties.putAll(brokerProperties);
        properties.forEach((key, value) -> started.withEnv(environmentVariable(key), value));
        container = started;
        started.start();
        return started.getBootstrapServers();
    }

    private void requireStarted() {
        if (!isStarted()) {
            throw new IllegalStateException("KafkaFixture is not started");
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete {} completely: {}", root, e.toString());
        }
    }
}

package io.mmatracker.kafka.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.mmatracker.kafka.embedded.EmbeddedKafkaBroker;
import io.mmatracker.kafka.embedded.EmbeddedKafkaConfig;
import io.mmatracker.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TopicAdmin against the real embedded broker: creates the layout, verifies it, refuses what would lose data. */
class TopicAdminTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    static Path dataDirectory;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;
    private static TopicAdmin topicAdmin;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(dataDirectory)).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        topicAdmin = new TopicAdmin(admin, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsTheStandardLayoutWithItsCleanupPoliciesAndThenOnlyVerifiesIt() throws Exception {
        Topics topics = uniqueTopics();
        List<TopicSpec> layout = TopicLayout.standard(topics, 3, (short) 1);

        TopicReport first = topicAdmin.ensureTopics(layout);

        assertThat(first.created()).containsExactlyInAnyOrderElementsOf(names(layout)).hasSize(11);
        assertThat(first.verified()).isEmpty();
        Map<String, String> policies = describe(names(layout), TopicConfig.CLEANUP_POLICY_CONFIG);
        assertThat(policies).containsEntry(topics.dataSources(), "compact")
                .containsEntry(topics.scans(), "compact")
                .containsEntry(topics.jobs(), "compact")
                .containsEntry(topics.tables(), "compact")
                .containsEntry(topics.asyncTasks(), "compact")
                .containsEntry(topics.tasks(), "compact")
                .containsEntry(topics.watchRequests(), "compact")
                .containsEntry(topics.pollWatermarks(), "compact")
                .containsEntry(topics.statusChanges(), "delete")
                .containsEntry(topics.alerts(), "delete")
                .containsEntry(topics.deadLetters(), "delete");
        Map<String, String> retention = describe(names(layout), TopicConfig.RETENTION_MS_CONFIG);
        assertThat(retention).containsEntry(topics.statusChanges(), Long.toString(Duration.ofDays(7).toMillis()))
                .containsEntry(topics.alerts(), Long.toString(Duration.ofDays(30).toMillis()))
                .containsEntry(topics.deadLetters(), Long.toString(Duration.ofDays(14).toMillis()));
        Map<String, TopicDescription> descriptions = admin.describeTopics(names(layout)).allTopicNames().get();
        assertThat(descriptions.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(3));

        TopicReport second = topicAdmin.ensureTopics(layout);

        assertThat(second.created()).isEmpty();
        assertThat(second.verified()).containsExactlyInAnyOrderElementsOf(names(layout));
        assertThat(second.warnings()).isEmpty();
    }

    @Test
    void refusesASnapshotTopicThatIsNotCompactedNamingTopicActualAndRequiredPolicy() {
        Topics topics = uniqueTopics();
        topicAdmin.ensureTopics(List.of(TopicSpec.deleting(topics.jobs(), 1, (short) 1, Duration.ofDays(1))));

        assertThatThrownBy(() -> topicAdmin.ensureTopics(TopicLayout.standard(topics, 1, (short) 1)))
                .isInstanceOfSatisfying(IncompatibleTopicException.class, e -> assertThat(e.mismatches())
                        .containsExactly(new IncompatibleTopicException.Mismatch(
                                topics.jobs(), "cleanup.policy", "delete", "compact")))
                .hasMessageContaining("topic " + topics.jobs() + " has cleanup.policy=delete but needs cleanup.policy=compact");
    }

    @Test
    void reportsFewerPartitionsThanSpecifiedAsAWarning() {
        Topics topics = uniqueTopics();
        topicAdmin.ensureTopics(List.of(TopicSpec.compacted(topics.tables(), 1, (short) 1)));

        TopicReport report = topicAdmin.ensureTopics(List.of(TopicSpec.compacted(topics.tables(), 4, (short) 1)));

        assertThat(report.created()).isEmpty();
        assertThat(report.verified()).containsExactly(topics.tables());
        assertThat(report.warnings()).singleElement().asString()
                .contains(topics.tables()).contains("1 partitions, fewer than the 4 specified");
    }

    @Test
    void treatsCompactDeleteInAnyOrderAsTheSamePolicy() {
        String topic = uniqueTopics().dataSources();
        TopicSpec spec = TopicSpec.compacted(topic, 1, (short) 1).withConfig("cleanup.policy", "compact,delete");
        topicAdmin.ensureTopics(List.of(spec));

        TopicReport report = topicAdmin.ensureTopics(
                List.of(spec.withConfig("cleanup.policy", "delete, compact")));

        assertThat(report.verified()).containsExactly(topic);
        assertThat(report.warnings()).isEmpty();
    }

    private static Topics uniqueTopics() {
        return new Topics("t" + PREFIXES.incrementAndGet() + "-" + System.nanoTime() + ".");
    }

    private static List<String> names(List<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).toList();
    }

    private static Map<String, String> describe(List<String> names, String key) throws Exception {
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        return configs.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), e -> e.getValue().get(key).value()));
    }
}

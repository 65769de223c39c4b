package io.mmatracker.app.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.mmatracker.kafka.admin.TopicAdmin;
import io.mmatracker.kafka.admin.TopicReport;
import io.mmatracker.kafka.admin.TopicSpec;

/** Creates the missing topics of the layout and verifies the existing ones, through a short-lived Admin client. */
public final class TopicSetup {

    private TopicSetup() {
    }

    /**
     * @throws io.mmatracker.kafka.admin.IncompatibleTopicException if an existing topic has the wrong cleanup policy
     * @throws io.mmatracker.kafka.admin.TopicAdminFailedException  if Kafka does not answer in time or refuses
     */
    public static TopicReport ensure(KafkaSettings kafka, Duration timeout) {
        Map<String, Object> props = kafka.clientProperties(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "mma-tracker-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000)));
        try (Admin admin = Admin.create(props)) {
            return new TopicAdmin(admin, timeout).ensureTopics(kafka.topicLayout());
        }
    }

    /** One line per topic: what was done and how it is configured, then the warnings. */
    public static List<String> describe(List<TopicSpec> layout, TopicReport report) {
        int width = layout.stream().mapToInt(spec -> spec.name().length()).max().orElse(10);
        List<String> lines = new ArrayList<>();
        for (TopicSpec spec : layout) {
            String action = report.created().contains(spec.name()) ? "created " : "verified";
            String retention = spec.configs().containsKey("retention.ms")
                    ? ", retention " + Duration.ofMillis(Long.parseLong(spec.configs().get("retention.ms"))).toDays() + " days"
                    : "";
            lines.add(String.format("  %s  %-" + width + "s  %s%s, %d partitions, replication %d", action, spec.name(),
                    spec.cleanupPolicy(), retention, spec.partitions(), spec.replicationFactor()));
        }
        report.warnings().forEach(w -> lines.add("  warning: " + w));
        return lines;
    }
}

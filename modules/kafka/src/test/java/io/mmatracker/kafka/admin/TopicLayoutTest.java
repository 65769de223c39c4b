package io.mmatracker.kafka.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.mmatracker.schema.topic.Topics;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

    private final Topics topics = new Topics("x.");

    @Test
    void snapshotWatchAndWatermarkTopicsAreCompactedAndEventTopicsExpire() {
        List<TopicSpec> layout = TopicLayout.standard(topics, 6, (short) 3);

        Map<String, String> policies = layout.stream()
                .collect(Collectors.toMap(TopicSpec::name, TopicSpec::cleanupPolicy));
        assertThat(policies).containsOnly(
                Map.entry("x.datasources", "compact"), Map.entry("x.scans", "compact"),
                Map.entry("x.jobs", "compact"), Map.entry("x.tables", "compact"),
                Map.entry("x.async-tasks", "compact"), Map.entry("x.tasks", "compact"), Map.entry("x.watch-requests", "compact"),
                Map.entry("x.poll-watermarks", "compact"), Map.entry("x.status-changes", "delete"),
                Map.entry("x.alerts", "delete"), Map.entry("x.dlq", "delete"));
        Map<String, String> retention = layout.stream().filter(s -> s.configs().containsKey("retention.ms"))
                .collect(Collectors.toMap(TopicSpec::name, s -> s.configs().get("retention.ms")));
        assertThat(retention).containsOnly(
                Map.entry("x.status-changes", "604800000"),
                Map.entry("x.alerts", "2592000000"),
                Map.entry("x.dlq", "1209600000"));
        assertThat(layout).allSatisfy(spec -> {
            assertThat(spec.partitions()).isEqualTo(6);
            assertThat(spec.replicationFactor()).isEqualTo((short) 3);
        });
    }

    @Test
    void aSpecNeedsANameAndAtLeastOnePartitionAndReplica() {
        assertThatThrownBy(() -> TopicSpec.compacted(" ", 1, (short) 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> TopicSpec.compacted("t", 0, (short) 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic t: partitions");
        assertThatThrownBy(() -> TopicSpec.compacted("t", 1, (short) 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic t: replication factor");
    }

    @Test
    void aSpecWithoutCleanupPolicyHasKafkasDefaultDelete() {
        assertThat(new TopicSpec("t", 1, (short) 1, Map.of()).cleanupPolicy()).isEqualTo("delete");
    }
}

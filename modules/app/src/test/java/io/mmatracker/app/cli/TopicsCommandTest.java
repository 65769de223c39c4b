package io.mmatracker.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.mmatracker.app.Main;
import io.mmatracker.testkit.KafkaFixture;

class TopicsCommandTest {

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    @Test
    void createsTheLayoutOnceAndVerifiesItAfterwards() {
        String prefix = KAFKA.uniqueName("t") + ".";

        TestCli.Result first = TestCli.execute("topics", "--bootstrap", KAFKA.bootstrapServers(), "--prefix", prefix,
                "--partitions", "2", "--replication-factor", "1");
        TestCli.Result second = TestCli.execute("topics", "--bootstrap", KAFKA.bootstrapServers(), "--prefix", prefix,
                "--partitions", "2", "--replication-factor", "1");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(Main.OK);
        assertThat(first.out()).contains("created   " + prefix + "jobs", "compact", "11 topics: 11 created, 0 verified");
        assertThat(first.out()).containsPattern("created   " + prefix.replace(".", "\\.") + "alerts\\s+delete, retention 30 days");
        assertThat(second.exitCode()).isEqualTo(Main.OK);
        assertThat(second.out()).contains("verified  " + prefix + "jobs", "11 topics: 0 created, 11 verified");
    }

    @Test
    void aSnapshotTopicThatIsNotCompactedIsAnErrorAndNothingIsAltered() {
        String prefix = KAFKA.uniqueName("bad") + ".";
        KAFKA.createTopic(prefix + "jobs", 1, Map.of("cleanup.policy", "delete"));

        TestCli.Result result = TestCli.execute("topics", "--bootstrap", KAFKA.bootstrapServers(), "--prefix", prefix,
                "--replication-factor", "1");

        assertThat(result.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(result.err()).contains("topic " + prefix + "jobs has cleanup.policy=delete but needs cleanup.policy=compact",
                "never altered");
    }

    @Test
    void kafkaSettingsComeFromTheConfigFileAndEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tracker.properties");
        Files.writeString(file, "kafka.bootstrap.servers=" + KAFKA.bootstrapServers() + "\ntopics.replication-factor=1\n");
        String prefix = KAFKA.uniqueName("env") + ".";

        TestCli.Result result = new TestCli(Map.of("MMA_TRACKER_TOPICS_PREFIX", prefix, "MMA_TRACKER_KAFKA_CLIENT_ID", "x"))
                .run("topics", "--config", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.OK);
        assertThat(result.out()).contains(prefix + "datasources");
    }

    @Test
    void withoutBootstrapServersTheMessageNamesTheKeyAndItsVariable() {
        TestCli.Result result = TestCli.execute("topics");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("missing setting kafka.bootstrap.servers (MMA_TRACKER_KAFKA_BOOTSTRAP_SERVERS)",
                "--bootstrap");
    }
}

package io.mmatracker.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;

/** Only the known benign Kafka warnings are dropped: their loggers' other lines, and errors, still print. */
class KnownBenignWarningsTest {

    @AfterEach
    void restoreTestLogging() throws Exception {
        TestLogging.restore();
    }

    @Test
    void theFirstStartsRepartitionTopicWarningIsDroppedAndRealProblemsPrint() {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        Logging.configure(LogFormat.TEXT, Level.INFO, logs);
        Logger network = LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient");

        network.warn("[Consumer clientId=x] The metadata response from the cluster reported a recoverable issue with "
                + "correlation id 2 : {mma-tracker-source-summary-deltas-repartition=UNKNOWN_TOPIC_OR_PARTITION}");
        network.warn("[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that has already been closed.");
        Logger controller = LoggerFactory.getLogger("org.apache.kafka.controller.QuorumController");
        controller.warn("[QuorumController id=1] Performing controller activation. The metadata log appears to be empty. ...");
        controller.warn("[QuorumController id=1] Performing controller activation.");
        LoggerFactory.getLogger("kafka.server.DefaultAutoTopicCreationManager").warn("Auto topic creation failed for "
                + "__transaction_state with error 'TOPIC_ALREADY_EXISTS': Topic '__transaction_state' already exists.");
        Logger sender = LoggerFactory.getLogger("org.apache.kafka.clients.producer.internals.Sender");
        sender.warn("[Producer clientId=p, transactionalId=t-1] Got error produce response with correlation id 7 on "
                + "topic-partition mma.status-changes-0, retrying (2147483646 attempts left). Error: CONCURRENT_TRANSACTIONS");
        sender.warn("[Producer clientId=p] Got error produce response with correlation id 8 on topic-partition "
                + "mma.alerts-0, retrying (2147483646 attempts left). Error: NOT_LEADER_OR_FOLLOWER");
        network.warn("[Consumer clientId=x] reported a recoverable issue: {mma.jobs=UNKNOWN_TOPIC_OR_PARTITION}");
        network.error("{x-repartition=UNKNOWN_TOPIC_OR_PARTITION} and the consumer gave up");
        LoggerFactory.getLogger("org.apache.kafka.streams.StreamsConfig").warn("The metadata log appears to be empty");

        String printed = logs.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(4);
        assertThat(printed).contains("{mma.jobs=UNKNOWN_TOPIC_OR_PARTITION}", "the consumer gave up", "StreamsConfig",
                        "NOT_LEADER_OR_FOLLOWER")
                .doesNotContain("deltas-repartition", "already been closed", "controller activation", "TOPIC_ALREADY_EXISTS",
                        "CONCURRENT_TRANSACTIONS");
    }
}

package io.mmatracker.topology;

import static io.mmatracker.topology.Snapshots.job;
import static io.mmatracker.topology.TrackerDriver.T0;
import static io.mmatracker.topology.TrackerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.StatusChange;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record that cannot be read or processed goes to the dead-letter topic, and processing goes on. */
class DeadLetterTest {

    @TempDir
    Path stateDir;
    TrackerDriver tracker;

    @BeforeEach
    void start() {
        tracker = new TrackerDriver(stateDir);
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void garbageBytesGoToTheDeadLetterTopicWithTheReasonAndTheNextRecordIsProcessed() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        tracker.rawJobs.pipeInput(key(10).getBytes(StandardCharsets.UTF_8), garbage);
        tracker.jobs.pipeInput(key(11), job(11, "DOING", 1, 10, T0));

        TestRecord<byte[], byte[]> dead = tracker.deadLetters.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("2000015/10");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead.headers(), "__streams.errors.topic")).isEqualTo("test.jobs");
        assertThat(header(dead.headers(), "__streams.errors.exception"))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(header(dead.headers(), "__streams.errors.message")).contains("cannot decode");
        assertThat(tracker.deadLetters.isEmpty()).isTrue();

        assertThat(tracker.changes()).extracting(StatusChange::getKey, StatusChange::getChangeType)
                .containsExactly(tuple("2000015/11", ChangeType.CREATED));
    }

    @Test
    void aKeyThatNamesNoObjectGoesToTheDeadLetterTopicAndChangesNothing() {
        tracker.jobs.pipeInput("not-a-key", job(10, "FAILED", 1, 10, T0));
        tracker.jobs.pipeInput(key(11), job(11, "DOING", 1, 10, T0));

        TestRecord<byte[], byte[]> dead = tracker.deadLetters.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("not-a-key");
        assertThat(header(dead.headers(), "__streams.errors.message"))
                .isEqualTo("key 'not-a-key' of a JOB record is not sourceId/objectId");
        assertThat(tracker.alerts()).isEmpty();
        assertThat(tracker.changes()).extracting(StatusChange::getKey).containsExactly("2000015/11");
    }

    private static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}

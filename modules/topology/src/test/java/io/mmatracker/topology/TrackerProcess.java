package io.mmatracker.topology;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.mmatracker.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The topology alone in a JVM of its own, so a test can kill it with SIGKILL: no close, no commit, no flush.
 * Arguments: bootstrap servers, application id, state directory, topic prefix, commit interval in ms.
 * Prints {@code STATE <state>} on every state change.
 */
public final class TrackerProcess {

    private TrackerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        var config = TopologyConfig.defaults();
        config = new TopologyConfig(new Topics(args[3]), config.stallTimeout(), config.stallCheckInterval(), config.serdeConfig());
        var props = config.streamsProperties(args[1], args[0], Path.of(args[2]), 0, null);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.parseInt(args[4]));
        // once killed, this member should leave the group soon, so the instance that takes over starts quickly
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        var streams = new KafkaStreams(TrackerTopology.build(config), props);
        streams.setStateListener((next, previous) -> System.out.println("STATE " + next));
        streams.start();
        new CountDownLatch(1).await();
    }
}

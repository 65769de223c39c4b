package io.mmatracker.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The server properties of the single-node combined broker+controller, defaults first, then overrides. */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /**
     * Defaults for a one-node cluster. Kafka's own defaults assume three brokers: internal topics at
     * replication factor 3 can never be created here, and a group consumer then waits forever for its
     * coordinator. Everything else is sized for a laptop or a 2-core CI runner.
     */
    static final Map<String, String> DEFAULTS = defaults();

    private BrokerProperties() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("offsets.topic.replication.factor", "1");
        d.put("offsets.topic.num.partitions", "10");
        d.put("transaction.state.log.replication.factor", "1");
        d.put("transaction.state.log.min.isr", "1");
        d.put("transaction.state.log.num.partitions", "10");
        d.put("share.coordinator.state.topic.replication.factor", "1");
        d.put("share.coordinator.state.topic.min.isr", "1");
        d.put("share.coordinator.state.topic.num.partitions", "10");
        d.put("default.replication.factor", "1");
        d.put("min.insync.replicas", "1");
        // a consumer group forms at once instead of waiting 3 s for more members that will not come
        d.put("group.initial.rebalance.delay.ms", "0");
        d.put("group.streams.initial.rebalance.delay.ms", "0");
        // KIP-848 groups (consumer and streams protocols) hand out assignments in heartbeat answers; at the
        // 5 s default a member waits seconds for its partitions. Heartbeats cost little on one node.
        for (String groupType : new String[] {"consumer", "streams"}) {
            d.put("group." + groupType + ".min.heartbeat.interval.ms", "500");
            d.put("group." + groupType + ".heartbeat.interval.ms", "500");
            d.put("group." + groupType + ".assignment.interval.ms", "100");
        }
        // the 128 MB default dedupe buffer is heap the broker would hold for a few small compacted topics
        d.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        d.put("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
        // look for dirty compacted logs every 2 s rather than 15 s, so compaction is observable in the demo
        d.put("log.cleaner.backoff.ms", "2000");
        d.put("num.network.threads", "2");
        d.put("num.io.threads", "4");
        d.put("background.threads", "4");
        d.put("num.recovery.threads.per.data.dir", "1");
        // after a SIGKILL the restarted controller holds the dead incarnation's registration until its broker session
        // (9 s by default) expires, and the broker waits for that before it is ready (modules/kafka/README.md)
        d.put("broker.heartbeat.interval.ms", "500");
        d.put("broker.session.timeout.ms", "3000");
        return Map.copyOf(d);
    }

    /** Where the partitions' logs live, inside the data directory. */
    static Path logDirectory(Path dataDirectory) {
        return dataDirectory.resolve("logs");
    }

    /**
     * Where the KRaft metadata log lives. Apart from the partition logs on purpose: Kafka then locks it
     * as soon as the controller starts, so a second broker on the same data directory fails before it
     * writes anything, instead of running its controller on a metadata log that is in use.
     */
    static Path metadataDirectory(Path dataDirectory) {
        return dataDirectory.resolve("metadata");
    }

    static Properties of(EmbeddedKafkaConfig config, Path dataDirectory, int brokerPort, int controllerPort) {
        String host = config.host();
        Properties p = new Properties();
        p.putAll(DEFAULTS);
        p.putAll(config.extraProperties());
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // a static single-voter quorum: the controller's address comes from this config at every start,
        // so a new free controller port after a restart is fine
        p.put("controller.quorum.voters", NODE_ID + "@" + hostPort(host, controllerPort));
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listeners", BROKER_LISTENER + "://" + hostPort(host, brokerPort) + ","
                + CONTROLLER_LISTENER + "://" + hostPort(host, controllerPort));
        p.put("advertised.listeners", BROKER_LISTENER + "://" + hostPort(host, brokerPort));
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDirectory(dataDirectory).toString());
        p.put("metadata.log.dir", metadataDirectory(dataDirectory).toString());
        return p;
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

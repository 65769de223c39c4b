package io.mmatracker.app.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.mmatracker.testkit.FreePorts;
import io.mmatracker.testkit.TcpProxy;

/**
 * Three Kafka brokers and one KRaft controller in this JVM (Kafka's own {@link KafkaClusterTestKit}), topics at
 * replication factor 3 with {@code min.insync.replicas=2}, as a production cluster is set up. Every broker is reached
 * only through a {@link TcpProxy} it advertises as its address, by clients and by the other brokers alike, so that
 * {@link #cut(int)} isolates a broker from everyone but its controller (a network partition), and {@link #kill(int)}
 * takes it away at once (network first, then the broker without a controlled shutdown, as a crashed host).
 */
final class ThreeBrokerCluster implements AutoCloseable {

    static final int BROKERS = 3;
    /** The kit's name of the listener clients and brokers use. */
    private static final ListenerName EXTERNAL = ListenerName.normalised("EXTERNAL");

    private final KafkaClusterTestKit kit;
    private final Map<Integer, Integer> proxyPorts;
    private final Map<Integer, TcpProxy> proxies = new TreeMap<>();

    private ThreeBrokerCluster(KafkaClusterTestKit kit, Map<Integer, Integer> proxyPorts) {
        this.kit = kit;
        this.proxyPorts = proxyPorts;
    }

    static ThreeBrokerCluster start(Path baseDirectory) throws Exception {
        Map<Integer, Integer> proxyPorts = new TreeMap<>();
        Map<Integer, Map<String, String>> perServer = new HashMap<>();
        for (int id = 0; id < BROKERS; id++) {
            int port = FreePorts.next();
            proxyPorts.put(id, port);
            perServer.put(id, Map.of("advertised.listeners", "EXTERNAL://127.0.0.1:" + port));
        }
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(BROKERS)
                .setNumControllerNodes(1).setPerServerProperties(perServer).setBaseDirectory(baseDirectory).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        brokerProperties().forEach(builder::setConfigProp);
        KafkaClusterTestKit kit = builder.build();
        ThreeBrokerCluster cluster = new ThreeBrokerCluster(kit, proxyPorts);
        try {
            kit.format();
            // the proxies listen before the brokers start (the brokers replicate through them); each asks its broker
            // for the port it bound at every connection, as a broker binds a new free port when it restarts
            for (int id = 0; id < BROKERS; id++) {
                BrokerServer broker = kit.brokers().get(id);
                cluster.proxies.put(id, TcpProxy.on(proxyPorts.get(id), "127.0.0.1", () -> broker.boundPort(EXTERNAL)));
            }
            kit.startup();
            kit.waitForReadyBrokers();

        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Production-like replication; a broker that dies is noticed in seconds, not in the default 9 s + 18 s. */
    private static Map<String, String> brokerProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("controlled.shutdown.enable", "false");
        p.put("broker.session.timeout.ms", "6000");
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return p;
    }

    /** {@code bootstrap.servers} of the clients: the three proxies. */
    String bootstrapServers() {
        return proxyPorts.values().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** The broker leading the most partitions of these topics (ties: the lowest id). */
    int busiestLeader(List<String> topics) throws Exception {
        try (Admin admin = admin()) {
            Map<Integer, Integer> led = new TreeMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.leader() != null) {
                        led.merge(partition.leader().id(), 1, Integer::sum);
                    }
                }
            }
            return led.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
        }
    }

    /** Whether every partition of these topics has its three replicas in sync. */
    boolean isFullyReplicated(List<String> topics) {
        try (Admin admin = admin()) {
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.isr().size() < BROKERS) {
                        return false;
                    }
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Takes the broker away at once: its connections cut, then the broker stopped without handing over leadership. */
    void kill(int broker) {
        proxies.get(broker).stop();
        kit.brokers().get(broker).shutdown(Duration.ZERO);
        kit.brokers().get(broker).awaitShutdown();
    }

    /** Starts a killed broker again on its data. */
    void restart(int broker) {
        BrokerServer server = kit.brokers().get(broker);
        server.startup();
        proxies.get(broker).start();
    }

    /** Cuts every connection to the broker, from clients and from the other brokers; its controller still sees it. */
    void cut(int broker) {
        proxies.get(broker).stop();
    }

    void heal(int broker) {
        proxies.get(broker).start();
    }

    List<Integer> brokerIds() {
        return new ArrayList<>(proxyPorts.keySet());
    }

    @Override
    public void close() throws Exception {
        try {
            kit.close();
        } finally {
            proxies.values().forEach(TcpProxy::close);
        }
    }
}

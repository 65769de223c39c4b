package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.config.Settings;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.simulator.Simulator;
import io.mmatracker.simulator.SimulatorConfig;
import io.mmatracker.simulator.fleet.Filters;
import io.mmatracker.testkit.FreePorts;
import io.mmatracker.testkit.KafkaFixture;

/**
 * Losing an instance never gives a wrong answer, with the settings {@code run} uses (its failure-detection defaults,
 * not test-only short sessions): three {@code streams,query} instances with one standby copy and a {@code poller}
 * instance against the simulator, GETs and full lists of a source's jobs running all the time, and an instance
 * killed (no leave-group, as after a crash) and started again, several times. Every 200 list must hold every job,
 * every 503 must come after the documented retry ({@code query.unavailable-retry-ms}), and the time until every
 * answer is fresh again is measured per kill.
 *
 * <p>Three kills in {@code verify} (each instance once when the victims rotate; about 35 s per kill on 2 cores),
 * {@code -Dfailover.kills=N} for more. As a benchmark, {@code -Dfailover.kills=1 -Dfailover.set=group.session-timeout=45s,group.heartbeat-interval=3s,group.static-membership=false}
 * measures Kafka's own defaults the same way.
 */
class FailoverTest {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INSTANCES = 3;
    private static final int KILLS = Integer.getInteger("failover.kills", 3);
    private static final Duration RETRY_BUDGET = Duration.ofMillis(1000);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Node> live = new CopyOnWriteArrayList<>();
    private final List<Tracker> everyTracker = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final List<Thread> load = new ArrayList<>();
    private Simulator simulator;
    private volatile String lastListAnswer = "none yet";

    /** One {@code streams,query} process: its state directory survives it, as on a real host. */
    private record Node(int index, Path stateDir, int port, Tracker tracker) {
        KafkaStreams streams() {
            return tracker.streams().orElseThrow().streams();
        }

        String url(String path) {
            return "http://localhost:" + port + path;
        }
    }

    /** One answer the load got: what was asked, when, how long it took, and whether a 200 list was complete. */
    private record Outcome(String kind, int status, long startedNanos, long tookNanos, boolean isStale, boolean isComplete, String body) {
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        report("last list answer while waiting: {}", lastListAnswer);
        loading.set(false);
        for (Thread thread : load) {
            thread.join(10_000);
        }
        for (Tracker tracker : everyTracker) {
            tracker.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void killingInstancesUnderLoadGivesNoIncompleteListAndNo503BeforeTheRetry() throws Exception {
        simulator = Simulator.start(SimulatorConfig.defaults().withHost("127.0.0.1").withPort(0).withFleet(1, 40, 5)
                .withFailureRate(0), Clock.systemUTC());
        long source = simulator.fleet().listSources(Filters.SourceFilter.NONE, 0, 10, false, true).items().get(0).id();
        String prefix = KAFKA.uniqueName("fo") + ".";
        String applicationId = KAFKA.uniqueName("mma-failover");
        Map<String, String> common = new HashMap<>(Map.of("kafka.bootstrap.servers", KAFKA.bootstrapServers(), "topics.prefix", prefix,
                "topics.partitions", "6", "topics.replication-factor", "1", "streams.application-id", applicationId,
                "streams.num-standby-replicas", "1", "query.unavailable-retry-ms", Long.toString(RETRY_BUDGET.toMillis())));
        for (String pair : System.getProperty("failover.set", "").split(",")) {
            if (pair.contains("=")) {
                common.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        Settings pollerSettings = Settings.of(with(common, Map.of("roles", "poller", "poller.active-interval", "1s",
                "streams.state-dir", KAFKA.newTempDirectory("poller-").toString())));
        everyTracker.add(Tracker.start(plan(pollerSettings, Optional.of(MmaClientConfig.forEndpoint(simulator.baseUrl()))),
                Clock.systemUTC(), reason -> LOG.error("poller failed: {}", reason)));
        for (int i = 0; i < INSTANCES; i++) {
            live.add(startNode(i, KAFKA.newTempDirectory("streams-" + i + "-"), FreePorts.next(), common));
        }
        String list = "/api/v1/mms/datasources/" + source + "/jobs?pageSize=1000";
        // The full set of ids: what every instance lists alike, unchanged for 3 s (the poller has published the source).
        Set<Long> allJobs = new TreeSet<>();
        long[] sameSince = {System.nanoTime()};
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).alias("every instance lists the same jobs for 3 s").until(() -> {
            List<Set<Long>> seen = live.stream().map(n -> listedIds(n, list)).toList();
            if (seen.get(0).isEmpty() || seen.stream().anyMatch(ids -> !ids.equals(seen.get(0))) || !seen.get(0).equals(allJobs)) {
                allJobs.clear();
                allJobs.addAll(seen.get(0));
                sameSince[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - sameSince[0] > Duration.ofSeconds(3).toNanos();
        });
        assertThat(allJobs).as("the simulator's jobs, as the poller published them").hasSizeGreaterThanOrEqualTo(10).isSubsetOf(jobsOf(source));
        awaitReplicated(common);

        load.add(loader("GET", () -> "/api/v1/mms/datasources/" + source + "/jobs/" + pick(allJobs), null));
        load.add(loader("LIST", () -> list, allJobs));
        load.forEach(Thread::start);

        List<Long> freshAfterMillis = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Node victim = live.get(kill % live.size());
            live.remove(victim);
            long killedAt = System.nanoTime();
            crash(victim);
            // Fresh again: every job answered by an active copy on every survivor.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> live.stream().allMatch(n ->
                    n.streams().state() == KafkaStreams.State.RUNNING && allJobs.stream().allMatch(id -> isFresh(n, source, id))));
            long fresh = (System.nanoTime() - killedAt) / 1_000_000;
            freshAfterMillis.add(fresh);
            report("kill {} of {}: instance {} killed, every answer fresh again after {} ms", kill + 1, KILLS, victim.index(), fresh);
            await().atMost(PATIENCE).until(() -> victim.streams().state() == KafkaStreams.State.NOT_RUNNING);
            Node again = startNode(victim.index(), victim.stateDir(), victim.port(), common);
            live.add(again);
            awaitReplicated(common);
        }
        loading.set(false);
        for (Thread thread : load) {
            thread.join(30_000);
        }

        List<Outcome> all = new ArrayList<>(outcomes);
        Map<String, Map<Integer, Long>> byStatus = all.stream().collect(Collectors.groupingBy(Outcome::kind,
                Collectors.groupingBy(Outcome::status, java.util.TreeMap::new, Collectors.counting())));
        long stale = all.stream().filter(Outcome::isStale).count();
        List<Outcome> incomplete = all.stream().filter(o -> o.status() == 200 && !o.isComplete()).toList();
        List<Outcome> early503 = all.stream().filter(o -> o.status() == 503 && o.tookNanos() < RETRY_BUDGET.toNanos() * 9 / 10).toList();
        report("{} kills under load: answers {}, {} stale, fresh again after {} ms; incomplete 200 lists {}, 503s before the retry budget {}",
                KILLS, byStatus, stale, freshAfterMillis, incomplete.size(), early503.size());
        all.stream().filter(o -> o.status() == 503).collect(Collectors.groupingBy(FailoverTest::reason, Collectors.counting()))
                .forEach((reason, count) -> report("{} x 503 {}", count, reason));
        assertThat(all).as("the load ran").hasSizeGreaterThan(100);
        assertThat(all).as("nothing but 200 and 503").allMatch(o -> o.status() == 200 || o.status() == 503);
        assertThat(incomplete).as("200 lists that miss a job").isEmpty();
        assertThat(early503).as("503s answered before query.unavailable-retry-ms ran out").isEmpty();
    }

    private Node startNode(int index, Path stateDir, int port, Map<String, String> common) throws InterruptedException {
        Settings settings = Settings.of(with(common, Map.of("roles", "streams,query", "streams.state-dir", stateDir.toString(),
                // loopback: run refuses an open network address without an auth file
                "query.port", Integer.toString(port), "query.bind-host", "127.0.0.1", "query.advertised", "localhost:" + port, "topics.create", index == 0 ? "true" : "false")));
        Tracker tracker = Tracker.start(plan(settings, Optional.empty()), Clock.systemUTC(), reason -> LOG.error("instance {} failed: {}", index, reason));
        everyTracker.add(tracker);
        return new Node(index, stateDir, port, tracker);
    }

    private static Tracker.Plan plan(Settings settings, Optional<MmaClientConfig> mma) {
        return Tracker.Plan.from(settings, Map.of(), KafkaSettings.from(settings, null, 6, 1), mma, Path.of("unused"), Map.of());
    }

    /** As a crash looks to the group: the HTTP server is gone and Streams stops without leaving its groups. */
    private static void crash(Node node) {
        node.tracker().query().orElseThrow().close();
        node.streams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                .withTimeout(Duration.ZERO));
    }

    /** Every instance runs, every partition of the job store has its active and its standby copy, and standbys caught up. */
    private void awaitReplicated(Map<String, String> common) {
        String jobs = common.get("topics.prefix") + "jobs";
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!live.stream().allMatch(n -> n.streams().state() == KafkaStreams.State.RUNNING)) {
                return false;
            }
            Map<Integer, Integer> copies = new HashMap<>();
            for (StreamsMetadata client : live.get(0).streams().metadataForAllStreamsClients()) {
                for (TopicPartition tp : client.topicPartitions()) {
                    if (tp.topic().equals(jobs)) {
                        copies.merge(tp.partition(), 1, Integer::sum);
                    }
                }
                for (TopicPartition tp : client.standbyTopicPartitions()) {
                    if (tp.topic().equals(jobs)) {
                        copies.merge(tp.partition(), 1, Integer::sum);
                    }
                }
            }
            if (copies.size() < 6 || copies.values().stream().anyMatch(c -> c < 2)) {
                return false;
            }
            return live.stream().allMatch(n -> n.streams().allLocalStorePartitionLags().values().stream()
                    .flatMap(byPartition -> byPartition.values().stream()).mapToLong(LagInfo::offsetLag).max().orElse(0) <= 10);
        });
    }

    private Thread loader(String kind, java.util.function.Supplier<String> path, Set<Long> expected) {
        Thread thread = new Thread(() -> {
            while (loading.get()) {
                List<Node> nodes = live;
                if (nodes.isEmpty()) {
                    continue;
                }
                Node node = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
                long started = System.nanoTime();
                HttpResponse<String> response;
                try {
                    response = http.send(HttpRequest.newBuilder(URI.create(node.url(path.get()))).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    continue; // the instance was killed while asked: a client sees a refused connection, not an answer
                } catch (InterruptedException e) {
                    return;
                }
                long took = System.nanoTime() - started;
                boolean isStale = "true".equals(response.headers().firstValue("x-mma-stale").orElse("false"));
                boolean isComplete = expected == null || response.statusCode() != 200 || ids(response.body()).containsAll(expected);
                outcomes.add(new Outcome(kind, response.statusCode(), started, took, isStale, isComplete,
                        response.statusCode() == 200 ? "" : response.body()));
                if (!isComplete || response.statusCode() == 503 && took < RETRY_BUDGET.toNanos() * 9 / 10) {
                    LOG.warn("{} {} after {} ms from instance on port {}: {}", kind, response.statusCode(), took / 1_000_000, node.port(),
                            response.statusCode() == 200 ? "missing " + missing(expected, response.body()) : response.body());
                }
            }
        }, "failover-load-" + kind);
        thread.setDaemon(true);
        return thread;
    }

    private Set<Long> jobsOf(long source) {
        return simulator.fleet().listJobs(source, new Filters.JobFilter(null, null, null, null, null, null, null), 0, 1000)
                .items().stream().map(job -> job.id()).collect(Collectors.toCollection(TreeSet::new));
    }

    private boolean isFresh(Node node, long source, long id) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.url("/api/v1/mms/datasources/" + source + "/jobs/" + id)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && "false".equals(response.headers().firstValue("x-mma-stale").orElse(""));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private Set<Long> listedIds(Node node, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            lastListAnswer = response.statusCode() + " " + response.body().substring(0, Math.min(300, response.body().length()));
            return response.statusCode() == 200 ? ids(response.body()) : Set.of();
        } catch (IOException | InterruptedException e) {
            lastListAnswer = e.toString();
            return Set.of();
        }
    }

    private static Set<Long> ids(String body) {
        try {
            Set<Long> ids = new TreeSet<>();
            for (JsonNode job : JSON.readTree(body).path("data").path("objectList")) {
                ids.add(job.path("id").asLong());
            }
            return ids;
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static Set<Long> missing(Set<Long> expected, String body) {
        Set<Long> missing = new TreeSet<>(expected);
        missing.removeAll(ids(body));
        return missing;
    }

    private static long pick(Set<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        return all.get(ThreadLocalRandom.current().nextInt(all.size()));
    }

    /** What a 503 said, without its numbers, to group alike ones. */
    private static String reason(Outcome outcome) {
        String message = outcome.body().replaceAll("\"RequestId\":\"[^\"]*\"|[0-9]+", "#");
        return outcome.kind() + " " + message.substring(0, Math.min(240, message.length()));
    }

    /** The test's figures go to standard output: the test logging config keeps the tracker's INFO lines quiet. */
    private static void report(String format, Object... args) {
        System.out.println("FAILOVER " + org.slf4j.helpers.MessageFormatter.arrayFormat(format, args).getMessage());
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(more);
        return merged;
    }
}

package io.mmatracker.app.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.cli.ChildJvm;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.wiring.KafkaSettings;
import io.mmatracker.app.wiring.Tracker;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.simulator.Simulator;
import io.mmatracker.simulator.SimulatorConfig;
import io.mmatracker.testkit.FreePorts;
import io.mmatracker.testkit.TcpProxy;

/**
 * Everything a fault scenario acts on, started once: a {@link ThreeBrokerCluster}, the MMA simulator (a steady
 * stream of new jobs, status changes and failures; reached through a {@link TcpProxy} so that it can become
 * unreachable), one poller in this JVM, two {@code streams,query} tracker processes ({@code mma-tracker run} in child
 * JVMs, one standby copy of every store, so SIGKILL is real), and a load of GETs on both instances all the time.
 */
final class FaultRig implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultRig.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(240);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /** One answer of the load: when it was asked, and its HTTP status (0: no connection, the instance is down). */
    record Answer(long atMillis, int status, int instance, String error) {
    }

    /** One {@code mma-tracker run} process with the streams and query roles; its state directory outlives it. */
    final class Instance {
        final int index;
        final int port;
        final Path config;
        volatile ChildJvm jvm;

        Instance(int index, int port, Path config) {
            this.index = index;
            this.port = port;
            this.config = config;
        }

        void start() throws IOException {
            jvm = ChildJvm.start(dir, "run", "--config", config.toString());
        }

        /** SIGKILL: no shutdown hook, no leave-group, no last commit. */
        void kill() throws InterruptedException {
            jvm.process().destroyForcibly();
            jvm.process().waitFor(60, TimeUnit.SECONDS);
        }

        boolean isUp() {
            return jvm != null && jvm.process().isAlive();
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    final Path dir;
    final ThreeBrokerCluster cluster;
    final Simulator simulator;
    final TcpProxy mma;
    final Topics topics;
    final List<Instance> instances = new ArrayList<>();
    final TransitionChecker checker;
    private final Tracker poller;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final Thread load;

    private FaultRig(Path dir, ThreeBrokerCluster cluster, Simulator simulator, TcpProxy mma, Topics topics,
                     Tracker poller) {
        this.dir = dir;
        this.cluster = cluster;
        this.simulator = simulator;
        this.mma = mma;
        this.topics = topics;
        this.poller = poller;
        this.checker = new TransitionChecker(cluster.bootstrapServers(), topics.statusChanges(), topics.alerts(),
                POLL_INTERVAL.multipliedBy(2));
        this.load = new Thread(this::loadLoop, "fault-load");
        this.load.setDaemon(true);
    }

    /**
     * @param speed the simulator's speed: its jobs start over the first 240 simulated minutes (90 before its start,
     *              150 after), so at speed 15 new jobs come for 10 minutes and at 60 for 2.5
     */
    static FaultRig start(Path dir, double speed) throws Exception {
        ThreeBrokerCluster cluster = ThreeBrokerCluster.start(Files.createDirectories(dir.resolve("kafka")));
        Simulator simulator = null;
        TcpProxy mma = null;
        Tracker poller = null;
        try {
            // 30 % of the jobs fail
            simulator = Simulator.start(SimulatorConfig.defaults().withHost("127.0.0.1").withPort(0).withFleet(2, 12, 72)
                    .withSpeed(speed).withFailureRate(0.3), Clock.systemUTC());
            simulator.transitions().startRecording();
            mma = TcpProxy.to("127.0.0.1", simulator.port());
            Topics topics = new Topics("faults.");
            Map<String, String> pollerSettings = new HashMap<>(common(cluster, topics));
            pollerSettings.putAll(Map.of("roles", "poller", "poller.active-interval", POLL_INTERVAL.toSeconds() + "s",
                    "topics.create", "true", "streams.state-dir", Files.createDirectories(dir.resolve("poller")).toString()));
            Settings settings = Settings.of(pollerSettings);
            poller = Tracker.start(Tracker.Plan.from(settings, Map.of(), KafkaSettings.from(settings, null, 6, 3),
                    Optional.of(MmaClientConfig.forEndpoint("http://127.0.0.1:" + mma.port())), Path.of("unused"), Map.of()),
                    Clock.systemUTC(), reason -> LOG.error("poller failed: {}", reason));
            FaultRig rig = new FaultRig(dir, cluster, simulator, mma, topics, poller);
            for (int i = 0; i < 2; i++) {
                rig.instances.add(rig.newInstance(i));
            }
            for (Instance instance : rig.instances) {
                instance.start();
            }
            rig.awaitReady();
            rig.load.start();
            return rig;
        } catch (Exception | Error e) {
            if (poller != null) {
                poller.close();
            }
            if (mma != null) {
                mma.close();
            }
            if (simulator != null) {
                simulator.close();
            }
            cluster.close();
            throw e;
        }
    }

    private static Map<String, String> common(ThreeBrokerCluster cluster, Topics topics) {
        return Map.of("kafka.bootstrap.servers", cluster.bootstrapServers(), "topics.prefix", topics.prefix(),
                "topics.partitions", "6", "topics.replication-factor", "3", "streams.application-id", "faults-tracker",
                "streams.num-standby-replicas", "1");
    }

    private Instance newInstance(int index) throws IOException {
        int port = FreePorts.next();
        List<String> lines = new ArrayList<>();
        common(cluster, topics).forEach((k, v) -> lines.add(k + "=" + v));
        lines.addAll(List.of("roles=streams,query", "topics.create=false",
                "streams.state-dir=" + Files.createDirectories(dir.resolve("state-" + index)),
                // loopback: run refuses an open network address without an auth file
                "query.port=" + port, "query.bind-host=127.0.0.1", "query.advertised=localhost:" + port));
        Path file = dir.resolve("tracker-" + index + ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new Instance(index, port, file);
    }

    /** Both instances answer ready and the poller has published jobs. */
    void awaitReady() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).alias("both tracker instances ready")
                .until(() -> instances.stream().allMatch(i -> status(i, "/health/ready") == 200));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).alias("the poller served jobs")
                .until(() -> !TransitionChecker.keysOf(simulator.transitions().transitions(), "JOB").isEmpty());
    }

    /**
     * Milliseconds from {@code sinceMillis} until the tracker is fully fresh: every job the simulator had served by then
     * answered by each instance with 200, not stale, in the status MMA holds at that moment (each job counts once it
     * did; the last one to do so sets the time).
     */
    long awaitFresh(long sinceMillis) {
        java.util.Set<String> pending = new java.util.TreeSet<>(TransitionChecker.keysOf(simulator.transitions().transitions(), "JOB"));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).alias("every job fresh on every instance").until(() -> {
            pending.removeIf(job -> instances.stream().allMatch(instance -> isFresh(instance, job, statusInMma(job))));
            return pending.isEmpty();
        });
        return System.currentTimeMillis() - sinceMillis;
    }

    private String statusInMma(String key) {
        int slash = key.indexOf('/');
        return simulator.fleet().job(Long.parseLong(key.substring(0, slash)), Long.parseLong(key.substring(slash + 1))).status();
    }

    /** Waits until the checker finds nothing lost (the tracker caught up), or gives up and returns what it found. */
    TransitionChecker.Verdict check() {
        TransitionChecker.Verdict[] last = new TransitionChecker.Verdict[1];
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                last[0] = checker.check(simulator.transitions().transitions());
                return last[0].isClean();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            LOG.warn("checker still finds problems: {}", last[0]);
        }
        return last[0];
    }

    /** The load's answers since {@code sinceMillis}. */
    List<Answer> answersSince(long sinceMillis) {
        return answers.stream().filter(a -> a.atMillis() >= sinceMillis).toList();
    }

    private void loadLoop() {
        while (loading.get()) {
            List<String> jobs = new ArrayList<>(TransitionChecker.keysOf(simulator.transitions().transitions(), "JOB"));
            Instance instance = instances.get(ThreadLocalRandom.current().nextInt(instances.size()));
            if (jobs.isEmpty()) {
                continue;
            }
            String job = jobs.get(ThreadLocalRandom.current().nextInt(jobs.size()));
            long at = System.currentTimeMillis();
            answers.add(get(instance, jobPath(job), at));
            try {
                Thread.sleep(20); // about 40 GETs a second over both instances: load, not a benchmark
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean isFresh(Instance instance, String job, String status) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(instance.url(jobPath(job))))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && "false".equals(response.headers().firstValue("x-mma-stale").orElse(""))
                    && status.equals(JSON.readTree(response.body()).path("data").path("status").asText());
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A GET of the load; the body is kept for a 5xx, to say why. */
    private Answer get(Instance instance, String path, long at) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(instance.url(path)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(at, response.statusCode(), instance.index, response.statusCode() >= 500 ? response.body() : "");
        } catch (IOException e) {
            return new Answer(at, 0, instance.index, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(at, 0, instance.index, "");
        }
    }

    private int status(Instance instance, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(instance.url(path))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String jobPath(String key) {
        int slash = key.indexOf('/');
        return "/api/v1/mms/datasources/" + key.substring(0, slash) + "/jobs/" + key.substring(slash + 1);
    }

    /** What a 200 JSON says, for reports. */
    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    @Override
    public void close() throws Exception {
        loading.set(false);
        load.join(15_000);
        for (Instance instance : instances) {
            if (instance.jvm != null) {
                instance.kill();
            }
        }
        poller.close();
        mma.close();
        simulator.close();
        cluster.close();
    }
}

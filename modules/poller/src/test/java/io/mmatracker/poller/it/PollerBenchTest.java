package io.mmatracker.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.mmatracker.client.MmaClient;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.kafka.admin.TopicAdmin;
import io.mmatracker.kafka.admin.TopicLayout;
import io.mmatracker.poller.Poller;
import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.simulator.Simulator;
import io.mmatracker.simulator.SimulatorConfig;
import io.mmatracker.testkit.KafkaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmarks, not CI tests: they run for minutes. Run one with
 * <pre>
 * mvn -B -ntp -q -pl modules/poller -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='PollerBenchTest#pollEfficiency' -Dpoller.bench=true [-Dpoller.bench.minutes=2] \
 *     [-Dpoller.bench.speed=60]
 * </pre>
 * and read the summary line it logs.
 */
@EnabledIfSystemProperty(named = "poller.bench", matches = "true")
class PollerBenchTest {

    private static final Logger LOG = LoggerFactory.getLogger(PollerBenchTest.class);

    @RegisterExtension
    static final KafkaFixture KAFKA = new KafkaFixture();

    private final Duration run = Duration.ofSeconds(
            (long) (60 * Double.parseDouble(System.getProperty("poller.bench.minutes", "2"))));

    private Poller poller(Simulator simulator, Topics topics, PollerConfig.Builder settings) throws Exception {
        new TopicAdmin(KAFKA.admin(), Duration.ofSeconds(30)).ensureTopics(TopicLayout.standard(topics, 3, (short) 1));
        MmaClient mma = new MmaClient(MmaClientConfig.forEndpoint(simulator.baseUrl()));
        Poller poller = new Poller(settings.topics(topics).build(), mma,
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Clock.systemUTC());
        poller.start();
        return poller;
    }

    private static Map<String, Long> byOperation(Simulator simulator) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        simulator.stats().byOperation().forEach((op, outcomes) ->
                counts.put(op, outcomes.values().stream().mapToLong(Long::longValue).sum()));
        return counts;
    }

    /**
     * Requests per tracked object per minute for 10,000 tables and 1,000 jobs (10 sources), against the naive
     * poller's one GET per object per active interval.
     */
    @Test
    void pollEfficiency() throws Exception {
        double speed = Double.parseDouble(System.getProperty("poller.bench.speed", "60"));
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(10, 100, 1_000)
                .withSpeed(speed), Clock.systemUTC())) {
            Topics topics = new Topics(KAFKA.uniqueName("bench") + ".");
            Duration active = Duration.ofSeconds(5);
            try (Poller poller = poller(simulator, topics, PollerConfig.builder(simulator.baseUrl())
                    .pollerId("bench").activeInterval(active).reconcileInterval(Duration.ofMinutes(10)))) {
                // the first reconciliation reads the whole fleet once; measure the steady state after it
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> poller.trackedObjects().get(ObjectKind.TABLE) >= 10_000
                                && poller.metrics().cycles(false, true) >= 10);
                long startupRequests = SimAdmin.mmaRequests(simulator.stats());
                simulator.resetStats();
                Instant start = Instant.now();
                long movingSum = 0;
                int samples = 0;
                while (Duration.between(start, Instant.now()).compareTo(run) < 0) {
                    await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
                    movingSum += poller.movingObjects();
                    samples++;
                }
                double minutes = Duration.between(start, Instant.now()).toMillis() / 60_000.0;
                long requests = SimAdmin.mmaRequests(simulator.stats());
                long tracked = poller.trackedObjects().values().stream().mapToLong(Long::longValue).sum();
                double perObjectMinute = requests / minutes / tracked;
                double naive = 60.0 / active.toSeconds();
                LOG.info(String.format("BENCH poll efficiency at simulator speed " + speed + ": %d tracked objects (%.0f moving on average), %d "
                        + "requests in %.2f min = %.1f requests/min = %.5f requests per tracked object per minute; "
                        + "naive one GET per object per %d s = %.0f per object per minute (%.0fx more); "
                        + "first full reconciliation: %d requests; throttled %d; by operation %s",
                        tracked, (double) movingSum / samples, requests, minutes, requests / minutes, perObjectMinute,
                        active.toSeconds(), naive, naive / perObjectMinute, startupRequests,
                        poller.metrics().throttled(), byOperation(simulator)));
                assertThat(perObjectMinute).isLessThan(naive);
            }
        }
    }

    /**
     * Requests per minute at 5 sources x 20 jobs x 2,000 tasks (the jobs cover the sources' 40,000 tables each),
     * with tasks tracked ({@code -Dpoller.bench.tasks=true}, the default) or not ({@code false}).
     */
    @Test
    void pollCostWithTasks() throws Exception {
        double speed = Double.parseDouble(System.getProperty("poller.bench.speed", "6"));
        boolean tasks = Boolean.parseBoolean(System.getProperty("poller.bench.tasks", "true"));
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(5, 20, 40_000)
                .withSpeed(speed), Clock.systemUTC())) {
            Topics topics = new Topics(KAFKA.uniqueName("taskbench") + ".");
            try (Poller poller = poller(simulator, topics, PollerConfig.builder(simulator.baseUrl()).pollerId("bench")
                    .activeInterval(Duration.ofSeconds(5)).reconcileInterval(Duration.ofMinutes(10)).trackTasks(tasks))) {
                await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> poller.metrics().cycles(false, true) >= 10);
                long startupRequests = SimAdmin.mmaRequests(simulator.stats());
                simulator.resetStats();
                Instant start = Instant.now();
                double maxRate = 0;
                while (Duration.between(start, Instant.now()).compareTo(run) < 0) {
                    await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
                    maxRate = Math.max(maxRate, poller.requestRate());
                }
                double minutes = Duration.between(start, Instant.now()).toMillis() / 60_000.0;
                long requests = SimAdmin.mmaRequests(simulator.stats());
                LOG.info(String.format("BENCH poll cost, tasks tracked=%s, speed %s: tracked %s; %d requests in %.2f min "
                        + "= %.1f requests/min (budget 20/s = 1200/min), max rate %.1f/s; first full reconciliation "
                        + "%d requests; by operation %s", tasks, speed, poller.trackedObjects(), requests, minutes,
                        requests / minutes, maxRate, startupRequests, byOperation(simulator)));
                assertThat(requests / minutes).isLessThanOrEqualTo(20 * 60 + 20);
            }
        }
    }

    /** Two minutes (by default) of 20 % server errors and 10 % throttling, then convergence once they stop. */
    @Test
    void faultsForMinutes() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(5, 10, 200),
                Clock.systemUTC())) {
            Topics topics = new Topics(KAFKA.uniqueName("faults") + ".");
            SimAdmin admin = new SimAdmin(simulator.baseUrl());
            admin.faults("{\"serverErrorRate\":0.2,\"throttleRate\":0.1}");
            simulator.resetStats();
            Instant start = Instant.now();
            try (Poller poller = poller(simulator, topics, PollerConfig.builder(simulator.baseUrl()).pollerId("faults")
                    .activeInterval(Duration.ofSeconds(1)).reconcileInterval(Duration.ofSeconds(30))
                    .retry(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10))))) {
                double maxRate = 0;
                while (Duration.between(start, Instant.now()).compareTo(run) < 0) {
                    await().pollDelay(Duration.ofMillis(500)).until(() -> true);
                    maxRate = Math.max(maxRate, poller.requestRate());
                }
                double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                long requests = SimAdmin.mmaRequests(simulator.stats());
                LOG.info(String.format("BENCH faults: %d requests in %.0f s (%.1f/s, budget 20/s), max rate %.1f, "
                        + "throttled %d, server errors %d, cycles ok %d failed %d", requests, seconds,
                        requests / seconds, maxRate, poller.metrics().throttled(),
                        poller.metrics().requests("server_error"),
                        poller.metrics().cycles(false, true) + poller.metrics().cycles(true, true),
                        poller.metrics().cycles(false, false) + poller.metrics().cycles(true, false)));
                assertThat(requests).isLessThanOrEqualTo((long) (20 * seconds + 20));
                assertThat(maxRate).isLessThanOrEqualTo(20.0);

                admin.faults("{\"serverErrorRate\":0,\"throttleRate\":0}");
                Instant healed = Instant.now();
                await().atMost(Duration.ofMinutes(2)).until(() -> poller.metrics().staleness().values().stream()
                        .allMatch(age -> age.compareTo(Duration.ofSeconds(3)) < 0)
                        && poller.requestRate() >= 19.9);
                LOG.info("BENCH faults: every source fresh and the budget back at its ceiling {} s after the faults "
                        + "stopped", Duration.between(healed, Instant.now()).toSeconds());
            }
        }
    }
}

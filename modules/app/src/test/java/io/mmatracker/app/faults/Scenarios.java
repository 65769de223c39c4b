package io.mmatracker.app.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.mmatracker.simulator.fault.FaultConfig;

/**
 * The fault scenarios of issue 17, each bounded in time and ending by itself, each measured the same way: the GETs
 * the load got (and how many were 5xx, and in which window), what the checker finds, and the time from the start of
 * the fault until the tracker is fully fresh again ({@link FaultRig#awaitFresh}). Fault durations are the issue's,
 * multiplied by {@code scale} (1 for the documented run).
 */
final class Scenarios {

    /** One row of the table. */
    record Result(String name, String fault, int gets, int errors5xx, long firstErrorMs, long lastErrorMs, int refused,
                  int expected, int firing, TransitionChecker.Verdict verdict, long freshAfterMs, long tookMs,
                  List<FaultRig.Answer> errors, List<Long> faultsAtMillis) {

        /**
         * The 5xx answers that are not a {@code 503 ServiceUnavailable} within {@code window} after one of the faults
         * (a SIGKILL): what the documented window does not cover.
         */
        List<FaultRig.Answer> errorsOutside(Duration window) {
            return errors.stream().filter(e -> e.status() != 503 || !e.error().contains("\"ServiceUnavailable\"")
                    || faultsAtMillis.stream().noneMatch(at -> e.atMillis() >= at && e.atMillis() <= at + window.toMillis()))
                    .toList();
        }

        /** The longest time from a fault to a 5xx answer after it, in ms (0 without 5xx). */
        long longestErrorAfterFault() {
            return errors.stream().mapToLong(e -> faultsAtMillis.stream().filter(at -> at <= e.atMillis())
                    .mapToLong(at -> e.atMillis() - at).min().orElse(Long.MAX_VALUE)).max().orElse(0);
        }

        static String header() {
            return String.format(Locale.ROOT, "| %-30s | %-44s | %6s | %4s | %-22s | %7s | %8s | %6s | %4s | %4s | %4s | %4s | %9s | %8s |",
                    "scenario", "fault", "GETs", "5xx", "5xx window (s)", "refused", "expected", "alerts", "lost", "dup",
                    "dupA", "ooo", "fresh (s)", "took (s)")
                    + "\n|" + "-".repeat(32) + "|" + "-".repeat(46)
                    + "|--------|------|------------------------|---------|----------|--------|------|------|------|------|-----------|----------|";
        }

        String row() {
            String window = errors5xx == 0 ? "none" : String.format(Locale.ROOT, "%.1f–%.1f (≤%.1f)", firstErrorMs / 1000.0,
                    lastErrorMs / 1000.0, longestErrorAfterFault() / 1000.0);
            return String.format(Locale.ROOT, "| %-30s | %-44s | %6d | %4d | %-22s | %7d | %8d | %6d | %4d | %4d | %4d | %4d | %9.1f | %8.1f |",
                    name, fault, gets, errors5xx, window, refused, expected, firing,
                    verdict.lost() + verdict.lostAlerts(), verdict.duplicated(), verdict.duplicatedAlerts(), verdict.outOfOrder(),
                    freshAfterMs / 1000.0, tookMs / 1000.0);
        }
    }

    private final FaultRig rig;
    private final double scale;
    private TransitionChecker.Verdict before;

    Scenarios(FaultRig rig, double scale) {
        this.rig = rig;
        this.scale = scale;
    }

    private Duration scaled(Duration real) {
        return Duration.ofMillis(Math.max(1000, (long) (real.toMillis() * scale)));
    }

    /** 1: the leader of the most partitions of the input and output topics is killed under load and restarted later. */
    Result brokerKill(Duration down) throws Exception {
        return onBusiestLeader("1 leader broker killed", "killed, back after", down, rig.cluster::kill, rig.cluster::restart);
    }

    /** 2: every broker in turn is stopped and started, the next one only when all partitions are in sync again. */
    Result rollingRestart() throws Exception {
        long start = System.currentTimeMillis();
        for (int broker : rig.cluster.brokerIds()) {
            rig.cluster.kill(broker);
            pause(scaled(Duration.ofSeconds(10)));
            rig.cluster.restart(broker);
            await().atMost(FaultRig.PATIENCE).pollInterval(Duration.ofSeconds(1)).alias("in sync after broker " + broker)
                    .until(() -> rig.cluster.isFullyReplicated(busyTopics()));
        }
        return finish("2 rolling restart", "3 brokers, one at a time, down " + scaled(Duration.ofSeconds(10)).toSeconds()
                + " s each", start);
    }

    /** 3: one tracker instance SIGKILLed and started again, {@code kills} times, at random moments. */
    Result crashLoop(int kills) throws Exception {
        long start = System.currentTimeMillis();
        FaultRig.Instance victim = rig.instances.get(1);
        long lastStart = start;
        List<Long> killedAt = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(scaled(Duration.ofSeconds(2)).toMillis(),
                    scaled(Duration.ofSeconds(15)).toMillis())));
            killedAt.add(System.currentTimeMillis());
            victim.kill();
            pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(500, 3000)));
            victim.start();
            lastStart = System.currentTimeMillis();
            // the next kill may come before it is ready: a crash loop, as during a bad deploy
            pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(scaled(Duration.ofSeconds(5)).toMillis(),
                    scaled(Duration.ofSeconds(20)).toMillis())));
        }
        return finish("3 crash loop", kills + " x SIGKILL of instance 1 + restart", start, lastStart, killedAt);
    }

    /** 4: every connection to the busiest leader cut, from clients and other brokers; its controller still sees it. */
    Result networkCut(Duration cut) throws Exception {
        return onBusiestLeader("4 network to a broker cut", "isolated for", cut, rig.cluster::cut, rig.cluster::heal);
    }

    /** Does {@code fault} to the busiest leader, waits {@code duration} (scaled), then {@code undo}. */
    private Result onBusiestLeader(String name, String what, Duration duration, java.util.function.IntConsumer fault,
                                   java.util.function.IntConsumer undo) throws Exception {
        Duration d = scaled(duration);
        long start = System.currentTimeMillis();
        int leader = rig.cluster.busiestLeader(busyTopics());
        fault.accept(leader);
        pause(d);
        undo.accept(leader);
        return finish(name, "broker " + leader + " " + what + " " + d.toSeconds() + " s", start, System.currentTimeMillis());
    }

    /** 5: MMA answers 30 % server errors and throttles for 2 min, then cannot be reached for 1 min. */
    Result upstreamStorm(Duration storm, Duration unreachable) throws Exception {
        Duration s = scaled(storm);
        Duration u = scaled(unreachable);
        long start = System.currentTimeMillis();
        rig.simulator.faults().set(FaultConfig.NONE.withServerErrors(0.3, 0).withThrottling(0.2, 0));
        pause(s);
        rig.simulator.faults().clear();
        rig.mma.stop();
        pause(u);
        rig.mma.start();
        return finish("5 MMA errors, throttling, down", "30 % 5xx + 20 % throttled " + s.toSeconds() + " s, down "
                + u.toSeconds() + " s", start, System.currentTimeMillis());
    }

    /** 6: on every input topic a record that is no Avro at all and one of a schema the tracker does not know. */
    Result poisonRecords() throws Exception {
        long start = System.currentTimeMillis();
        List<String> inputs = rig.topics.snapshotTopics();
        long dlqBefore = rig.checker.readAll(rig.topics.deadLetters(), org.apache.kafka.common.serialization.Serdes.ByteArray()).size();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, rig.cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : inputs) {
                producer.send(new ProducerRecord<>(topic, "2000001/999999001", "not avro at all".getBytes())).get();
                // Avro single-object encoding (C3 01, 8-byte schema fingerprint): a fingerprint no schema here has
                byte[] newer = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 2, 'x'};
                producer.send(new ProducerRecord<>(topic, "2000001/999999002", newer)).get();
            }
        }
        long expected = dlqBefore + 2L * inputs.size();
        await().atMost(FaultRig.PATIENCE).pollInterval(Duration.ofSeconds(1)).alias("every bad record in the DLQ").until(() ->
                rig.checker.readAll(rig.topics.deadLetters(), org.apache.kafka.common.serialization.Serdes.ByteArray()).size() >= expected);
        return finish("6 poison + unknown schema", "2 bad records on each of " + inputs.size() + " input topics", start);
    }

    private List<String> busyTopics() {
        List<String> topics = new ArrayList<>(rig.topics.snapshotTopics());
        topics.add(rig.topics.statusChanges());
        topics.add(rig.topics.alerts());
        return topics;
    }

    private Result finish(String name, String fault, long start) throws Exception {
        return finish(name, fault, start, System.currentTimeMillis(), List.of(start));
    }

    private Result finish(String name, String fault, long start, long healedAt) throws Exception {
        return finish(name, fault, start, healedAt, List.of(start));
    }

    /** Measures the scenario that began at {@code start}; freshness counts from {@code healedAt}, when the fault ended. */
    private Result finish(String name, String fault, long start, long healedAt, List<Long> faultsAt) throws Exception {
        if (rig.instances.stream().anyMatch(i -> !i.isUp())) {
            throw new IllegalStateException("a tracker instance exited during " + name + ": "
                    + rig.instances.stream().filter(i -> !i.isUp()).map(i -> i.jvm.err()).toList());
        }
        long fresh = rig.awaitFresh(healedAt);
        TransitionChecker.Verdict verdict = rig.check();
        List<FaultRig.Answer> answers = rig.answersSince(start);
        List<FaultRig.Answer> errors = answers.stream().filter(a -> a.status() >= 500).toList();
        errors.forEach(a -> System.out.println("FAULTS " + name + ": " + a.status() + " from instance " + a.instance() + " at "
                + (a.atMillis() - start) + " ms: " + a.error()));
        int refused = (int) answers.stream().filter(a -> a.status() == 0).count();
        long first = errors.isEmpty() ? 0 : errors.get(0).atMillis() - start;
        long last = errors.isEmpty() ? 0 : errors.get(errors.size() - 1).atMillis() - start;
        // the checker looks at everything since the rig started; the row counts what this scenario added
        int newExpected = verdict.expected() - (before == null ? 0 : before.expected());
        int newFiring = verdict.firing() - (before == null ? 0 : before.firing());
        before = verdict;
        return new Result(name, fault, answers.size(), errors.size(), first, last, refused, newExpected, newFiring, verdict,
                fresh, System.currentTimeMillis() - start, errors, faultsAt);
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis()); // the fault's duration itself, not a wait for a condition
    }
}

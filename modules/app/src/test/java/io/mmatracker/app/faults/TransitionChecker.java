package io.mmatracker.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.simulator.stats.TransitionLog.Transition;

/**
 * The independent checker of the fault suite: what the simulator served against what the tracker wrote, read
 * {@code read_committed} from {@code status-changes} and {@code alerts}. It knows nothing of the tracker's code.
 *
 * <p><b>What is expected.</b> The poller samples MMA: a status that MMA held between two polls was never served and
 * cannot be tracked. So the reference is the simulator's {@code TransitionLog}: per object, the statuses that
 * successful answers carried to the poller, in the order served. Every such status is <em>expected</em> as one
 * {@code StatusChange} (CREATED for the first, STATUS for each change after), except a status the simulator served
 * for less than {@code minDwell} before serving the next one, which is <em>optional</em>: the poller may have read that
 * answer in a cycle it then abandoned on an error, and a poller is allowed to miss what changed again within one
 * poll interval. Each change into {@code FAILED} of a job or table is expected as one FIRING alert.
 * <ul>
 *   <li><b>lost</b>: an expected status with no StatusChange into it, or an expected FAILED with no FIRING alert;</li>
 *   <li><b>duplicated</b>: the same change (key, from, to, observedAt) written twice, or a FIRING alert id twice;</li>
 *   <li><b>out of order</b>: the tracker's statuses of an object are not a subsequence of the served ones.</li>
 * </ul>
 */
final class TransitionChecker {

    /** What one check found; the keys list a few examples of each problem. */
    record Verdict(int objects, int expected, int changes, int firing, int lost, int lostAlerts, int duplicated,
                   int duplicatedAlerts, int outOfOrder, List<String> examples) {
        boolean isClean() {
            return lost == 0 && lostAlerts == 0 && duplicated == 0 && duplicatedAlerts == 0 && outOfOrder == 0;
        }
    }

    private final String bootstrap;
    private final String statusChanges;
    private final String alerts;
    private final Duration minDwell;

    TransitionChecker(String bootstrap, String statusChanges, String alerts, Duration minDwell) {
        this.bootstrap = bootstrap;
        this.statusChanges = statusChanges;
        this.alerts = alerts;
        this.minDwell = minDwell;
    }

    /** Compares the served changes with everything committed on the output topics now. */
    Verdict check(List<Transition> served) {
        return compare(served, readAll(statusChanges, new AvroSerde<>(StatusChange.class)),
                readAll(alerts, new AvroSerde<>(Alert.class)), minDwell);
    }

    /** The comparison itself, of what was served with what was written. */
    static Verdict compare(List<Transition> served, List<StatusChange> writtenChanges, List<Alert> writtenAlerts,
                           Duration minDwell) {
        Map<String, List<StatusChange>> changes = new HashMap<>();
        for (StatusChange change : writtenChanges) {
            if (change.getChangeType() == ChangeType.CREATED || change.getChangeType() == ChangeType.STATUS) {
                changes.computeIfAbsent(id(change.getKind().name(), change.getKey()), k -> new ArrayList<>()).add(change);
            }
        }
        Map<String, List<Alert>> firing = new HashMap<>();
        for (Alert alert : writtenAlerts) {
            if (alert.getState() == AlertState.FIRING) {
                firing.computeIfAbsent(id(alert.getKind().name(), alert.getKey()), k -> new ArrayList<>()).add(alert);
            }
        }
        Map<String, List<Transition>> byObject = served.stream().collect(Collectors.groupingBy(
                t -> id(t.kind(), t.key()), LinkedHashMap::new, Collectors.toList()));
        int expected = 0;
        int lost = 0;
        int lostAlerts = 0;
        int duplicated = 0;
        int duplicatedAlerts = 0;
        int outOfOrder = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, List<Transition>> object : byObject.entrySet()) {
            List<Transition> seq = object.getValue();
            List<StatusChange> written = changes.getOrDefault(object.getKey(), List.of());
            List<String> writtenStatuses = written.stream().map(c -> String.valueOf(c.getToStatus())).toList();
            // duplicates: the same change twice
            Map<String, Long> sameChange = written.stream().collect(Collectors.groupingBy(
                    c -> c.getFromStatus() + ">" + c.getToStatus() + "@" + c.getObservedAt().toEpochMilli(), Collectors.counting()));
            long twice = sameChange.values().stream().mapToLong(n -> n - 1).sum();
            duplicated += (int) twice;
            if (twice > 0) {
                example(examples, "duplicated " + object.getKey() + " " + writtenStatuses);
            }
            // order: what the tracker wrote must be a subsequence of what was served
            List<String> servedStatuses = seq.stream().map(Transition::to).toList();
            if (!isSubsequence(dedupe(writtenStatuses), servedStatuses)) {
                outOfOrder++;
                example(examples, "out of order " + object.getKey() + " wrote " + writtenStatuses + " served " + servedStatuses);
            }
            // losses: every expected status has a change into it
            int failedExpected = 0;
            Map<String, Integer> expectedInto = new HashMap<>();
            for (int i = 0; i < seq.size(); i++) {
                Transition t = seq.get(i);
                boolean isLast = i == seq.size() - 1;
                boolean isExpected = isLast || seq.get(i + 1).servedAtMillis() - t.servedAtMillis() >= minDwell.toMillis();
                if (!isExpected) {
                    continue;
                }
                expected++;
                int occurrence = expectedInto.merge(t.to(), 1, Integer::sum);
                long writtenInto = writtenStatuses.stream().filter(t.to()::equals).count();
                if (writtenInto < occurrence) {
                    lost++;
                    example(examples, "lost " + object.getKey() + " " + t.from() + ">" + t.to() + " wrote " + writtenStatuses
                            + " served " + servedStatuses);
                }
                if ("FAILED".equals(t.to()) && (t.kind().equals("JOB") || t.kind().equals("TABLE"))) {
                    failedExpected++;
                }
            }
            List<Alert> fired = firing.getOrDefault(object.getKey(), List.of());
            long failedAlerts = fired.stream().filter(a -> a.getType().name().endsWith("_FAILED")
                    && "FAILED".equals(a.getStatus())).map(Alert::getAlertId).distinct().count();
            if (failedAlerts < failedExpected) {
                lostAlerts += (int) (failedExpected - failedAlerts);
                example(examples, "lost alert " + object.getKey() + " served " + servedStatuses + " fired " + fired.size());
            }
        }
        int firingCount = 0;
        for (Map.Entry<String, List<Alert>> object : firing.entrySet()) {
            firingCount += object.getValue().size();
            Map<String, Long> ids = object.getValue().stream().collect(Collectors.groupingBy(Alert::getAlertId, Collectors.counting()));
            long twice = ids.values().stream().mapToLong(n -> n - 1).sum();
            if (twice > 0) {
                duplicatedAlerts += (int) twice;
                example(examples, "duplicated alert " + object.getKey() + " " + ids);
            }
        }
        int changeCount = changes.values().stream().mapToInt(List::size).sum();
        return new Verdict(byObject.size(), expected, changeCount, firingCount, lost, lostAlerts, duplicated,
                duplicatedAlerts, outOfOrder, examples);
    }

    /** The keys of every object of this kind the simulator served. */
    static Set<String> keysOf(List<Transition> served, String kind) {
        return served.stream().filter(t -> t.kind().equals(kind)).map(Transition::key)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The last status served of each object of this kind. */
    static Map<String, String> lastServed(List<Transition> served, String kind) {
        Map<String, String> last = new TreeMap<>();
        served.stream().filter(t -> t.kind().equals(kind)).forEach(t -> last.put(t.key(), t.to()));
        return last;
    }

    /** Every committed record of a topic, from the beginning to its end now (read_committed). */
    <T> List<T> readAll(String topic, org.apache.kafka.common.serialization.Serde<T> serde) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<T> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(60)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        values.add(serde.deserializer().deserialize(topic, record.value()));
                    }
                }
            }
        }
        return values;
    }

    private static String id(String kind, String key) {
        return kind + " " + key;
    }

    private static List<String> dedupe(List<String> statuses) {
        List<String> out = new ArrayList<>();
        for (String s : statuses) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isSubsequence(List<String> candidate, List<String> of) {
        int at = 0;
        for (String s : candidate) {
            while (at < of.size() && !of.get(at).equals(s)) {
                at++;
            }
            if (at == of.size()) {
                return false;
            }
            at++;
        }
        return true;
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 8) {
            examples.add(text);
        }
    }
}

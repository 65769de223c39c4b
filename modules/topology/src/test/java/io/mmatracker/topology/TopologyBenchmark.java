package io.mmatracker.topology;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.mmatracker.kafka.admin.TopicAdmin;
import io.mmatracker.kafka.admin.TopicLayout;
import io.mmatracker.kafka.embedded.EmbeddedKafkaBroker;
import io.mmatracker.kafka.embedded.EmbeddedKafkaConfig;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Throughput and latency of the topology on the embedded broker (not a test; see the README for the command).
 * <ol>
 *   <li>Throughput: {@code bench.snapshots} job snapshots over {@code bench.objects} jobs (each a progress step,
 *       so each yields one status change) are produced first; then, on the same broker and input, a baseline (a
 *       plain {@code builder.table(topic, Materialized.as(...))} of the snapshots: what a Kafka Streams user writes
 *       to keep the latest state) and the tracker topology each run under the same settings (exactly_once_v2, the
 *       same commit interval). Each rate is snapshots / time from RUNNING until the application's committed
 *       offsets reach the end of every topic it reads (the input, and the tracker's repartition topic), so both
 *       count only committed work. One line prints both rates and their ratio.</li>
 *   <li>Latency: {@code bench.probes} new jobs, one at a time at {@code bench.probeRate} per second; for each, the
 *       delay from the producer's acknowledgement to the snapshot being readable from the store (interactive
 *       query) and to its StatusChange being read (read_committed).</li>
 * </ol>
 */
public final class TopologyBenchmark {

    private static final String BASELINE_STORE = "baseline-jobs-store";

    private TopologyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int snapshots = Integer.getInteger("bench.snapshots", 200_000);
        int objects = Integer.getInteger("bench.objects", 10_000);
        int partitions = Integer.getInteger("bench.partitions", 2);
        int probes = Integer.getInteger("bench.probes", 300);
        int probeRate = Integer.getInteger("bench.probeRate", 50);
        int commitIntervalMs = Integer.getInteger("bench.commitIntervalMs", (int) TopologyConfig.DEFAULT_COMMIT_INTERVAL.toMillis());
        String modes = System.getProperty("bench.mode", "update,insert");
        int rounds = Integer.getInteger("bench.rounds", 1);

        Path dir = Files.createTempDirectory("topology-benchmark");
        var report = new StringBuilder();
        try (var broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(dir.resolve("broker"))).start();
             var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            for (int round = 1; round <= rounds; round++) {
                for (String name : modes.split(",")) {
                    Mode mode = Mode.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
                    String suffix = round == 1 ? "" : "-r" + round;
                    var run = new Run(mode, suffix, broker.bootstrapServers(), admin, dir.resolve(mode.slug + suffix), partitions,
                            commitIntervalMs);
                    report.append(run.measure(snapshots, mode == Mode.UPDATE ? objects : snapshots,
                            mode == Mode.UPDATE && round == 1 ? probes : 0, probeRate));
                }
            }
        } finally {
            deleteRecursively(dir);
        }
        System.out.print(report);
    }

    /**
     * What the input is. {@code UPDATE}: job snapshots over {@code bench.objects} jobs, each a progress step of a
     * job already seen (one PROGRESS change each, after the first round). {@code INSERT}: as many new tables, each
     * seen once (a CREATED change, a list-index entry and a summary delta each), as a large source's first poll is.
     */
    private enum Mode {
        UPDATE("update"), INSERT("insert");

        final String slug;

        Mode(String slug) {
            this.slug = slug;
        }
    }

    /** One mode: its own topics and application ids on the shared broker. */
    /**
     * One mode: its own topics and application ids on the shared broker. {@code suffix} tells the rounds after the
     * first apart ({@code bench.rounds}): they run the same code again in a JVM whose JIT has compiled it.
     */
    private record Run(Mode mode, String suffix, String bootstrap, Admin admin, Path dir, int partitions, int commitIntervalMs) {

        String measure(int snapshots, int objects, int probes, int probeRate) throws Exception {
            var topics = new Topics("bench." + mode.slug + suffix + ".");
            new TopicAdmin(admin, Duration.ofSeconds(30)).ensureTopics(TopicLayout.standard(topics, partitions, (short) 1));
            var config = new TopologyConfig(topics, Duration.ofHours(1), Duration.ofMinutes(1), Map.of());
            String input = mode == Mode.UPDATE ? topics.jobs() : topics.tables();
            awaitLeaders(admin, input);

            // observedAt close to now, so no running object looks stalled during the run
            Instant base = Instant.now();
            long produceStart = System.nanoTime();
            try (var producer = producer(bootstrap)) {
                for (int i = 0; i < snapshots; i++) {
                    producer.send(mode == Mode.UPDATE ? updateRecord(topics, i, objects, base) : insertRecord(topics, i, base));
                }
            }
            long produceMillis = millis(System.nanoTime() - produceStart);

            String baselineId = "baseline-" + mode.slug + suffix;
            var baselineProps = config.streamsProperties(baselineId, bootstrap, dir.resolve("baseline-state"), 0, null);
            baselineProps.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
            Phase baseline;
            try (var streams = new KafkaStreams(baselineTopology(input, mode), baselineProps)) {
                baseline = runUntilCommitted(streams, admin, baselineId, input);
            }
            long baselineWrites = recordsWritten(admin, baselineId, Set.of());

            String trackerId = "tracker-" + mode.slug + suffix;
            var props = config.streamsProperties(trackerId, bootstrap, dir.resolve("state"), 0, null);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
            var out = new StringBuilder();
            try (var streams = new KafkaStreams(TrackerTopology.build(config), props)) {
                Phase tracker = runUntilCommitted(streams, admin, trackerId, input);
                Map<String, Long> byTopic = recordsWrittenByTopic(admin, trackerId,
                        Set.of(topics.statusChanges(), topics.alerts(), topics.deadLetters()));
                long trackerWrites = byTopic.values().stream().mapToLong(Long::longValue).sum();
                out.append(String.format("%ntopology benchmark, %s mode: %d snapshots over %d %s, %d partitions, exactly_once_v2, "
                                + "commit.interval.ms=%d, %d cores, load average %s (input produced in %d ms)%n",
                        mode.slug + suffix, snapshots, objects, mode == Mode.UPDATE ? "jobs" : "new tables", partitions, commitIntervalMs,
                        Runtime.getRuntime().availableProcessors(), loadAverage(), produceMillis));
                out.append(String.format("%s: tracker %.0f snapshots/s, baseline KTable %.0f snapshots/s, ratio %.2f%n",
                        suffix.isEmpty() ? mode.slug : mode.slug + " (round " + suffix.substring(2) + ")",
                        tracker.rate(snapshots), baseline.rate(snapshots), tracker.rate(snapshots) / baseline.rate(snapshots)));
                out.append(String.format("  CPU per snapshot (load-independent): tracker %.1f us (stream threads %.1f us), baseline %.1f us "
                                + "(stream threads %.1f us); whole JVM with the broker: tracker phase %.1f us, baseline phase %.1f us%n",
                        tracker.perSnapshot(tracker.applicationCpu(), snapshots), tracker.perSnapshot(tracker.streamThreadCpu(), snapshots),
                        baseline.perSnapshot(baseline.applicationCpu(), snapshots), baseline.perSnapshot(baseline.streamThreadCpu(), snapshots),
                        tracker.perSnapshot(tracker.processCpu(), snapshots), baseline.perSnapshot(baseline.processCpu(), snapshots)));
                out.append(String.format("  records written per snapshot (changelogs, repartition, events; transaction markers included): "
                        + "tracker %.2f, baseline %.2f%n", trackerWrites / (double) snapshots, baselineWrites / (double) snapshots));
                out.append("  of which per snapshot: ").append(byTopic.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> String.format("%s %.2f", e.getKey().replace(trackerId + "-", "").replace("bench." + mode.slug + suffix + ".", ""),
                                e.getValue() / (double) snapshots))
                        .collect(Collectors.joining(", "))).append(String.format("%n"));
                out.append(String.format("  so 2 cores would give at most: tracker %.0f snapshots/s with its broker, %.0f without; baseline %.0f with, %.0f without%n",
                        2e9 / (tracker.processCpu() / (double) snapshots), 2e9 / (tracker.applicationCpu() / (double) snapshots),
                        2e9 / (baseline.processCpu() / (double) snapshots), 2e9 / (baseline.applicationCpu() / (double) snapshots)));
                if (probes > 0) {
                    out.append(probe(streams, topics, probes, probeRate));
                }
            }
            System.out.print(out);
            return out.toString();
        }

        /**
         * {@code probes} new jobs, one at a time: the delay from the producer's acknowledgement until the snapshot is
         * readable from the store (interactive query) and until its StatusChange is read (read_committed).
         */
        private String probe(KafkaStreams streams, Topics topics, int probes, int probeRate) throws Exception {
            var arrivals = new ConcurrentHashMap<String, Long>();
            var stop = new AtomicBoolean();
            var reader = new Thread(() -> readChanges(bootstrap, topics.statusChanges(), arrivals, stop), "status-change-reader");
            reader.start();
            try (var producer = producer(bootstrap)) {
                ReadOnlyKeyValueStore<String, JobSnapshot> store = streams.store(StoreQueryParameters
                        .fromNameAndType(KindCatalog.JOB.storeName(), QueryableStoreTypes.<String, JobSnapshot>keyValueStore()));
                long[] toStore = new long[probes];
                long[] toChange = new long[probes];
                long pause = TimeUnit.SECONDS.toNanos(1) / probeRate;
                for (int p = 0; p < probes; p++) {
                    int id = 1_000_000 + p;
                    String key = Keys.object(Snapshots.SOURCE, id);
                    var snapshot = Snapshots.job(id, "INIT", 0, 100, Instant.now());
                    long sent = System.nanoTime();
                    producer.send(new ProducerRecord<>(topics.jobs(), bytes(key), JOBS.serialize(topics.jobs(), snapshot))).get();
                    long acked = System.nanoTime();
                    while (store.get(key) == null) {
                        LockSupport.parkNanos(100_000);
                    }
                    toStore[p] = System.nanoTime() - acked;
                    waitFor(() -> arrivals.containsKey(key), Duration.ofSeconds(30), "the change of " + key);
                    toChange[p] = arrivals.get(key) - acked;
                    LockSupport.parkNanos(Math.max(0, pause - (System.nanoTime() - sent)));
                }
                return String.format("  ack -> store (IQ)   p50 %6.1f ms   p99 %6.1f ms   (%d probes at %d/s)%n", percentile(toStore, 50),
                        percentile(toStore, 99), probes, probeRate)
                        + String.format("  ack -> StatusChange p50 %6.1f ms   p99 %6.1f ms   (read_committed)%n", percentile(toChange, 50),
                        percentile(toChange, 99));
            } finally {
                stop.set(true);
                reader.join(10_000);
            }
        }
    }

    private static final org.apache.kafka.common.serialization.Serializer<JobSnapshot> JOBS = new AvroSerde<>(JobSnapshot.class).serializer();
    private static final org.apache.kafka.common.serialization.Serializer<TableSnapshot> TABLES = new AvroSerde<>(TableSnapshot.class).serializer();

    /** Snapshot {@code i} of the update mode: a progress step of job {@code i % objects + 1}. */
    private static ProducerRecord<byte[], byte[]> updateRecord(Topics topics, int i, int objects, Instant base) {
        int id = i % objects + 1;
        var snapshot = Snapshots.job(id, "DOING", i / objects, 1_000_000, base.plusMillis(i));
        return new ProducerRecord<>(topics.jobs(), bytes(Keys.object(Snapshots.SOURCE, id)), JOBS.serialize(topics.jobs(), snapshot));
    }

    /** Snapshot {@code i} of the insert mode: new table {@code i + 1}, of one of ten sources, two in three DOING, the rest DONE. */
    private static ProducerRecord<byte[], byte[]> insertRecord(Topics topics, int i, Instant base) {
        long id = i + 1L;
        long source = Snapshots.SOURCE + i % 10;
        boolean done = i % 3 == 0;
        var snapshot = Snapshots.table(id, done ? "DONE" : "DOING", 10, done ? 0 : 4, done ? 10 : 6, 0, base.plusMillis(i));
        snapshot.getTable().setSourceId(source);
        return new ProducerRecord<>(topics.tables(), bytes(Keys.object(source, id)), TABLES.serialize(topics.tables(), snapshot));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** What a Kafka Streams user writes to keep the latest snapshot per key. */
    private static Topology baselineTopology(String input, Mode mode) {
        var builder = new StreamsBuilder();
        if (mode == Mode.UPDATE) {
            table(builder, input, JobSnapshot.class);
        } else {
            table(builder, input, TableSnapshot.class);
        }
        return builder.build();
    }

    private static <V extends SpecificRecord> void table(StreamsBuilder builder, String input, Class<V> type) {
        builder.table(input, Consumed.with(Serdes.String(), new AvroSerde<>(type)),
                Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(BASELINE_STORE));
    }

    /**
     * One measured run: wall time from RUNNING until committed, and the CPU time spent meanwhile by the application's
     * threads (every thread whose name holds the application id: stream threads, their producers and consumers), by
     * its stream threads alone, and by the whole process (the embedded broker included), all in nanoseconds.
     */
    private record Phase(long wallNanos, long applicationCpu, long streamThreadCpu, long processCpu) {

        double rate(int snapshots) {
            return snapshots / seconds(wallNanos);
        }

        double perSnapshot(long cpuNanos, int snapshots) {
            return cpuNanos / 1000.0 / snapshots;
        }
    }

    /** CPU time of every live thread by id, and the process's. */
    private record CpuSample(Map<Long, Long> threads, Map<Long, String> names, long process) {

        static CpuSample take() {
            var bean = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpu = new java.util.HashMap<>();
            Map<Long, String> names = new java.util.HashMap<>();
            for (var info : bean.getThreadInfo(bean.getAllThreadIds())) {
                if (info != null) {
                    cpu.put(info.getThreadId(), bean.getThreadCpuTime(info.getThreadId()));
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return new CpuSample(cpu, names, os.getProcessCpuTime());
        }

        /** CPU since {@code before} of the threads whose name matches. */
        long since(CpuSample before, java.util.function.Predicate<String> name) {
            return threads.entrySet().stream()
                    .filter(e -> name.test(names.get(e.getKey())) && e.getValue() >= 0)
                    .mapToLong(e -> e.getValue() - Math.max(0, before.threads.getOrDefault(e.getKey(), 0L)))
                    .sum();
        }
    }

    /**
     * Starts the application, waits for RUNNING, then until its committed offsets reach the end of every partition
     * it reads (the input and any internal repartition topic); measures the time from RUNNING to then.
     */
    private static Phase runUntilCommitted(KafkaStreams streams, Admin admin, String applicationId, String input) throws Exception {
        var running = new CountDownLatch(1);
        streams.setStateListener((next, previous) -> {
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(applicationId + " did not reach RUNNING within 120 s");
        }
        long start = System.nanoTime();
        CpuSample cpuAtStart = CpuSample.take();
        Set<TopicPartition> inputs = admin.describeTopics(List.of(input)).allTopicNames().get().get(input).partitions().stream()
                .map(p -> new TopicPartition(input, p.partition())).collect(Collectors.toSet());
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> read = new HashSet<>(committed.keySet());
            read.addAll(inputs);
            Map<TopicPartition, OffsetSpec> latest = read.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            boolean done = read.stream().allMatch(tp -> {
                OffsetAndMetadata offset = committed.get(tp);
                return offset != null ? offset.offset() >= ends.get(tp).offset() : ends.get(tp).offset() == 0;
            });
            if (done) {
                long wall = System.nanoTime() - start;
                CpuSample cpu = CpuSample.take();
                return new Phase(wall, cpu.since(cpuAtStart, name -> name.contains(applicationId)),
                        cpu.since(cpuAtStart, name -> name.startsWith(applicationId) && name.contains("-StreamThread-")),
                        cpu.process() - cpuAtStart.process());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(applicationId + " did not commit its input within 15 minutes");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * Waits until the broker serves every partition of a new topic as its leader: a produce that arrives before
     * (NOT_LEADER_OR_FOLLOWER) once left the idempotent producer retrying OUT_OF_ORDER_SEQUENCE_NUMBER for good.
     */
    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
                admin.listOffsets(latest).all().get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /**
     * Offsets written so far to the application's internal topics (changelogs, repartition) and to {@code outputs}:
     * the records it wrote, plus one transaction marker per partition and commit. Independent of the load.
     */
    private static long recordsWritten(Admin admin, String applicationId, Set<String> outputs) throws Exception {
        return recordsWrittenByTopic(admin, applicationId, outputs).values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@link #recordsWritten} by topic. */
    private static Map<String, Long> recordsWrittenByTopic(Admin admin, String applicationId, Set<String> outputs) throws Exception {
        Set<String> written = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(applicationId + "-") || outputs.contains(name)).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(written).allTopicNames().get().values().forEach(topic -> topic.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        Map<String, Long> byTopic = new java.util.TreeMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> byTopic.merge(tp.topic(), info.offset(), Long::sum));
        return byTopic;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void readChanges(String bootstrap, String topic, Map<String, Long> arrivals, AtomicBoolean stop) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new AvroSerde<>(StatusChange.class).deserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                records.forEach(r -> arrivals.putIfAbsent(r.key(), now));
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

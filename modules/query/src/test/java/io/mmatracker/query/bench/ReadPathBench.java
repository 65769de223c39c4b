package io.mmatracker.query.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.state.KafkaStateReader;
import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.PartitionCounts;
import io.mmatracker.query.state.Placement;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.state.StateReader;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.query.testing.HttpTestClient;
import io.mmatracker.schema.topic.Keys;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.testkit.FreePorts;

/**
 * CPU time of one local read of a GetMmsJob's snapshot, by the ways the query has read or could read it (not a
 * test; the command is in the query README): the stored bytes through the kept copy's public {@code StateStore.query}
 * ({@code KafkaStateReader.read}, what a GET does now; a hit decodes nothing), the same decoded (what a cache miss
 * costs), the kept copy typed (the GET read before), the public API's handle ({@code KafkaStreams.store(...)}, which
 * resolves the copy on every read), and the stored bytes under the metered store of the kept copy (the removed
 * raw-bytes path through Streams internals, which decoded nothing). CPU time of the reading thread, so a loaded
 * machine moves it far less than it moves wrk's throughput.
 */
public final class ReadPathBench {

    private ReadPathBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.parseInt(args.length > 0 ? args[0] : "100000");
        int reads = Integer.parseInt(args.length > 1 ? args[1] : "200000");
        int port = FreePorts.next();
        QueryConfig config = QueryConfig.fromMap(Map.of("query.port", Integer.toString(port), "query.advertised", "localhost:" + port));
        var serializer = new AvroSerde<>(JobSnapshot.class).serializer();
        KafkaStreams streams = BenchServer.startOverKafka(config, (producer, topics) -> {
            for (int i = 1; i <= jobs; i++) {
                producer.send(new ProducerRecord<>(topics.jobs(), key(i), serializer.serialize(topics.jobs(), BenchServer.job(i))));
            }
        });
        BenchServer.awaitJobs(new HttpTestClient(config.advertised()), jobs);
        // partition counts serve lists only: none here
        StateReader reader = new KafkaStateReader(streams, config.advertised(), new Topics("bench."), config.storeAttempts(),
                new PartitionCounts(null));
        Random random = new Random(1);
        List<String> keys = new ArrayList<>(reads);
        List<Placement> placements = new ArrayList<>(reads);
        for (int i = 0; i < reads; i++) {
            String key = key(1 + random.nextInt(jobs));
            keys.add(key);
            placements.add(reader.locate(SnapshotStore.JOBS, key));
        }
        String store = SnapshotStore.JOBS.storeName();
        List<ReadOnlyKeyValueStore<String, SpecificRecord>> handles = new ArrayList<>();
        List<ReadOnlyKeyValueStore<String, SpecificRecord>> keptTyped = new ArrayList<>();
        List<KeyValueStore<Bytes, byte[]>> raw = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            handles.add(streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<String, SpecificRecord>keyValueStore()).withPartition(p)));
            keptTyped.add(typedCopy(streams, store, p));
            raw.add(rawCopy(streams, store, p));
        }
        StringSerializer keyBytes = new StringSerializer();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 4; round++) {
            double storedBytes = perRead(threads, reads, i -> reader.read(SnapshotStore.JOBS, keys.get(i), placements.get(i), false)
                    instanceof LocalRead.Hit hit ? hit.stored().bytes().length : 0);
            double storedDecoded = perRead(threads, reads, i -> reader.read(SnapshotStore.JOBS, keys.get(i), placements.get(i), false)
                    instanceof LocalRead.Hit hit ? ((JobSnapshot) hit.value()).getJob().getId() : 0);
            double typed = perRead(threads, reads, i -> ((JobSnapshot) keptTyped.get(placements.get(i).partition()).get(keys.get(i)))
                    .getJob().getId());
            double publicApi = perRead(threads, reads, i -> ((JobSnapshot) handles.get(placements.get(i).partition()).get(keys.get(i)))
                    .getJob().getId());
            double underMetered = perRead(threads, reads, i -> raw.get(placements.get(i).partition())
                    .get(Bytes.wrap(keyBytes.serialize(null, keys.get(i)))).length);
            System.out.printf("round %d: CPU per read: stored bytes by StateStore.query (GET now) %.2f us, the same decoded (a miss) %.2f us, "
                    + "kept copy typed %.2f us, public API handle %.2f us, bytes under the metered store (internals) %.2f us%n",
                    round, storedBytes, storedDecoded, typed, publicApi, underMetered);
        }
        System.out.printf("(%d jobs, %d reads per way and round, load average %s)%n", jobs, reads,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    private static double perRead(ThreadMXBean threads, int reads, ToLongFunction<Integer> read) {
        long checksum = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < reads; i++) {
            checksum += read.applyAsLong(i);
        }
        long spent = threads.getCurrentThreadCpuTime() - start;
        if (checksum == 42) {
            System.out.print("");
        }
        return spent / 1000.0 / reads;
    }

    /** The kept copy of one partition, read typed (the metered store): how GETs read before they read stored bytes. */
    @SuppressWarnings("unchecked")
    private static ReadOnlyKeyValueStore<String, SpecificRecord> typedCopy(KafkaStreams streams, String store, int partition) {
        return (ReadOnlyKeyValueStore<String, SpecificRecord>) copies(streams, store, partition, s -> s instanceof ReadOnlyKeyValueStore<?, ?>);
    }

    /** The bytes under the metered store of one partition's copy, as the removed {@code RawValues} read them. */
    @SuppressWarnings("unchecked")
    private static KeyValueStore<Bytes, byte[]> rawCopy(KafkaStreams streams, String store, int partition) {
        StateStore copy = copies(streams, store, partition, s -> s instanceof WrappedStateStore<?, ?, ?>);
        return (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>) copy).wrapped();
    }

    private static StateStore copies(KafkaStreams streams, String store, int partition, java.util.function.Predicate<StateStore> accepts) {
        QueryableStoreType<List<StateStore>> copies = new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore s) {
                return accepts.test(s);
            }

            @Override
            public List<StateStore> create(StateStoreProvider provider, String name) {
                List<?> stores = provider.stores(name, this);
                return stores.stream().map(StateStore.class::cast).toList();
            }
        };
        return streams.store(StoreQueryParameters.fromNameAndType(store, copies).withPartition(partition)).get(0);
    }

    private static String key(int i) {
        return Keys.object(1L + i % 100, i);
    }
}

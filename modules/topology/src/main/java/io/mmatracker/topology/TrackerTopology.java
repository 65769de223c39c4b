package io.mmatracker.topology;

import java.util.ArrayList;
import java.util.List;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.SourceSummary;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.serde.ValueSerdes;
import io.mmatracker.topology.rules.KindRules;
import io.mmatracker.topology.rules.ObjectRules;
import io.mmatracker.topology.history.HistoryRecorder;
import io.mmatracker.topology.list.ListIndex;
import io.mmatracker.topology.state.ObjectHistory;
import io.mmatracker.topology.state.ObjectTracking;
import io.mmatracker.topology.state.ReceivedBytes;
import io.mmatracker.topology.state.StoredBytesStore;
import io.mmatracker.topology.state.SummaryDelta;
import io.mmatracker.topology.state.WrittenValues;
import io.mmatracker.topology.summary.PendingDeltas;
import io.mmatracker.topology.summary.SourceSummaryProcessor;
import io.mmatracker.topology.track.SnapshotTracker;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracker's Kafka Streams topology: for every snapshot topic a {@link SnapshotTracker} keeps the latest
 * snapshot per key and emits status changes and alerts; the summary deltas of all kinds are repartitioned by
 * sourceId into a {@link SourceSummaryProcessor} that keeps one {@link SourceSummary} per data source. Beside
 * each tracker (except the data sources') a {@link HistoryRecorder} keeps every object's recent status changes
 * and alerts.
 *
 * <pre>
 * mma.datasources ─▶ datasource-tracker ─┬─ by value type ─▶ mma.status-changes, mma.alerts (sinks of its own)
 * mma.scans       ─▶ scan-tracker       ─┤  (each tracker alike)
 * mma.jobs        ─▶ job-tracker        ─┤
 * mma.tables      ─▶ table-tracker      ─┼─ summary deltas, merged ─▶ repartition by sourceId ─▶ source-summaries
 * mma.async-tasks ─▶ async-task-tracker ─┤
 * mma.tasks       ─▶ task-tracker       ─┘
 *                    each of scan, job, table, async-task, task tracker ─▶ &lt;kind&gt;-history (store &lt;kind&gt;-history-store)
 * </pre>
 */
public final class TrackerTopology {

    /** Name of the internal repartition topic (prefixed by the application id, suffixed by "-repartition"). */
    public static final String SUMMARY_DELTAS = "source-summary-deltas";

    private TrackerTopology() {
    }

    /** Builds the topology with the value serdes of {@code config.serdeConfig()}; opens no sockets. */
    public static Topology build(TopologyConfig config) {
        return build(config, ValueSerdes.from(config.serdeConfig()));
    }

    /**
     * Builds the topology with every value serde (stores, changelogs, repartition and output topics) from
     * {@code valueSerdes}, so a process shares one factory (in registry mode: one schema-id cache); opens no sockets.
     */
    public static Topology build(TopologyConfig config, ValueSerdes valueSerdes) {
        var serdes = new TopologySerdes(valueSerdes);
        var builder = new StreamsBuilder();
        // Shared by every tracker of a task: one merged delta per source until the next flush.
        // Read back, merged and written for every object: the cache hands back the bytes it was given, which this
        // serde recognises, so a read does not decode the delta just written (4% of the stream thread for new tables).
        builder.addStateStore(cached(store(PendingDeltas.STORE, new WrittenValues<>(serdes.internal(SummaryDelta.class)))));
        KStream<String, SummaryDelta> deltas = null;
        for (ObjectRules<?> rules : KindRules.all()) {
            KStream<String, SpecificRecord> tracked = track(builder, config, serdes, rules);
            if (rules.kind().hasHistory()) {
                recordHistory(builder, serdes, rules, tracked);
            }
            // Each tracker has sinks of its own: every event and alert goes one hop to its sink instead of down a
            // chain of merge nodes (one per kind) and past the filters of every output (profiled: a few us a record).
            only(tracked, StatusChange.class, slug(rules) + "-status-changes")
                    .to(config.topics().statusChanges(), Produced.with(Serdes.String(), serdes.contract(StatusChange.class))
                            .withName(slug(rules) + "-status-changes-sink"));
            only(tracked, Alert.class, slug(rules) + "-alerts")
                    .to(config.topics().alerts(), Produced.with(Serdes.String(), serdes.contract(Alert.class))
                            .withName(slug(rules) + "-alerts-sink"));
            // The deltas (sent by the flush punctuation, a few a second) share one repartition topic.
            KStream<String, SummaryDelta> kindDeltas = only(tracked, SummaryDelta.class, slug(rules) + "-summary-deltas");
            deltas = deltas == null ? kindDeltas : deltas.merge(kindDeltas, Named.as(slug(rules) + "-merge"));
        }

        // Every object of a source updates its one summary, so a commit writes the summary's last value once instead
        // of once per delta.
        builder.addStateStore(cached(store(StoreNames.SOURCE_SUMMARIES, serdes.contract(SourceSummary.class))));
        deltas.repartition(Repartitioned.<String, SummaryDelta>as(SUMMARY_DELTAS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serdes.internal(SummaryDelta.class)))
                .process(() -> new SourceSummaryProcessor(StoreNames.SOURCE_SUMMARIES),
                        Named.as("source-summaries"), StoreNames.SOURCE_SUMMARIES);
        return builder.build();
    }

    private static <S extends SpecificRecord> KStream<String, SpecificRecord> track(
            StreamsBuilder builder, TopologyConfig config, TopologySerdes serdes, ObjectRules<S> rules) {
        Kind<S, ?> kind = rules.kind();
        // The input and the store share one serde, so the store can keep a snapshot in the bytes it came in.
        var snapshotBytes = ReceivedBytes.of(kind.snapshotType(), serdes.contract(kind.snapshotType()));
        String tracking = StoreNames.tracking(kind.objectKind());
        String stallIndex = StoreNames.stallIndex(kind.objectKind());
        builder.addStateStore(snapshotStore(kind.storeName(), snapshotBytes.store()));
        builder.addStateStore(store(tracking, serdes.internal(ObjectTracking.class)));
        builder.addStateStore(store(stallIndex, Serdes.String()));
        List<String> stores = new ArrayList<>(List.of(kind.storeName(), tracking, stallIndex, PendingDeltas.STORE));
        if (kind.isListed()) {
            addIndex(builder, kind.listIndexStoreName(), stores);
        }
        if (kind.objectKind() == ObjectKind.TASK) {
            // Tasks of a job and status share count and bucket keys, as the list index's objects do: stored alike.
            addIndex(builder, StoreNames.JOB_TASK_INDEX, stores);
        }
        return builder
                .stream(kind.topic(config.topics()), Consumed.with(Serdes.String(), snapshotBytes.input())
                        .withName(slug(rules) + "-snapshots"))
                .process(() -> new SnapshotTracker<>(rules, snapshotBytes, config.stallTimeout(), config.stallCheckInterval()),
                        Named.as(slug(rules) + "-tracker"), stores.toArray(String[]::new));
    }

    /**
     * The two stores of an index in the list index's layout: its counts, which the objects of a source and status
     * share, behind the cache (a commit writes each once), and its per-object entries without it (each is written
     * once; behind the cache they filled its sorted map, which made every cached read and write of the task dearer:
     * 26% of the stream thread for new tables, profiled).
     */
    private static void addIndex(StreamsBuilder builder, String indexStore, List<String> stores) {
        builder.addStateStore(cached(store(indexStore, Serdes.String())));
        builder.addStateStore(store(ListIndex.entriesStore(indexStore), Serdes.String()));
        stores.add(indexStore);
        stores.add(ListIndex.entriesStore(indexStore));
    }

    /** A side branch of one tracker's output: the history store of its kind, in the tracker's task. */
    private static void recordHistory(StreamsBuilder builder, TopologySerdes serdes, ObjectRules<?> rules,
                                      KStream<String, SpecificRecord> tracked) {
        String history = rules.kind().historyStoreName();
        builder.addStateStore(store(history, serdes.internal(ObjectHistory.class)));
        tracked.process(() -> new HistoryRecorder(history, rules.kind().storeName(), HistoryRecorder.MAX_ENTRIES),
                Named.as(slug(rules) + "-history"), history, rules.kind().storeName());
    }

    /**
     * A store of the topology: persistent (RocksDB) and changelogged. Not behind Kafka Streams' record cache: a
     * store with one key per object gains nothing from it (the poller publishes an object's change at most once per
     * poll, seconds apart, so a key is rarely written twice within a commit interval) and pays the cache's sorted
     * map, LRU list and evictions (profiled: with every store cached, a new table cost 100 us of the stream thread
     * instead of 79, an update the same; see the README's benchmark).
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }

    /**
     * The store of a kind's latest snapshots: a {@link #store} that also answers the query API's read of its stored
     * bytes ({@link StoredBytesStore}), never behind the record cache (that read would pass it by).
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> snapshotStore(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(StoredBytesStore.supplier(name, valueSerde), Serdes.String(), valueSerde);
    }

    /**
     * Behind Kafka Streams' record cache ({@code statestore.cache.max.bytes}), for stores whose keys many objects
     * share: the cache keeps a key's last write until the task commits (or the cache is full) and writes it to
     * RocksDB and the changelog once then, so a commit writes a shared key once instead of once per object.
     * Interactive queries read through the cache and see the latest write.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> cached(StoreBuilder<KeyValueStore<String, V>> store) {
        return store.withCachingEnabled();
    }

    /** The values of one type of a tracker's output; the filter lets only those through, so no mapValues node casts them. */
    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> KStream<String, T> only(KStream<String, SpecificRecord> derived,
                                                                      Class<T> type, String name) {
        return (KStream<String, T>) (KStream<String, ? extends SpecificRecord>) derived
                .filter((key, value) -> type.isInstance(value), Named.as(name + "-filter"));
    }

    private static String slug(ObjectRules<?> rules) {
        return rules.kind().slug();
    }
}

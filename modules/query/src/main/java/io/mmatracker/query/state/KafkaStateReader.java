package io.mmatracker.query.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.list.JobTaskIndex;
import io.mmatracker.topology.list.ListIndex;
import io.mmatracker.topology.list.ScopedView;
import io.mmatracker.topology.state.StoredBytesStore;

/**
 * Reads the tracker's state through Kafka Streams interactive queries. Placement comes from
 * {@code queryMetadataForKey}; local reads go to one partition's copy, active first: a GET of a snapshot reads the
 * stored bytes ({@link StoredBytesStore.Get}, decoded only when its cached answer is not for them), lists and other
 * stores read typed (the store's serdes decode the value); the copy a read resolves to is kept for the next reads of
 * that partition (see
 * {@link LocalCopies}). Reads retry {@link InvalidStateStoreException} (thrown while a rebalance closes or migrates a store) a bounded number
 * of times by asking Kafka Streams for the store again. No retry sleeps: callers run on I/O threads, and a
 * copy that stays unavailable is the caller's cue to use another copy or answer 503.
 *
 * <p>Lists need more than a copy that is there: a standby that was just assigned (after a rebalance) is still
 * restoring its changelog, and a scan of it would silently lack objects. A scan uses a standby or restoring copy
 * only while its changelog lag is at most {@link #LIST_MAX_STANDBY_LAG} records; otherwise the partition is
 * reported missing, so the list goes to another copy, retries, or answers 503, never 200 without those objects.
 */
public final class KafkaStateReader implements StateReader {

    private static final Serializer<String> KEYS = new StringSerializer();
    private static final QueryConfig WITHOUT_INFO = new QueryConfig(false);

    /**
     * Changelog records a standby copy may lag behind and still answer a list share. A caught-up standby of an
     * exactly-once changelog lags by the commit markers and the records of the transaction in flight; a copy
     * that restores from scratch lags by its whole partition.
     */
    public static final long LIST_MAX_STANDBY_LAG = 10;

    /** How long one look-up of the local copies' lags is reused (it asks the broker for end offsets). */
    private static final long LAG_REUSE_NANOS = 200_000_000L;

    private final KafkaStreams streams;
    private final Endpoint self;
    private final Topics topics;
    private final int attempts;
    private final PartitionCounts partitionCounts;
    private final Map<CopyKey, StateStore> kept = new ConcurrentHashMap<>();
    /** Stores that do not answer {@link StoredBytesStore.Get}. */
    private final Set<String> typedOnly = ConcurrentHashMap.newKeySet();
    private volatile Lags lags = new Lags(Map.of(), Long.MIN_VALUE);

    /**
     * @param self            this instance's {@code application.server}
     * @param attempts        how many times one local read asks for the store before giving up (at least 1)
     * @param partitionCounts how many partitions each snapshot topic has (every one must answer a list)
     */
    public KafkaStateReader(KafkaStreams streams, Endpoint self, Topics topics, int attempts, PartitionCounts partitionCounts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.streams = streams;
        this.self = self;
        this.topics = topics;
        this.attempts = attempts;
        this.partitionCounts = partitionCounts;
    }

    @Override
    public Endpoint self() {
        return self;
    }

    @Override
    public Placement locate(SnapshotStore store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store.storeName(), key, KEYS);
        } catch (RuntimeException e) {
            // not started, shutting down, or the store not created yet: nobody is known to hold the key
            return Placement.unknown();
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
            return Placement.unknown();
        }
        HostInfo active = metadata.activeHost();
        Optional<Endpoint> activeEndpoint = isUnavailable(active) ? Optional.empty() : Optional.of(endpoint(active));
        List<Endpoint> standbys = metadata.standbyHosts().stream()
                .filter(h -> !isUnavailable(h))
                .map(KafkaStateReader::endpoint)
                .sorted(Comparator.comparing(Endpoint::toString))
                .toList();
        return new Placement(metadata.partition(), activeEndpoint, standbys);
    }

    @Override
    public LocalRead read(SnapshotStore store, String key, Placement placement, boolean allowStale) {
        Integer partition = placement.isKnown() ? placement.partition() : null;
        String activeFailure = null;
        if (placement.isActiveAt(self)) {
            try {
                StoredValue value = stored(store.storeName(), partition, false, key);
                return value == null ? new LocalRead.Miss(false) : new LocalRead.Hit(value, false);
            } catch (InvalidStateStoreException e) {
                activeFailure = e.getMessage();
            }
        }
        if (!allowStale) {
            return new LocalRead.NoCopy(activeFailure != null ? activeFailure : "the active copy is not on this instance");
        }
        try {
            StoredValue value = stored(store.storeName(), partition, true, key);
            if (value != null) {
                return new LocalRead.Hit(value, true);
            }
            // Without a known partition the local copies may simply not include the key's partition.
            return partition == null ? new LocalRead.NoCopy("the key's partition is not known during a rebalance")
                    : new LocalRead.Miss(true);
        } catch (InvalidStateStoreException e) {
            return new LocalRead.NoCopy(e.getMessage());
        }
    }

    @Override
    public List<PartitionCopies> partitions(SnapshotStore store) {
        java.util.Collection<StreamsMetadata> clients;
        try {
            clients = streams.metadataForAllStreamsClients();
        } catch (RuntimeException e) {
            return List.of();
        }
        String topic = store.sourceTopic(topics);
        Map<Integer, Endpoint> active = new TreeMap<>();
        Map<Integer, List<Endpoint>> standbys = new HashMap<>();
        for (StreamsMetadata client : clients) {
            Endpoint host = endpoint(client.hostInfo());
            if (client.stateStoreNames().contains(store.storeName())) {
                for (int p : partitionsOf(client.topicPartitions(), topic)) {
                    active.put(p, host);
                }
            }
            if (client.standbyStateStoreNames().contains(store.storeName())) {
                for (int p : partitionsOf(client.standbyTopicPartitions(), topic)) {
                    standbys.computeIfAbsent(p, k -> new ArrayList<>()).add(host);
                }
            }
        }
        Set<Integer> all = new HashSet<>(active.keySet());
        all.addAll(standbys.keySet());
        if (topic != null) {
            // Every partition, also one the metadata names no copy of (a rebalance moving it): it must answer too.
            OptionalInt count = partitionCounts.of(topic);
            if (count.isEmpty()) {
                return List.of();
            }
            all.forEach(p -> partitionCounts.sawPartition(topic, p));
            for (int p = 0; p < count.getAsInt(); p++) {
                all.add(p);
            }
        }
        return all.stream().sorted()
                .map(p -> new PartitionCopies(p, Optional.ofNullable(active.get(p)), standbys.getOrDefault(p, List.of())))
                .toList();
    }

    @Override
    public ScanResult scan(SnapshotStore store, String prefix, Set<Integer> partitions, boolean allowStale,
                           BiConsumer<String, SpecificRecord> visitor) {
        Set<Integer> scanned = new HashSet<>();
        Set<Integer> missing = new HashSet<>();
        StringBuilder why = new StringBuilder();
        boolean stale = false;
        for (int partition : partitions) {
            Boolean isStandby = usableCopy(store, partition, allowStale, missing, why);
            if (isStandby == null) {
                continue;
            }
            boolean fromStandby = isStandby;
            try (KeyValueIterator<String, SpecificRecord> it = scan(this.<SpecificRecord>copyOf(store.storeName(), partition, fromStandby), prefix)) {
                while (it.hasNext()) {
                    var entry = it.next();
                    if (entry.value != null) {
                        visitor.accept(entry.key, entry.value);
                    }
                }
                scanned.add(partition);
                stale |= fromStandby;
            } catch (InvalidStateStoreException e) {
                // The store closed mid-scan: whatever was visited is incomplete, so the caller must get it elsewhere.
                missing.add(partition);
                why.append(partition).append(": ").append(e.getMessage()).append("; ");
            }
        }
        return new ScanResult(scanned, missing, stale, why.toString());
    }

    /**
     * Which local copy of a partition can be read: false for the active one, true for a standby (only when
     * {@code allowStale}), null for none (then the partition is added to {@code missing} with the reason). Store
     * handles resolve lazily, so the copy is resolved here: a missing active copy is seen at once and a standby
     * copy can be used instead, if it is within {@link #LIST_MAX_STANDBY_LAG} records of its changelog's end.
     */
    private Boolean usableCopy(SnapshotStore store, int partition, boolean allowStale, Set<Integer> missing, StringBuilder why) {
        try {
            resolve(store.storeName(), partition, false);
            return false;
        } catch (InvalidStateStoreException active) {
            if (!allowStale) {
                missing.add(partition);
                why.append(partition).append(": ").append(active.getMessage()).append("; ");
                return null;
            }
            try {
                resolve(store.storeName(), partition, true);
            } catch (InvalidStateStoreException none) {
                missing.add(partition);
                why.append(partition).append(": ").append(none.getMessage()).append("; ");
                return null;
            }
            long lag = lag(store, partition);
            if (lag > LIST_MAX_STANDBY_LAG) {
                missing.add(partition);
                why.append(partition).append(": the standby copy here lags ")
                        .append(lag == Long.MAX_VALUE ? "an unknown number of" : Long.toString(lag)).append(" records; ");
                return null;
            }
            return true;
        }
    }

    @Override
    public IndexedPage listPage(SnapshotStore store, long sourceId, List<String> statuses, Set<Integer> partitions,
                                boolean allowStale, long skip, int limit) {
        if (store.listIndexName() == null) {
            return StateReader.super.listPage(store, sourceId, statuses, partitions, allowStale, skip, limit);
        }
        return indexedPage(store, store.listIndexName(), copy -> copy, sourceId, statuses, null, partitions, allowStale, skip, limit);
    }

    /**
     * The smallest index range that applies: a job's tasks from the per-job task index ({@link JobTaskIndex}, the
     * source's part of it read as a list index), else the source's objects of the statuses from the list index;
     * each object of the range is then read and tested, unless the range is the answer. A selection of every status
     * without a job scans the source's objects instead (the range would be all of them).
     */
    @Override
    public IndexedPage selectPage(SnapshotStore store, ListSelection selection, Set<Integer> partitions,
                                  boolean allowStale, long skip, int limit) {
        if (selection.jobId() != null && store == SnapshotStore.TASKS) {
            String scope = JobTaskIndex.scope(selection.sourceId());
            return indexedPage(store, StoreNames.JOB_TASK_INDEX, copy -> new ScopedView(copy, scope), selection.jobId(),
                    selection.statuses(), selection, partitions, allowStale, skip, limit);
        }
        if (store.listIndexName() == null || selection.jobId() != null || selection.statuses().isEmpty()) {
            // No index range narrows it (every status of the source): one sequential scan of the source's objects reads
            // them for about half the CPU of the index's entries and a get each (run-list-bench.sh, srcTableName).
            return StateReader.super.selectPage(store, selection, partitions, allowStale, skip, limit);
        }
        return indexedPage(store, store.listIndexName(), copy -> copy, selection.sourceId(), selection.statuses(), selection,
                partitions, allowStale, skip, limit);
    }

    @Override
    public IndexCounts listCounts(SnapshotStore store, long sourceId, List<String> statuses, Set<Integer> partitions,
                                  boolean allowStale) {
        if (store.listIndexName() == null) {
            return StateReader.super.listCounts(store, sourceId, statuses, partitions, allowStale);
        }
        IndexCopies copies = indexCopies(store, store.listIndexName(), copy -> copy, partitions, allowStale);
        IndexPager.Counted counted;
        try {
            counted = retried(() -> IndexPager.counts(copies.indexes(), sourceId, statuses));
        } catch (InvalidStateStoreException e) {
            return new IndexCounts(0, new TreeMap<>(), copies.closedWhileRead(e));
        }
        return new IndexCounts(counted.total(), counted.buckets(), copies.coverage());
    }

    @Override
    public IndexedPage listPageFromBucket(SnapshotStore store, long sourceId, List<String> statuses, Set<Integer> partitions,
                                          boolean allowStale, long fromBucket, int limit) {
        if (store.listIndexName() == null) {
            return StateReader.super.listPageFromBucket(store, sourceId, statuses, partitions, allowStale, fromBucket, limit);
        }
        IndexCopies copies = indexCopies(store, store.listIndexName(), copy -> copy, partitions, allowStale);
        IndexPager.Found found;
        try {
            found = retried(() -> IndexPager.fromBucket(copies.indexes(), sourceId, statuses, fromBucket, limit));
        } catch (InvalidStateStoreException e) {
            return new IndexedPage(0, List.of(), copies.closedWhileRead(e));
        }
        List<IndexedPage.Item> items = rangeItems(store, copies, found.entries());
        return new IndexedPage(found.total(), items, copies.coverage());
    }

    /**
     * The index copies of some partitions, each in the list index's layout as one store (its counts and its entries
     * are two stores, {@link ListIndex#entriesStore}), and which partitions have no usable copy here. Reads of the
     * copies add the partitions they fail on to {@code missing}.
     */
    private record IndexCopies(List<Integer> order, List<Boolean> fromStandby, List<ReadOnlyKeyValueStore<String, String>> indexes,
                               Set<Integer> missing, StringBuilder why) {

        /** The partitions read (and whether from a standby) and those missing. */
        ScanResult coverage() {
            Set<Integer> read = new HashSet<>();
            boolean stale = false;
            for (int i = 0; i < order.size(); i++) {
                if (!missing.contains(order.get(i))) {
                    read.add(order.get(i));
                    stale |= fromStandby.get(i);
                }
            }
            return new ScanResult(read, missing, stale, why.toString());
        }

        /** A partition whose copy failed to open or to read: the caller must get it elsewhere. */
        void lost(int partition, InvalidStateStoreException e) {
            missing.add(partition);
            why.append(partition).append(": ").append(e.getMessage()).append("; ");
        }

        /** A copy closed while being read: the caller must get these partitions elsewhere. */
        ScanResult closedWhileRead(InvalidStateStoreException e) {
            Set<Integer> all = new HashSet<>(missing);
            all.addAll(order);
            return new ScanResult(Set.of(), all, false, why + "index: " + e.getMessage());
        }
    }

    private IndexCopies indexCopies(SnapshotStore store, String indexName,
                                    Function<ReadOnlyKeyValueStore<String, String>, ReadOnlyKeyValueStore<String, String>> view,
                                    Set<Integer> partitions, boolean allowStale) {
        IndexCopies copies = new IndexCopies(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new HashSet<>(), new StringBuilder());
        for (int partition : partitions) {
            Boolean standby = usableCopy(store, partition, allowStale, copies.missing(), copies.why());
            if (standby == null) {
                continue;
            }
            try {
                copies.indexes().add(ListIndex.view(view.apply(this.<String>copyOf(indexName, partition, standby)),
                        view.apply(this.<String>copyOf(ListIndex.entriesStore(indexName), partition, standby))));
            } catch (InvalidStateStoreException e) {
                copies.lost(partition, e);
                continue;
            }
            copies.order().add(partition);
            copies.fromStandby().add(standby);
        }
        return copies;
    }

    /**
     * A page from an index in the list index's layout, {@code group} in the source's place (a view may scope the
     * store first). Without a selection, or one whose range is the answer, only the page is read; otherwise every
     * object of the range is read and tested, and the matches sorted.
     */
    private IndexedPage indexedPage(SnapshotStore store, String indexName,
                                    Function<ReadOnlyKeyValueStore<String, String>, ReadOnlyKeyValueStore<String, String>> view,
                                    long group, List<String> statuses, ListSelection selection, Set<Integer> partitions,
                                    boolean allowStale, long skip, int limit) {
        IndexCopies copies = indexCopies(store, indexName, view, partitions, allowStale);
        List<ReadOnlyKeyValueStore<String, String>> indexes = copies.indexes();
        boolean isRange = selection == null || selection.isRange();
        IndexPager.Found found;
        try {
            // the whole range: every entry, not as many as the counts say (a standby's counts may lag its entries)
            found = retried(() -> IndexPager.page(indexes, group, statuses, isRange ? skip : 0, isRange ? limit : Integer.MAX_VALUE));
        } catch (InvalidStateStoreException e) {
            return new IndexedPage(0, List.of(), copies.closedWhileRead(e));
        }
        long total = found.total();
        List<IndexPager.Entry> entries = found.entries();
        List<IndexedPage.Item> items;
        if (!isRange) {
            List<Selected> matches = new ArrayList<>();
            for (IndexPager.Entry entry : entries) {
                int partition = copies.order().get(entry.copy());
                boolean standby = copies.fromStandby().get(entry.copy());
                try {
                    SpecificRecord value = get(store.storeName(), partition, standby, entry.key());
                    if (value != null && selection.keep().test(value)) {
                        matches.add(new Selected(new IndexedPage.Item(entry.id(), entry.key(), new LocalRead.Hit(value, standby)),
                                entry, selection.sortKeys(value)));
                    }
                } catch (InvalidStateStoreException e) {
                    copies.lost(partition, e);
                }
            }
            matches.sort(selection.comparator(Selected::keys, m -> m.entry().id()));
            total = matches.size();
            int from = (int) Math.min(matches.size(), skip);
            // the matches were read to be tested: the page is theirs, not read again
            items = matches.subList(from, (int) Math.min(matches.size(), (long) from + limit)).stream().map(Selected::item)
                    .toList();
        } else {
            items = rangeItems(store, copies, entries);
        }
        return new IndexedPage(total, items, copies.coverage());
    }

    /** The objects of index entries, read from the copies the entries came from. */
    private List<IndexedPage.Item> rangeItems(SnapshotStore store, IndexCopies copies, List<IndexPager.Entry> entries) {
        List<IndexedPage.Item> items = new ArrayList<>(entries.size());
        for (IndexPager.Entry entry : entries) {
            int partition = copies.order().get(entry.copy());
            boolean standby = copies.fromStandby().get(entry.copy());
            try {
                // as a GET reads: the stored bytes, which the encoded-data cache compares without decoding
                StoredValue value = stored(store.storeName(), partition, standby, entry.key());
                if (value != null) {
                    items.add(new IndexedPage.Item(entry.id(), entry.key(), new LocalRead.Hit(value, standby)));
                }
            } catch (InvalidStateStoreException e) {
                copies.lost(partition, e);
            }
        }
        return items;
    }

    /** An object of an index range that a selection keeps, as a page item, with its sort keys. */
    private record Selected(IndexedPage.Item item, IndexPager.Entry entry, String[] keys) {
    }

    /** The changelog lag of this instance's copy of a partition; {@code Long.MAX_VALUE} when it cannot be told. */
    private long lag(SnapshotStore store, int partition) {
        Lags current = lags;
        if (System.nanoTime() - current.readAt() > LAG_REUSE_NANOS) {
            try {
                current = new Lags(streams.allLocalStorePartitionLags(), System.nanoTime());
            } catch (RuntimeException e) {
                return Long.MAX_VALUE;
            }
            lags = current;
        }
        LagInfo info = current.byStore().getOrDefault(store.storeName(), Map.of()).get(partition);
        return info == null ? Long.MAX_VALUE : info.offsetLag();
    }

    private record Lags(Map<String, Map<Integer, LagInfo>> byStore, long readAt) {
    }

    private static KeyValueIterator<String, SpecificRecord> scan(ReadOnlyKeyValueStore<String, SpecificRecord> copy, String prefix) {
        return prefix.isEmpty() ? copy.all() : copy.prefixScan(prefix, KEYS);
    }

    /**
     * The value of a key in the local copy of its partition, as its stored bytes where the store answers
     * {@link StoredBytesStore.Get} (the snapshot stores; one query through the copy's public {@code StateStore.query},
     * which the metered and change-logging layers hand to the store they wrap), else decoded ({@link #get}).
     */
    private StoredValue stored(String storeName, Integer partition, boolean stale, String key) {
        if (partition != null && !typedOnly.contains(storeName)) {
            CopyKey copyKey = new CopyKey(storeName, partition, stale);
            StateStore copy = kept(copyKey);
            QueryResult<StoredBytesStore.Stored> result;
            try {
                result = copy.query(new StoredBytesStore.Get(Bytes.wrap(KEYS.serialize(storeName, key))), PositionBound.unbounded(),
                        WITHOUT_INFO);
            } catch (InvalidStateStoreException e) {
                kept.remove(copyKey, copy);
                throw e;
            }
            if (result.isSuccess()) {
                StoredBytesStore.Stored found = result.getResult();
                return found.bytes() == null ? null : StoredValue.ofBytes(found.bytes(), () -> (SpecificRecord) found.decode());
            }
            if (result.getFailureReason() != FailureReason.UNKNOWN_QUERY_TYPE) {
                kept.remove(copyKey, copy);
                throw new InvalidStateStoreException("the copy of " + storeName + " partition " + partition + " could not be read: "
                        + result.getFailureReason() + " " + result.getFailureMessage());
            }
            // a store of Kafka's own (the summaries, the histories): read typed from now on
            typedOnly.add(storeName);
        }
        SpecificRecord value = get(storeName, partition, stale, key);
        return value == null ? null : StoredValue.of(value);
    }

    /** The value of a key in the local copy of its partition (in any local copy when the partition is not known). */
    private SpecificRecord get(String storeName, Integer partition, boolean stale, String key) {
        if (partition == null) {
            for (StateStore copy : resolve(storeName, null, stale)) {
                SpecificRecord value = LocalCopies.<SpecificRecord>typed(copy).get(key);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }
        CopyKey copyKey = new CopyKey(storeName, partition, stale);
        StateStore copy = kept(copyKey);
        try {
            return LocalCopies.<SpecificRecord>typed(copy).get(key);
        } catch (InvalidStateStoreException e) {
            kept.remove(copyKey, copy);
            throw e;
        }
    }

    /**
     * The local copy of one partition of a store. The copy a query resolves to is kept for the next reads of that
     * partition while it stays open: resolving it (Kafka Streams walks every task of every thread) cost as much as
     * the read itself. A copy is closed when its task leaves this instance, and then resolved again; whether the
     * copy is active is decided by the caller from the current placement.
     *
     * @throws InvalidStateStoreException when there is no usable copy
     */
    private <V> ReadOnlyKeyValueStore<String, V> copyOf(String storeName, int partition, boolean stale) {
        return LocalCopies.typed(kept(new CopyKey(storeName, partition, stale)));
    }

    private StateStore kept(CopyKey copyKey) {
        StateStore copy = kept.get(copyKey);
        if (copy == null || !copy.isOpen()) {
            copy = resolve(copyKey.storeName(), copyKey.partition(), copyKey.stale()).get(0);
            kept.put(copyKey, copy);
        }
        return copy;
    }

    private record CopyKey(String storeName, int partition, boolean stale) {
    }

    /**
     * The local copies a query with these parameters reaches now (one when a partition is named), resolved at
     * once and retried a bounded number of times; never empty.
     *
     * @throws InvalidStateStoreException when there is no usable copy
     */
    private List<StateStore> resolve(String storeName, Integer partition, boolean stale) {
        StoreQueryParameters<LocalCopies.Resolver> parameters = StoreQueryParameters.fromNameAndType(storeName, LocalCopies.TYPE);
        if (partition != null) {
            parameters = parameters.withPartition(partition);
        }
        StoreQueryParameters<LocalCopies.Resolver> query = stale ? parameters.enableStaleStores() : parameters;
        List<StateStore> copies = retried(() -> streams.store(query).copies());
        if (copies.isEmpty()) {
            throw new InvalidStateStoreException("no copy of " + storeName + (partition == null ? "" : " partition " + partition) + " here");
        }
        return copies;
    }

    /** Runs a store operation, again while it throws InvalidStateStoreException, at most {@code attempts} times. */
    private <T> T retried(Supplier<T> operation) {
        InvalidStateStoreException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                return operation.get();
            } catch (StreamsNotStartedException e) {
                last = e;
                break;
            } catch (InvalidStateStoreException e) {
                last = e;
            } catch (IllegalStateException e) {
                last = new InvalidStateStoreException("Kafka Streams is not running: " + e.getMessage());
                break;
            }
        }
        throw last;
    }

    private static List<Integer> partitionsOf(Set<TopicPartition> topicPartitions, String topic) {
        return topicPartitions.stream()
                .filter(tp -> topic == null || tp.topic().equals(topic))
                .map(TopicPartition::partition)
                .toList();
    }

    private static boolean isUnavailable(HostInfo host) {
        return host == null || host.port() < 1 || "unavailable".equals(host.host());
    }

    private static Endpoint endpoint(HostInfo host) {
        return new Endpoint(host.host(), host.port());
    }
}

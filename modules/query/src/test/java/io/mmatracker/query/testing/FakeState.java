package io.mmatracker.query.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.PartitionCopies;
import io.mmatracker.query.state.Placement;
import io.mmatracker.query.state.ScanResult;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.state.StateReader;

/**
 * An in-memory {@link StateReader} for tests: one instance's view of a cluster whose layout (which
 * instance holds which partition, actively or as standby) the test sets. Every instance sees the same
 * data; what it may answer depends on the layout, and a test can close a copy to imitate a rebalance.
 */
public final class FakeState implements StateReader {

    /** Which instance holds each partition; shared by the instances of one fake cluster. */
    public static final class Layout {
        private final int partitions;
        private final Map<Integer, Endpoint> active = new ConcurrentHashMap<>();
        private final Map<Integer, List<Endpoint>> standbys = new ConcurrentHashMap<>();
        private volatile boolean isRebalancing;

        public Layout(int partitions) {
            this.partitions = partitions;
        }

        public Layout assign(int partition, Endpoint activeHost, Endpoint... standbyHosts) {
            active.put(partition, activeHost);
            standbys.put(partition, List.of(standbyHosts));
            return this;
        }

        /** While rebalancing, placement is unknown and partitions report no active host. */
        public void rebalancing(boolean value) {
            isRebalancing = value;
        }

        public int partitionOf(String key) {
            return Math.floorMod(key.hashCode(), partitions);
        }

        public int partitions() {
            return partitions;
        }
    }

    private final Endpoint self;
    private final Layout layout;
    private final Map<SnapshotStore, Map<String, SpecificRecord>> data;
    private final Set<Integer> closed = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger failingReads = new java.util.concurrent.atomic.AtomicInteger();

    public FakeState(Endpoint self, Layout layout, Map<SnapshotStore, Map<String, SpecificRecord>> sharedData) {
        this.self = self;
        this.layout = layout;
        this.data = sharedData;
    }

    /** A single instance holding every partition actively. */
    public static FakeState alone(Endpoint self) {
        Layout layout = new Layout(4);
        for (int p = 0; p < 4; p++) {
            layout.assign(p, self);
        }
        return new FakeState(self, layout, new ConcurrentHashMap<>());
    }

    public static Map<SnapshotStore, Map<String, SpecificRecord>> newData() {
        return new ConcurrentHashMap<>();
    }

    public FakeState put(SnapshotStore store, String key, SpecificRecord value) {
        data.computeIfAbsent(store, s -> new ConcurrentHashMap<>()).put(key, value);
        return this;
    }

    /** Imitates a copy that throws InvalidStateStoreException (migrating, restoring, closed). */
    public void close(int partition) {
        closed.add(partition);
    }

    /** The next {@code n} reads find no copy, as while a rebalance promotes a standby. */
    public void failNextReads(int n) {
        failingReads.set(n);
    }

    public void closeAll() {
        for (int p = 0; p < layout.partitions(); p++) {
            closed.add(p);
        }
    }

    public void reopenAll() {
        closed.clear();
    }

    public Layout layout() {
        return layout;
    }

    @Override
    public Endpoint self() {
        return self;
    }

    @Override
    public Placement locate(SnapshotStore store, String key) {
        if (layout.isRebalancing) {
            return Placement.unknown();
        }
        int p = layout.partitionOf(key);
        return new Placement(p, Optional.ofNullable(layout.active.get(p)), layout.standbys.getOrDefault(p, List.of()));
    }

    @Override
    public LocalRead read(SnapshotStore store, String key, Placement placement, boolean allowStale) {
        int p = layout.partitionOf(key);
        boolean activeHere = self.equals(layout.active.get(p));
        boolean standbyHere = layout.standbys.getOrDefault(p, List.of()).contains(self);
        if (failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new LocalRead.NoCopy("the store of partition " + p + " is migrating");
        }
        if (closed.contains(p) || !(activeHere || allowStale && standbyHere)) {
            return new LocalRead.NoCopy("no copy of partition " + p + " on " + self);
        }
        boolean stale = !activeHere || !placement.isActiveAt(self);
        if (!placement.isKnown() && !allowStale) {
            return new LocalRead.NoCopy("placement unknown");
        }
        SpecificRecord value = data.getOrDefault(store, Map.of()).get(key);
        return value == null ? new LocalRead.Miss(stale) : new LocalRead.Hit(value, stale);
    }

    @Override
    public List<PartitionCopies> partitions(SnapshotStore store) {
        List<PartitionCopies> out = new ArrayList<>();
        for (int p = 0; p < layout.partitions(); p++) {
            Optional<Endpoint> active = layout.isRebalancing ? Optional.empty() : Optional.ofNullable(layout.active.get(p));
            out.add(new PartitionCopies(p, active, layout.standbys.getOrDefault(p, List.of())));
        }
        return out;
    }

    @Override
    public ScanResult scan(SnapshotStore store, String prefix, Set<Integer> partitions, boolean allowStale,
                           BiConsumer<String, SpecificRecord> visitor) {
        Set<Integer> scanned = new java.util.HashSet<>();
        Set<Integer> missing = new java.util.HashSet<>();
        boolean stale = false;
        for (int p : partitions) {
            boolean activeHere = self.equals(layout.active.get(p));
            boolean standbyHere = layout.standbys.getOrDefault(p, List.of()).contains(self);
            if (closed.contains(p) || !(activeHere || allowStale && standbyHere)) {
                missing.add(p);
                continue;
            }
            stale |= !activeHere;
            scanned.add(p);
            new TreeMap<>(data.getOrDefault(store, Map.of())).forEach((key, value) -> {
                if (key.startsWith(prefix) && layout.partitionOf(key) == p) {
                    visitor.accept(key, value);
                }
            });
        }
        return new ScanResult(scanned, missing, stale);
    }
}

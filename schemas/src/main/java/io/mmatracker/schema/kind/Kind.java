package io.mmatracker.schema.kind;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.topic.Topics;

/**
 * Everything the tracker knows about one kind of MMA object that is not a rule of its own: where its snapshots
 * live (topic, store), how a snapshot wraps MMA's record, its status and lifecycle, and how MMA's API names it.
 * Every kind is one entry of {@link KindCatalog}; the poller, the topology and the query read them from there.
 *
 * @param <S> the snapshot record ({@code JobSnapshot})
 * @param <D> MMA's data record inside it ({@code MmsJob})
 */
public final class Kind<S extends SpecificRecord, D extends SpecificRecord> {

    private final ObjectKind kind;
    private final Class<S> snapshotType;
    private final Class<D> dataType;
    private final Function<Topics, String> topic;
    private final String storeName;
    private final BiFunction<SnapshotMeta, D, S> wrap;
    private final Function<S, D> unwrap;
    private final Function<S, SnapshotMeta> meta;
    private final Function<D, String> status;
    private final Lifecycle<D> lifecycle;
    private final String pathSegment;
    private final String sourceListOperation;
    private final boolean hasHistory;

    Kind(ObjectKind kind, Class<S> snapshotType, Class<D> dataType, Function<Topics, String> topic, String storeName,
         BiFunction<SnapshotMeta, D, S> wrap, Function<S, D> unwrap, Function<S, SnapshotMeta> meta,
         Function<D, String> status, Lifecycle<D> lifecycle, String pathSegment, String sourceListOperation,
         boolean hasHistory) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.snapshotType = Objects.requireNonNull(snapshotType, "snapshotType");
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.wrap = Objects.requireNonNull(wrap, "wrap");
        this.unwrap = Objects.requireNonNull(unwrap, "unwrap");
        this.meta = Objects.requireNonNull(meta, "meta");
        this.status = Objects.requireNonNull(status, "status");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.pathSegment = Objects.requireNonNull(pathSegment, "pathSegment");
        this.sourceListOperation = sourceListOperation;
        this.hasHistory = hasHistory;
    }

    /** The kind's name in the records ({@code StatusChange.kind}, {@code Alert.kind}). */
    public ObjectKind objectKind() {
        return kind;
    }

    /** The kind's name in store and processor names: {@code async-task}. */
    public String slug() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Class<S> snapshotType() {
        return snapshotType;
    }

    public Class<D> dataType() {
        return dataType;
    }

    /** MMA's name of the object, its data record's name ({@code MmsJob}). */
    public String mmaName() {
        return dataType.getSimpleName();
    }

    /** The compacted topic holding the latest snapshot of every object of this kind. */
    public String topic(Topics topics) {
        return topic.apply(topics);
    }

    /** The topology's store of the latest snapshot per key, which the query reads. */
    public String storeName() {
        return storeName;
    }

    /** The topology's store of each object's recent status changes and alerts; null if the kind keeps none. */
    public String historyStoreName() {
        return hasHistory ? slug() + "-history-store" : null;
    }

    /** The topology's list index of this kind (see {@code ListIndex}); null if the kind is not listed per source. */
    public String listIndexStoreName() {
        return isListed() ? slug() + "-list-index-store" : null;
    }

    public S wrap(SnapshotMeta snapshotMeta, D data) {
        return wrap.apply(snapshotMeta, data);
    }

    public D unwrap(S snapshot) {
        return unwrap.apply(snapshot);
    }

    public SnapshotMeta meta(S snapshot) {
        return meta.apply(snapshot);
    }

    /** When MMA was read for this snapshot. */
    public Instant observedAt(S snapshot) {
        return meta.apply(snapshot).getObservedAt();
    }

    /** MMA's status of the object, or null when MMA sent none. */
    public String status(D data) {
        return status.apply(data);
    }

    public Lifecycle<D> lifecycle() {
        return lifecycle;
    }

    public Phase phaseOf(D data) {
        return lifecycle.phaseOf(data);
    }

    /** The path segment of MMA's API ({@code /api/v1/mms/datasources/{sourceId}/jobs}): {@code jobs}. */
    public String pathSegment() {
        return pathSegment;
    }

    /** MMA's operation that reads one object: {@code GetMmsJob}. */
    public String getOperation() {
        return "Get" + mmaName();
    }

    /**
     * MMA's operation that lists the objects of one data source by status ({@code ListMmsJobs}), which the query
     * answers from the topology's list index; null when MMA has none.
     */
    public String sourceListOperation() {
        return sourceListOperation;
    }

    public boolean isListed() {
        return sourceListOperation != null;
    }

    /** Whether the topology keeps each object's history (every kind but the data sources). */
    public boolean hasHistory() {
        return hasHistory;
    }

    // The same, for callers that hold a record of a kind they looked up ({@link KindCatalog#ofRecord}).

    /** Wraps a data record of this kind. @throws ClassCastException for a record of another kind */
    public S wrapData(SnapshotMeta snapshotMeta, SpecificRecord data) {
        return wrap(snapshotMeta, dataType.cast(data));
    }

    /** The data record inside a snapshot of this kind. @throws ClassCastException for another kind's snapshot */
    public D unwrapSnapshot(SpecificRecord snapshot) {
        return unwrap(snapshotType.cast(snapshot));
    }

    /** When MMA was read for a snapshot of this kind. */
    public Instant observedAtOfSnapshot(SpecificRecord snapshot) {
        return observedAt(snapshotType.cast(snapshot));
    }

    /** MMA's status in a snapshot of this kind, or null. */
    public String statusOfSnapshot(SpecificRecord snapshot) {
        return status(unwrapSnapshot(snapshot));
    }

    /** MMA's status of a data record of this kind, or null. */
    public String statusOfData(SpecificRecord data) {
        return status(dataType.cast(data));
    }

    /** The phase of a data record of this kind. */
    public Phase phaseOfData(SpecificRecord data) {
        return phaseOf(dataType.cast(data));
    }

    @Override
    public String toString() {
        return kind.name();
    }
}

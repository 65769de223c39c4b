package io.mmatracker.poller;

import java.util.ArrayList;
import java.util.List;

import io.mmatracker.poller.publish.SnapshotSink;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.PollWatermark;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.ObjectRef;
import org.apache.avro.specific.SpecificRecord;

/** A sink that keeps what it was given; it can be told to lose the next record, like a failing broker. */
public final class RecordingSink implements SnapshotSink {

    /** One published record: a snapshot, or a tombstone when {@code snapshot} is null. */
    public record Published(ObjectRef ref, SpecificRecord snapshot) {
        public boolean isTombstone() {
            return snapshot == null;
        }

        public SpecificRecord data() {
            return KindCatalog.ofRecordOrThrow(snapshot).unwrapSnapshot(snapshot);
        }
    }

    private final List<Published> published = new ArrayList<>();
    private final List<PollWatermark> watermarks = new ArrayList<>();
    private int toLose;

    @Override
    public synchronized void publish(ObjectRef ref, SpecificRecord snapshot, Runnable onLost) {
        if (toLose > 0) {
            toLose--;
            onLost.run();
            return;
        }
        published.add(new Published(ref, snapshot));
    }

    @Override
    public synchronized void watermark(PollWatermark watermark) {
        watermarks.add(watermark);
    }

    @Override
    public synchronized void clearWatermark(long sourceId) {
        watermarks.removeIf(w -> w.getSourceId() == sourceId);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    public synchronized void loseNext(int records) {
        toLose = records;
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    public synchronized List<Published> published(ObjectKind kind) {
        return published.stream().filter(p -> p.ref().kind() == kind).toList();
    }

    public synchronized List<PollWatermark> watermarks() {
        return List.copyOf(watermarks);
    }

    public synchronized void clear() {
        published.clear();
        watermarks.clear();
    }
}

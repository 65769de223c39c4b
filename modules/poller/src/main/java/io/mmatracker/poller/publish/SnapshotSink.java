package io.mmatracker.poller.publish;

import io.mmatracker.schema.kind.ObjectRef;
import io.mmatracker.schema.PollWatermark;
import org.apache.avro.specific.SpecificRecord;

/** Where snapshots, tombstones and watermarks go: Kafka in production, a list in unit tests. */
public interface SnapshotSink extends AutoCloseable {

    /**
     * Sends the latest snapshot of an object, or a tombstone when {@code snapshot} is null. Never blocks on the
     * broker's answer; {@code onLost} runs (on a producer thread) if the record could not be written.
     */
    void publish(ObjectRef ref, SpecificRecord snapshot, Runnable onLost);

    /** Sends the poll watermark of a data source. */
    void watermark(PollWatermark watermark);

    /** Removes the poll watermark of a data source that no longer exists (a tombstone). */
    void clearWatermark(long sourceId);

    /** Waits until everything sent so far is acknowledged (or failed). */
    void flush();

    @Override
    void close();
}

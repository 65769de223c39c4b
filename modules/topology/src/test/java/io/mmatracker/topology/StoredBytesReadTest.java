package io.mmatracker.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.topology.state.StoredBytesStore;

/**
 * The query API reads a GET's stored bytes through the public {@code StateStore.query} of the topology's stores:
 * every snapshot store answers {@link StoredBytesStore.Get} through Kafka's layers, with the bytes the store holds
 * and the store's own decoding; a store of Kafka's own (the summaries, behind the record cache) does not, so the
 * query reads it typed.
 */
class StoredBytesReadTest {

    @TempDir
    Path stateDir;
    private TrackerDriver tracker;

    @BeforeEach
    void start() {
        tracker = new TrackerDriver(stateDir);
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void everySnapshotStoreAnswersTheStoredBytesOfAKey() {
        JobSnapshot job = Snapshots.job(7, "DOING", 1, 4, TrackerDriver.T0);
        tracker.jobs.pipeInput(TrackerDriver.key(7), job);

        StoredBytesStore.Stored stored = get(KindCatalog.JOB.storeName(), TrackerDriver.key(7)).getResult();
        assertThat(stored.bytes()).isEqualTo(new AvroSerde<>(JobSnapshot.class).serializer().serialize("any", job));
        assertThat(stored.decode()).isEqualTo(job);
        assertThat(get(KindCatalog.JOB.storeName(), TrackerDriver.key(8)).getResult().bytes()).isNull();
        for (Kind<?, ?> kind : KindCatalog.all()) {
            assertThat(get(kind.storeName(), "1/1").isSuccess()).as(kind.storeName()).isTrue();
        }
    }

    @Test
    void aStoreOfKafkasOwnDoesNotAnswerIt() {
        QueryResult<StoredBytesStore.Stored> result = get(StoreNames.SOURCE_SUMMARIES, "1");
        assertThat(result.isFailure()).isTrue();
        assertThat(result.getFailureReason()).isEqualTo(FailureReason.UNKNOWN_QUERY_TYPE);
    }

    private QueryResult<StoredBytesStore.Stored> get(String store, String key) {
        StateStore copy = tracker.store(store);
        return copy.query(new StoredBytesStore.Get(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8))), PositionBound.unbounded(),
                new QueryConfig(false));
    }
}

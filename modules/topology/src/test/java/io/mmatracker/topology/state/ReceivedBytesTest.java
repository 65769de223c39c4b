package io.mmatracker.topology.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;

import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.topology.state.ReceivedBytes.Received;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ReceivedBytesTest {

    private static final String TOPIC = "mma.jobs";

    private static JobSnapshot job(long id) {
        return new JobSnapshot(SnapshotMeta.newBuilder().setObservedAt(Instant.parse("2026-01-05T10:00:00Z"))
                .setEndpoint("mma.test").setPollerId("poller-1").build(),
                MmsJob.newBuilder().setId(id).setName("job" + id).setSourceId(7L).setStatus("DOING").build(), 0, null);
    }

    @Test
    void aSnapshotReadInTheStoresFormIsStoredInItsOwnBytes() {
        var form = new AvroSerde<>(JobSnapshot.class);
        var bytes = ReceivedBytes.of(JobSnapshot.class, form);
        byte[] input = form.serializer().serialize(TOPIC, job(1));

        Received<JobSnapshot> received = bytes.input().deserializer().deserialize(TOPIC, input);
        assertThat(received.value()).isEqualTo(job(1));
        assertThat(received.bytes()).isSameAs(input);

        bytes.writeNext(received);
        assertThat(bytes.store().serializer().serialize("store-changelog", received.value())).isSameAs(input);
        // another value, even an equal one, is encoded
        byte[] other = bytes.store().serializer().serialize("store-changelog", job(1));
        assertThat(other).isNotSameAs(input).isEqualTo(input);
        assertThat(bytes.store().deserializer().deserialize("store-changelog", input)).isEqualTo(job(1));
    }

    @Test
    void theHeaderIsTheOneTheDefaultSerdeWrites() {
        byte[] encoded = new AvroSerde<>(JobSnapshot.class).serializer().serialize(TOPIC, job(2));
        byte[] header = ReceivedBytes.singleObjectHeader(JobSnapshot.class);
        assertThat(Arrays.copyOf(encoded, header.length)).isEqualTo(header);
    }

    @Test
    void bytesInAnotherFormAreDecodedAndEncodedAgain() {
        var form = new AvroSerde<>(JobSnapshot.class);
        byte[] input = form.serializer().serialize(TOPIC, job(3));
        // another serde class: nothing is passed through
        Serde<JobSnapshot> other = new Serde<>() {
            @Override
            public org.apache.kafka.common.serialization.Serializer<JobSnapshot> serializer() {
                return form.serializer();
            }

            @Override
            public org.apache.kafka.common.serialization.Deserializer<JobSnapshot> deserializer() {
                return form.deserializer();
            }
        };
        var bytes = ReceivedBytes.of(JobSnapshot.class, other);
        Received<JobSnapshot> received = bytes.input().deserializer().deserialize(TOPIC, input);
        assertThat(received.bytes()).isNull();
        bytes.writeNext(received);
        assertThat(bytes.store().serializer().serialize("store-changelog", received.value())).isNotSameAs(input).isEqualTo(input);

    }

    @Test
    void aTombstoneStaysNull() {
        var bytes = ReceivedBytes.of(JobSnapshot.class, new AvroSerde<>(JobSnapshot.class));
        assertThat(bytes.input().deserializer().deserialize(TOPIC, null)).isNull();
    }
}

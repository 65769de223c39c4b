package io.mmatracker.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;

import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.SnapshotMeta;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * CPU time of one encode and decode of a job snapshot (the topology benchmark's), through Avro's message classes and
 * through {@link AvroSerde}, which writes the same bytes (not a test; the command is in the topology README).
 */
public final class AvroSerdeBenchmark {

    private AvroSerdeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        var snapshot = JobSnapshot.newBuilder()
                .setMeta(SnapshotMeta.newBuilder().setObservedAt(Instant.parse("2024-12-17T07:44:17.123Z"))
                        .setEndpoint("mma.example").setPollerId("p1").build())
                .setJob(MmsJob.newBuilder().setId(10L).setName("migrate_db_10").setSourceId(2000015L).setSourceName("demo")
                        .setSrcDbName("mms_test").setDstDbName("mms_target").setStatus("DOING").setType("Tables")
                        .setTaskDone(3).setTaskNum(100).setStopped(false).build())
                .build();
        var encoder = new BinaryMessageEncoder<JobSnapshot>(TrackerModel.shared(), JobSnapshot.getClassSchema());
        var decoder = new BinaryMessageDecoder<JobSnapshot>(TrackerModel.shared(), JobSnapshot.getClassSchema(), SchemaHistory.builtIn());
        var serde = new AvroSerde<>(JobSnapshot.class);
        var serializer = serde.serializer();
        var deserializer = serde.deserializer();
        var threads = ManagementFactory.getThreadMXBean();
        int n = Integer.getInteger("bench.records", 300_000);
        long checksum = 0;
        for (int round = 1; round <= 4; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                var out = new ByteArrayOutputStream(256);
                encoder.encode(snapshot, out);
                checksum += decoder.decode(out.toByteArray()).getJob().getId();
            }
            long messageClasses = threads.getCurrentThreadCpuTime() - start;
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                checksum += deserializer.deserialize("bench", serializer.serialize("bench", snapshot)).getJob().getId();
            }
            long avroSerde = threads.getCurrentThreadCpuTime() - start;
            System.out.printf("round %d: encode+decode of a JobSnapshot, Avro message classes %.2f us, AvroSerde %.2f us%n",
                    round, messageClasses / 1000.0 / n, avroSerde / 1000.0 / n);
        }
        System.out.printf("(%d records per round, checksum %d, load average %s)%n", n, checksum,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}

package io.mmatracker.query.bench;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.FakeState;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.json.MmsJson;
import io.mmatracker.schema.serde.TrackerModel;
import io.mmatracker.schema.topic.Keys;

/**
 * The load-test target of {@code bench/run-bench.sh} (not a test): one instance serving N jobs shaped like
 * MMA's GetMmsJob example, job i of source 1 + i % 100, from in-memory state. Runs until killed.
 * Arguments: port, number of jobs, cache budget in bytes.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int jobs = Integer.parseInt(args[1]);
        long cacheBytes = Long.parseLong(args[2]);
        JsonNode example;
        try (InputStream in = BenchServer.class.getResourceAsStream("/mma-examples/GetMmsJob.json")) {
            example = MmsJson.mapper().readTree(in).get("data");
        }
        MmsJob template = MmsJson.read(example, MmsJob.class);
        Endpoint self = new Endpoint("localhost", port);
        FakeState state = FakeState.alone(self);
        for (int i = 1; i <= jobs; i++) {
            MmsJob job = TrackerModel.copy(template);
            job.setId((long) i);
            job.setSourceId(1L + i % 100);
            job.setName("migrate_db_" + i);
            state.put(SnapshotStore.JOBS, Keys.object(1L + i % 100, i),
                    JobSnapshot.newBuilder().setMeta(Snapshots.meta(Instant.ofEpochMilli(1_700_000_000_000L + i))).setJob(job).build());
        }
        QueryConfig config = QueryConfig.fromMap(Map.of("query.port", Integer.toString(port), "query.cache-max-bytes", Long.toString(cacheBytes)));
        TestInstance server = new TestInstance(self, state, Writers.mma(), config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("BENCH READY " + jobs + " jobs on port " + port);
        Thread.currentThread().join();
    }
}

package io.mmatracker.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.TreeSet;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.json.MmsJson;
import io.mmatracker.schema.topic.Keys;

/**
 * MMA's five documented example responses, loaded into the state and served back: the served JSON has
 * exactly the documented field names and JSON types, at every depth, and the documented values.
 */
class MmaExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestInstance server;

    @BeforeAll
    static void start() throws IOException {
        server = TestInstance.alone(Writers.mma());
        JsonNode source = example("GetMmsDataSource").get("data");
        server.state.put(SnapshotStore.DATA_SOURCES, Keys.dataSource(source.get("id").asLong()), DataSourceSnapshot.newBuilder()
                .setMeta(Snapshots.meta(Snapshots.OBSERVED)).setDataSource(MmsJson.read(source, MmsDataSource.class)).build());
        JsonNode scan = example("GetMmsFetchMetadataJob").get("data");
        put(SnapshotStore.SCANS, scan, ScanSnapshot.newBuilder().setMeta(Snapshots.meta(Snapshots.OBSERVED))
                .setScan(MmsJson.read(scan, MmsFetchMetadataJob.class)).build());
        JsonNode job = example("GetMmsJob").get("data");
        put(SnapshotStore.JOBS, job, JobSnapshot.newBuilder().setMeta(Snapshots.meta(Snapshots.OBSERVED))
                .setJob(MmsJson.read(job, MmsJob.class)).build());
        JsonNode table = example("GetMmsTable").get("data");
        put(SnapshotStore.TABLES, table, TableSnapshot.newBuilder().setMeta(Snapshots.meta(Snapshots.OBSERVED))
                .setTable(MmsJson.read(table, MmsTable.class)).build());
        JsonNode task = example("GetMmsAsyncTask").get("data");
        put(SnapshotStore.ASYNC_TASKS, task, AsyncTaskSnapshot.newBuilder().setMeta(Snapshots.meta(Snapshots.OBSERVED))
                .setAsyncTask(MmsJson.read(task, MmsAsyncTask.class)).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "GetMmsDataSource,       /api/v1/mms/datasources/2000015?withConfig=true&lang=en_US",
            "GetMmsFetchMetadataJob, /api/v1/mms/datasources/2000015/scans/1000002",
            "GetMmsJob,              /api/v1/mms/datasources/2/jobs/10",
            "GetMmsTable,            /api/v1/mms/datasources/2000028/tables/22",
            "GetMmsAsyncTask,        /api/v1/mms/datasources/2000017/asyncTasks/2523",
    })
    void theServedJsonHasExactlyTheDocumentedFieldsTypesAndValues(String operation, String path) throws IOException {
        JsonNode documented = example(operation);

        HttpResponse<String> response = server.get(path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode served = JSON.readTree(response.body());
        assertThat(fieldNames(served)).containsExactly("data", "requestId");
        assertThat(served.get("requestId").isTextual()).isTrue();
        assertSameShape(operation + ".data", documented.get("data"), served.get("data"));
    }

    /** Same field names, same JSON types and same values at every depth (numbers compared by value). */
    private static void assertSameShape(String path, JsonNode documented, JsonNode served) {
        assertThat(served).as(path + " is missing").isNotNull();
        assertThat(served.getNodeType()).as(path + " JSON type").isEqualTo(documented.getNodeType());
        if (documented.isObject()) {
            assertThat(fieldNames(served)).as(path + " field names").isEqualTo(fieldNames(documented));
            documented.fields().forEachRemaining(f -> assertSameShape(path + "." + f.getKey(), f.getValue(), served.get(f.getKey())));
        } else if (documented.isArray()) {
            assertThat(served.size()).as(path + " length").isEqualTo(documented.size());
            for (int i = 0; i < documented.size(); i++) {
                assertSameShape(path + "[" + i + "]", documented.get(i), served.get(i));
            }
        } else if (documented.isNumber()) {
            assertThat(served.decimalValue()).as(path).isEqualByComparingTo(documented.decimalValue());
        } else {
            assertThat(served).as(path).isEqualTo(documented);
        }
    }

    private static TreeSet<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void put(SnapshotStore store, JsonNode data, SpecificRecord snapshot) {
        server.state.put(store, Keys.object(data.get("sourceId").asLong(), data.get("id").asLong()), snapshot);
    }

    private static JsonNode example(String operation) throws IOException {
        try (InputStream in = MmaExamplesTest.class.getResourceAsStream("/mma-examples/" + operation + ".json")) {
            assertThat(in).as("example " + operation + " on the classpath").isNotNull();
            return JSON.readTree(in);
        }
    }

}

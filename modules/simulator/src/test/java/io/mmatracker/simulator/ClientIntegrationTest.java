package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmatracker.client.CreateMmsJobRequest;
import io.mmatracker.client.DataSourceFilter;
import io.mmatracker.client.JobFilter;
import io.mmatracker.client.MmaClient;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.client.MmaException;
import io.mmatracker.client.Page;
import io.mmatracker.client.TableFilter;
import io.mmatracker.client.TaskFilter;
import io.mmatracker.schema.ConfigItem;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.json.Redaction;
import io.mmatracker.testkit.MutableClock;
import io.mmatracker.simulator.fault.FaultConfig;
import io.mmatracker.simulator.stats.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real MMA client against the simulator: every operation, paging, and every error kind. */
class ClientIntegrationTest {

    private static final String HIVE = "2000001";

    private MutableClock clock;
    private Simulator sim;
    private MmaClient client;

    @BeforeEach
    void start() {
        clock = MutableClock.startingAt("2025-03-01T08:00:00Z");
        sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withFleet(3, 3, 40).withFailureRate(0.3), clock);
        clock.advance(Duration.ofMinutes(3));
        client = new MmaClient(MmaClientConfig.forEndpoint(sim.baseUrl()).withDefaultPageSize(7)
            .withRequestTimeout(Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void dataSourcesAndTheirScans() {
        List<MmsDataSource> sources = client.listMmsDataSources(DataSourceFilter.all()).toList();
        assertThat(sources).extracting(MmsDataSource::getType).containsExactly("HIVE", "BIGQUERY", "MAXCOMPUTE");
        assertThat(client.listMmsDataSources(DataSourceFilter.all().withType("BIGQUERY")).toList()).hasSize(1);
        Page<MmsDataSource> second = client.listMmsDataSourcesPage(DataSourceFilter.all(), 2, 1);
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.items()).extracting(MmsDataSource::getId).containsExactly(2000002L);

        MmsDataSource hive = client.getMmsDataSource(HIVE, true, "en_US");
        assertThat(hive.getTableNum()).isEqualTo(40);
        assertThat(hive.getConfig()).isNotEmpty();
        Set<String> secrets = hive.getConfig().stream().filter(c -> Redaction.isSecretConfigType(c.getType()))
            .map(ConfigItem::getValue).collect(Collectors.toSet());
        assertThat(secrets).isNotEmpty().allMatch(v -> v.contains("sim-secret-"));
        assertThat(Redaction.redact(hive).getConfig()).extracting(ConfigItem::getValue)
            .noneMatch(v -> v != null && v.contains("sim-secret-"));

        MmsFetchMetadataJob first = client.getMmsFetchMetadataJob(HIVE, Long.toString(hive.getScanId()));
        assertThat(first.getStatus()).isIn("SCAN_DONE", "SCAN_FAILED");
        long scanId = client.createMmsFetchMetadataJob(HIVE, null, List.of());
        MmsFetchMetadataJob scan = client.getMmsFetchMetadataJob(HIVE, Long.toString(scanId));
        assertThat(scan.getStatus()).isEqualTo("SCAN_DOING");
        assertThat(scan.getProgress()).isZero();
        MmsAsyncTask asAsync = client.getMmsAsyncTask(HIVE, Long.toString(scanId));
        assertThat(asAsync.getRunning()).isTrue();
        String db = client.listMmsTablesPage(HIVE, TableFilter.all(), 1, 1).items().get(0).getDbName();
        assertThat(client.createMmsFetchMetadataJob(HIVE, db, List.of())).isGreaterThan(scanId);
    }

    @Test
    void jobsTheirLifecycleAndAsyncTasks() {
        List<MmsJob> jobs = client.listMmsJobs(HIVE, JobFilter.all()).toList();
        assertThat(jobs).hasSize(3);
        Page<MmsJob> page = client.listMmsJobsPage(HIVE, JobFilter.all(), 2, 2);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).hasSize(1);
        MmsJob first = client.getMmsJob(HIVE, Long.toString(jobs.get(0).getId()));
        assertThat(first.getName()).isEqualTo(jobs.get(0).getName());
        assertThat(first.getConfig().getTaskType()).isEqualTo("HIVE");

        MmsTable table = client.listMmsTablesPage(HIVE, TableFilter.all(), 1, 1).items().get(0);
        long asyncId = client.createMmsJob(HIVE, CreateMmsJobRequest
            .builder("client_job", table.getDbName(), "mms_target_1").tables(List.of(table.getName()))
            .enableVerification(false).build());
        MmsAsyncTask create = client.getMmsAsyncTask(HIVE, Long.toString(asyncId));
        assertThat(create.getType()).isEqualTo("TASK_CREATE");
        String jobId = Long.toString(create.getObjectId());
        MmsJob created = client.getMmsJob(HIVE, jobId);
        assertThat(created.getName()).isEqualTo("client_job");
        assertThat(created.getType()).isEqualTo("Tables");
        assertThat(created.getConfig().getTables()).containsExactly(table.getName());
        assertThat(created.getConfig().getEnableVerification()).isFalse();

        assertThat(client.stopMmsJob(HIVE, jobId)).isEqualTo(created.getId());
        assertThat(client.listMmsJobs(HIVE, JobFilter.all().withStopped(true)).toList())
            .extracting(MmsJob::getId).containsExactly(created.getId());
        assertThat(client.startMmsJob(HIVE, jobId)).isEqualTo(created.getId());
        clock.advance(Duration.ofMinutes(10));
        assertThat(client.retryMmsJob(HIVE, jobId)).isEqualTo(created.getId());
        MmsJob done = client.getMmsJob(HIVE, jobId);
        assertThat(done.getStatus()).isIn("DONE", "FAILED");
        assertThat(client.getMmsAsyncTask(HIVE, Long.toString(asyncId)).getStatus()).isEqualTo("DONE");
    }

    @Test
    void tablesAndTasksPageByPage() {
        sim.resetStats();
        List<MmsTable> tables = client.listMmsTables(HIVE, TableFilter.all()).toList();
        assertThat(tables).hasSize(40);
        assertThat(tables.stream().map(MmsTable::getId).distinct()).hasSize(40);
        assertThat(sim.stats().count("ListMmsTables", Outcome.OK)).isEqualTo(6);

        Set<String> statuses = tables.stream().map(MmsTable::getStatus).collect(Collectors.toSet());
        for (String status : statuses) {
            assertThat(client.listMmsTables(HIVE, TableFilter.all().withStatuses(status)).toList())
                .hasSize((int) tables.stream().filter(t -> t.getStatus().equals(status)).count());
        }
        List<String> two = List.copyOf(statuses).subList(0, Math.min(2, statuses.size()));
        assertThat(client.listMmsTables(HIVE, TableFilter.all().withStatuses(two)).count())
            .isEqualTo(tables.stream().filter(t -> two.contains(t.getStatus())).count());
        Page<MmsTable> third = client.listMmsTablesPage(HIVE, TableFilter.all(), 3, 10);
        assertThat(third.pageNum()).isEqualTo(3);
        assertThat(third.items()).extracting(MmsTable::getId).isEqualTo(tables.subList(20, 30).stream()
            .map(MmsTable::getId).toList());
        MmsTable one = client.getMmsTable(HIVE, Long.toString(tables.get(5).getId()));
        assertThat(one.getName()).isEqualTo(tables.get(5).getName());
        assertThat(one.getSchema$().getColumns()).isNotEmpty();

        MmsJob job = client.listMmsJobs(HIVE, JobFilter.all()).findFirst().orElseThrow();
        List<MmsTask> tasks = client.listMmsTasks(HIVE, TaskFilter.ofJob(job.getId())).toList();
        assertThat(tasks).hasSize(job.getTaskNum()).allSatisfy(t -> assertThat(t.getJobId()).isEqualTo(job.getId()));
        assertThat(client.listMmsTasksPage(HIVE, TaskFilter.all(), 1, 5).total()).isEqualTo(40);
        MmsTask task = client.getMmsTask(HIVE, Long.toString(tasks.get(0).getId()));
        assertThat(task.getSrcTableName()).isEqualTo(tasks.get(0).getSrcTableName());
        assertThat(task.getStatus()).isNotBlank();
    }

    @Test
    void tasksByJobAndStatusAndTheLogsOfAFailedTask() {
        clock.advance(Duration.ofHours(2));
        MmsJob job = client.listMmsJobs(HIVE, JobFilter.all()).findFirst().orElseThrow();
        long taskId = client.listMmsTasks(HIVE, TaskFilter.ofJob(job.getId())).findFirst().orElseThrow().getId();
        new TestHttp(sim.baseUrl()).post("/_sim/datasources/" + HIVE + "/tasks/" + taskId,
            "{\"status\":\"DATA_FAILED\",\"msg\":\"java.io.IOException: block missing\"}");

        Page<MmsTask> failed = client.listMmsTasksPage(HIVE, TaskFilter.ofJob(job.getId()).withStatus("DATA_FAILED"),
            1, 50);
        assertThat(failed.items()).extracting(MmsTask::getId).contains(taskId);
        assertThat(failed.items()).allSatisfy(t -> {
            assertThat(t.getStatus()).isEqualTo("DATA_FAILED");
            assertThat(t.getJobId()).isEqualTo(job.getId());
        });
        assertThat(failed.total()).isEqualTo(failed.items().size());
        List<MmsTask> paged = client.listMmsTasks(HIVE, TaskFilter.ofJob(job.getId())).toList();
        assertThat(paged).extracting(MmsTask::getId).doesNotHaveDuplicates().hasSize(job.getTaskNum());

        MmsTask task = client.getMmsTask(HIVE, Long.toString(taskId));
        assertThat(task.getStatus()).isEqualTo("DATA_FAILED");
        assertThat(task.getRunning()).isFalse();
        assertThat(task.getSrcTableName()).isNotBlank();

        List<MmsTaskLog> logs = client.listMmsTaskLogs(HIVE, Long.toString(taskId));
        assertThat(logs).isNotEmpty().allSatisfy(step -> {
            assertThat(step.getTaskId()).isEqualTo(taskId);
            assertThat(step.getSourceId()).isEqualTo(Long.parseLong(HIVE));
            assertThat(step.getCreateTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        });
        MmsTaskLog last = logs.get(logs.size() - 1);
        assertThat(last.getStatus()).isEqualTo("DATA_FAILED");
        assertThat(last.getMsg()).isEqualTo("java.io.IOException: block missing");
        assertThat(last.getAction()).isNotBlank();
        assertThatThrownBy(() -> client.listMmsTaskLogs(HIVE, "1")).isInstanceOf(MmaException.NotFound.class);
    }

    @Test
    void unknownObjectsAreNotFoundAndBadIdsInvalidParameter() {
        assertThatThrownBy(() -> client.getMmsJob(HIVE, "1")).isInstanceOfSatisfying(MmaException.NotFound.class,
            e -> {
                assertThat(e.httpStatus()).isEqualTo(404);
                assertThat(e.code()).contains("NotFound.Job");
                assertThat(e.requestId()).isPresent();
                assertThat(e.retryable()).isFalse();
            });
        assertThatThrownBy(() -> client.getMmsDataSource("2009999", false, null))
            .isInstanceOf(MmaException.NotFound.class);
        assertThatThrownBy(() -> client.getMmsTable(HIVE, "1")).isInstanceOf(MmaException.NotFound.class);
        assertThatThrownBy(() -> client.getMmsTask(HIVE, "1")).isInstanceOf(MmaException.NotFound.class);
        assertThatThrownBy(() -> client.getMmsAsyncTask(HIVE, "1")).isInstanceOf(MmaException.NotFound.class);
        assertThatThrownBy(() -> client.getMmsFetchMetadataJob(HIVE, "1")).isInstanceOf(MmaException.NotFound.class);
        assertThatThrownBy(() -> client.getMmsJob(HIVE, "abc"))
            .isInstanceOfSatisfying(MmaException.InvalidParameter.class,
                e -> assertThat(e.code()).contains("InvalidParameter"));
        assertThatThrownBy(() -> client.getMmsJob(HIVE, "-7")).isInstanceOf(MmaException.InvalidParameter.class);
        assertThatThrownBy(() -> client.createMmsJob(HIVE, CreateMmsJobRequest.builder("x", "no_db", "t").build()))
            .isInstanceOf(MmaException.InvalidParameter.class);
    }

    @Test
    void injectedFaultsArriveAsTheirErrorKinds() {
        sim.faults().set(FaultConfig.NONE.withThrottling(1.0, 400));
        assertThatThrownBy(() -> client.getMmsDataSource(HIVE, false, null))
            .isInstanceOfSatisfying(MmaException.Throttled.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.code()).contains("Throttling.User");
                assertThat(e.retryable()).isTrue();
            });
        sim.faults().set(FaultConfig.NONE.withThrottling(1.0, 429));
        assertThatThrownBy(() -> client.listMmsJobsPage(HIVE, JobFilter.all(), 1, 5))
            .isInstanceOfSatisfying(MmaException.Throttled.class, e -> assertThat(e.httpStatus()).isEqualTo(429));

        sim.faults().set(FaultConfig.NONE.withServerErrors(1.0, 500));
        assertThatThrownBy(() -> client.getMmsJob(HIVE, "10001"))
            .isInstanceOfSatisfying(MmaException.ServerError.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.code()).contains("InternalError");
                assertThat(e.retryable()).isTrue();
            });
        sim.faults().set(FaultConfig.NONE.withServerErrors(1.0, 503));
        assertThatThrownBy(() -> client.getMmsJob(HIVE, "10001"))
            .isInstanceOfSatisfying(MmaException.ServerError.class, e -> assertThat(e.httpStatus()).isEqualTo(503));

        sim.faults().set(FaultConfig.NONE.withMalformedRate(1.0));
        assertThatThrownBy(() -> client.getMmsJob(HIVE, "10001")).isInstanceOf(MmaException.Malformed.class);

        sim.faults().set(FaultConfig.NONE.withResetRate(1.0));
        assertThatThrownBy(() -> client.stopMmsJob(HIVE, "10001"))
            .isInstanceOfSatisfying(MmaException.Transport.class, e -> assertThat(e.retryable()).isTrue());

        sim.faults().set(FaultConfig.NONE.withThrottling(1.0, 429).onlyFor(Set.of("ListMmsTables")));
        assertThat(client.getMmsJob(HIVE, "10001").getId()).isEqualTo(10001L);
        assertThatThrownBy(() -> client.listMmsTables(HIVE, TableFilter.all()).toList())
            .isInstanceOf(MmaException.Throttled.class);

        sim.faults().clear();
        assertThat(client.getMmsJob(HIVE, "10001").getId()).isEqualTo(10001L);
        assertThat(sim.stats().total(Outcome.THROTTLED)).isEqualTo(3);
        assertThat(sim.stats().count("StopMmsJob", Outcome.RESET)).isEqualTo(1);
    }

    @Test
    void unknownFieldsAreKeptAndWrongTypesAreMalformed() {
        new TestHttp(sim.baseUrl()).post("/_sim/datasources/" + HIVE + "/jobs/10001",
            "{\"extraFields\":{\"newField\":\"from a later MMA\"}}");
        MmsJob job = client.getMmsJob(HIVE, "10001");
        assertThat(job.getUnmappedFields()).containsKey("newField");

        new TestHttp(sim.baseUrl()).post("/_sim/datasources/" + HIVE + "/jobs/10001", "{\"taskNum\":\"many\"}");
        assertThatThrownBy(() -> client.getMmsJob(HIVE, "10001")).isInstanceOf(MmaException.Malformed.class);
    }
}

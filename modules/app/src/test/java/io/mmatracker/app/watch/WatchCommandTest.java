package io.mmatracker.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mmatracker.app.Main;
import io.mmatracker.app.cli.TestCli;

class WatchCommandTest {

    private static final String SOURCE = "/api/v1/mms/datasources/2";
    private static final Map<String, String> ANSWERS = Map.of(
            SOURCE, "{\"requestId\":\"A\",\"data\":{\"id\":2,\"name\":\"demo\",\"type\":\"HIVE\",\"status\":\"DONE\"}}",
            SOURCE + "/summary", "{\"requestId\":\"B\",\"data\":{\"sourceId\":2,\"jobsByStatus\":{\"DOING\":1,\"DONE\":1},"
                    + "\"tablesByStatus\":{\"DONE\":30,\"INIT\":10},\"partitionsTotal\":0,\"openAlerts\":0}}",
            SOURCE + "/jobs?pageSize=100", "{\"requestId\":\"C\",\"data\":{\"total\":2,\"pageNum\":1,\"pageSize\":100,\"objectList\":["
                    + "{\"id\":10,\"name\":\"migrate_db_1\",\"status\":\"DONE\",\"taskNum\":20,\"taskDone\":20},"
                    + "{\"id\":11,\"name\":\"migrate_db_2\",\"status\":\"DOING\",\"taskNum\":20,\"taskDone\":5}]}}",
            SOURCE + "/jobs/11", "{\"requestId\":\"D\",\"data\":{\"id\":11,\"name\":\"migrate_db_2\",\"status\":\"DOING\","
                    + "\"taskNum\":20,\"taskDone\":5}}");
    private static final List<String> EVENTS = List.of(
            ": keep-alive\n\n",
            "event: status-change\nid: mma.status-changes/0/7\ndata: {\"kind\":\"JOB\",\"key\":\"2/11\",\"sourceId\":2,"
                    + "\"objectId\":11,\"name\":\"migrate_db_2\",\"changeType\":\"STATUS\",\"fromStatus\":\"DOING\","
                    + "\"toStatus\":\"FAILED\",\"toProgress\":{\"taskDone\":6,\"taskNum\":20},\"observedAt\":\"2024-05-01T10:00:00Z\"}\n\n",
            "event: alert\nid: mma.alerts/0/3\ndata: {\"alertId\":\"x\",\"kind\":\"JOB\",\"key\":\"2/11\",\"sourceId\":2,"
                    + "\"objectId\":11,\"name\":\"migrate_db_2\",\"type\":\"JOB_FAILED\",\"state\":\"FIRING\","
                    + "\"status\":\"FAILED\",\"errorMessage\":\"table t1: quota exceeded\",\"observedAt\":\"2024-05-01T10:00:01Z\"}\n\n");

    private FakeTrackerApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void onceShowsTheSourceSummaryAndAProgressBarPerJob() throws Exception {
        api = new FakeTrackerApi(ANSWERS, List.of());

        TestCli.Result result = TestCli.execute("watch", "--source", "2", "--url", api.url(), "--once");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.OK);
        assertThat(result.out())
                .contains("source 2 · demo · HIVE · DONE")
                .contains("jobs        [############------------]  50%  1 of 2 done (1 DOING, 1 DONE)")
                .contains("tables      [##################------]  75%  30 of 40 done")
                .containsPattern("10\\s+migrate_db_1\\s+DONE\\s+\\[#{24}\\] 100%  20/20")
                .containsPattern("11\\s+migrate_db_2\\s+DOING\\s+\\[#{6}-{18}\\]  25%  5/20")
                .doesNotContain("\u001b[");
    }

    @Test
    void followingPrintsEachChangeAndAlertAsItArrivesAndStopsOnTheSignal() throws Exception {
        api = new FakeTrackerApi(ANSWERS, EVENTS);
        TestCli cli = new TestCli();

        CompletableFuture<TestCli.Result> running = CompletableFuture.supplyAsync(
                () -> cli.run("watch", "--job", "2/11", "--url", api.url()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cli.out())
                .contains("JOB 2/11 migrate_db_2  DOING -> FAILED  6/20")
                .contains("ALERT JOB_FAILED  2/11 migrate_db_2 (FAILED): table t1: quota exceeded"));
        cli.stop().request();
        TestCli.Result result = running.get(10, TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(Main.OK);
        assertThat(result.out()).contains("job 2/11 · migrate_db_2 · DOING", "tasks       [");
        assertThat(api.eventQueries).first().isEqualTo("source=2&job=11");
    }

    @Test
    void onATerminalFailuresAreRedAndFinishedWorkGreen() {
        WatchModel model = new WatchModel(new WatchTarget.Source(2));
        model.job(TrackerApi.parse("{\"id\":10,\"name\":\"a\",\"status\":\"DONE\",\"taskNum\":2,\"taskDone\":2}"));
        model.job(TrackerApi.parse("{\"id\":11,\"name\":\"b\",\"status\":\"FAILED\",\"taskNum\":2,\"taskDone\":1}"));

        List<String> lines = new WatchView(true, java.time.ZoneOffset.UTC).render(model, "http://x");

        assertThat(String.join("\n", lines))
                .contains("\u001b[32mDONE     \u001b[0m")
                .contains("\u001b[1m\u001b[31mFAILED   \u001b[0m");
    }

    @Test
    void aFailedJobShowsItsFailedTablesUnderItsLine() {
        WatchModel model = new WatchModel(new WatchTarget.Source(2));
        model.job(TrackerApi.parse("{\"id\":11,\"name\":\"b\",\"status\":\"FAILED\",\"taskNum\":9,\"taskDone\":1}"));
        model.alert(TrackerApi.parse("{\"kind\":\"TASK\",\"key\":\"2/501\",\"objectId\":501,\"name\":\"db.t1\","
                + "\"type\":\"TASK_FAILED\",\"state\":\"FIRING\",\"status\":\"DATA_FAILED\",\"errorMessage\":\"quota exceeded\","
                + "\"context\":{\"jobId\":\"11\"},\"observedAt\":\"2024-05-01T10:00:00Z\"}"));
        model.alert(TrackerApi.parse("{\"kind\":\"JOB\",\"key\":\"2/11\",\"objectId\":11,\"name\":\"b\",\"type\":\"JOB_FAILED\","
                + "\"state\":\"FIRING\",\"status\":\"FAILED\",\"failedTaskCount\":2,\"failedTasks\":["
                + "{\"taskId\":501,\"tableName\":\"db.t1\",\"status\":\"DATA_FAILED\",\"message\":\"quota exceeded\"},"
                + "{\"taskId\":502,\"tableName\":\"db.t2\",\"status\":\"SCHEMA_FAILED\"}],\"observedAt\":\"2024-05-01T10:00:01Z\"}"));

        String screen = String.join("\n", new WatchView(false, java.time.ZoneOffset.UTC).render(model, "http://x"));

        assertThat(screen).contains("x db.t1 DATA_FAILED: quota exceeded").contains("x db.t2 SCHEMA_FAILED");
        assertThat(screen.indexOf("x db.t1")).isGreaterThan(screen.indexOf("FAILED"));

        model.alert(TrackerApi.parse("{\"kind\":\"JOB\",\"key\":\"2/11\",\"objectId\":11,\"type\":\"JOB_FAILED\","
                + "\"state\":\"RESOLVED\",\"status\":\"DOING\",\"observedAt\":\"2024-05-01T10:01:00Z\"}"));
        assertThat(model.failedTables(11)).isEmpty();
    }

    @Test
    void onceShowsTheFailedTablesUnderAFailedJobWithTheirAlertMessage() throws Exception {
        Map<String, String> answers = new java.util.HashMap<>(ANSWERS);
        answers.put(SOURCE + "/jobs?pageSize=100", "{\"requestId\":\"C\",\"data\":{\"total\":1,\"pageNum\":1,\"pageSize\":100,"
                + "\"objectList\":[{\"id\":11,\"name\":\"migrate_db_2\",\"status\":\"FAILED\",\"taskNum\":20,\"taskDone\":5}]}}");
        answers.put(SOURCE + "/tasks?jobId=11&status=SCHEMA_FAILED,DATA_FAILED,VERIFICATION_FAILED&pageSize=100",
                "{\"requestId\":\"E\",\"data\":{\"total\":2,\"pageNum\":1,\"pageSize\":100,\"objectList\":["
                + "{\"id\":501,\"jobId\":11,\"srcDbName\":\"db\",\"srcTableName\":\"t1\",\"status\":\"DATA_FAILED\"},"
                + "{\"id\":502,\"jobId\":11,\"srcDbName\":\"db\",\"srcTableName\":\"t2\",\"status\":\"SCHEMA_FAILED\"}]}}");
        answers.put(SOURCE + "/tasks/501/history", "{\"requestId\":\"F\",\"data\":{\"total\":2,\"entries\":["
                + "{\"event\":\"alert\",\"type\":\"TASK_FAILED\",\"state\":\"FIRING\",\"errorMessage\":\"quota exceeded\"},"
                + "{\"event\":\"status-change\",\"toStatus\":\"DATA_FAILED\"}]}}");
        api = new FakeTrackerApi(answers, List.of());

        TestCli.Result result = TestCli.execute("watch", "--source", "2", "--url", api.url(), "--once");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.OK);
        assertThat(result.out()).contains("db.t1 DATA_FAILED: quota exceeded").contains("db.t2 SCHEMA_FAILED");
        assertThat(result.out().indexOf("db.t1")).isGreaterThan(result.out().indexOf("migrate_db_2"));
    }

    @Test
    void anUnknownSourceIsAFailureWithOnce() throws Exception {
        api = new FakeTrackerApi(Map.of(), List.of());

        TestCli.Result result = TestCli.execute("watch", "--source", "9", "--url", api.url(), "--once");

        assertThat(result.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(result.err()).contains("does not know source 9");
    }

    @Test
    void anUnreachableTrackerIsARuntimeFailureNamingTheUrl() {
        TestCli.Result result = TestCli.execute("watch", "--source", "2", "--url", "http://127.0.0.1:1", "--once");

        assertThat(result.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(result.err()).contains("cannot reach the tracker at http://127.0.0.1:1");
    }

    @Test
    void sourceAndJobCannotBothBeGivenAndAJobNeedsItsSource() {
        assertThat(TestCli.execute("watch", "--source", "2", "--job", "2/1").exitCode()).isEqualTo(Main.USAGE);
        TestCli.Result bad = TestCli.execute("watch", "--job", "11");
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("is not SOURCE/JOB");
    }
}

package io.mmatracker.query.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.mmatracker.query.QueryConfig;
import io.mmatracker.query.testing.HttpTestClient;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.serde.AvroSerde;
import io.mmatracker.schema.topic.Keys;

/**
 * The list benchmark of {@code bench/run-list-bench.sh} (not a test): N objects of each kind asked for through the
 * embedded broker and the tracker topology, then list pages of several shapes asked one after another, each shape
 * {@code requests} times with a random page in its range; prints p50, p99, max and the process CPU per request of
 * each shape. Statuses: 6 in 10 done, 2 doing, 1 failed, 1 init (tasks: DONE, DATA_DOING, DATA_FAILED, INIT).
 *
 * <p>The kinds (fourth argument, a comma list; default all):
 * <ul>
 * <li>{@code tables}: ListMmsTables of source 1's N tables;</li>
 * <li>{@code jobs}: ListMmsJobs of source 1's N jobs;</li>
 * <li>{@code tasks}: ListMmsTasks of source 3's N tasks, all of job 1, and of source 4's N tasks over N / 1000 jobs
 *     of 1,000 tasks each; with {@code jobId} (the per-job task index), {@code status} (the list index) and
 *     {@code srcTableName} (no index: every task of the range is read and tested, so fewer requests);</li>
 * <li>{@code dashboard}: what the dashboard's fleet and source views ask of source 1 (its N tables and N jobs).</li>
 * </ul>
 * Arguments: port, objects, requests[, kinds[, instances]]. With {@code instances} above 1 (default 1) that many tracker
 * instances of one application run in this JVM on ports {@code port}, {@code port + 1}, ...; the partitions spread over
 * them, and the requests go to the first, which gathers every list from all of them over HTTP (measured once every
 * instance serves a share).
 */
public final class ListBench {

    private static final String ALL_KINDS = "tables,jobs,tasks,dashboard";
    /** Tasks per job of source {@link #TASKS_OVER_JOBS}. */
    private static final int TASKS_PER_JOB = 1000;
    private static final long TABLES_AND_JOBS = 1;
    private static final long TASKS_OF_ONE_JOB = 3;
    private static final long TASKS_OVER_JOBS = 4;

    private ListBench() {
    }

    /**
     * One shape of request: its path and query without paging, the page size, and either the number of matches
     * (a random page of them each time) or, negated, the one page asked; {@code requests} caps the repetitions
     * (0: the benchmark's count).
     */
    private record Shape(String name, String path, int pageSize, long matches, int requests) {
        Shape(String name, String path, int pageSize, long matches) {
            this(name, path, pageSize, matches, 0);
        }
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int objects = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        Set<String> kinds = new LinkedHashSet<>(Arrays.asList((args.length > 3 && !args[3].isBlank() ? args[3] : ALL_KINDS).split(",")));
        if (!Set.of(ALL_KINDS.split(",")).containsAll(kinds)) {
            throw new IllegalArgumentException("kinds are a comma list of " + ALL_KINDS + ", got " + kinds);
        }
        boolean tables = kinds.contains("tables") || kinds.contains("dashboard");
        boolean jobs = kinds.contains("jobs") || kinds.contains("dashboard");
        boolean tasks = kinds.contains("tasks");
        int instances = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        List<QueryConfig> configs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            configs.add(QueryConfig.fromMap(Map.of("query.port", Integer.toString(port + i), "query.advertised", "localhost:" + (port + i))));
        }
        QueryConfig config = configs.get(0);
        var sourceSerializer = new AvroSerde<>(DataSourceSnapshot.class).serializer();
        var tableSerializer = new AvroSerde<>(TableSnapshot.class).serializer();
        var jobSerializer = new AvroSerde<>(JobSnapshot.class).serializer();
        var taskSerializer = new AvroSerde<>(TaskSnapshot.class).serializer();
        long started = System.nanoTime();
        BenchServer.startOverKafka(configs, (producer, topics) -> {
            for (long source : List.of(TABLES_AND_JOBS, TASKS_OF_ONE_JOB, TASKS_OVER_JOBS)) {
                producer.send(new ProducerRecord<>(topics.dataSources(), Keys.dataSource(source),
                        sourceSerializer.serialize(topics.dataSources(), Snapshots.dataSource(source))));
            }
            for (int id = 1; id <= objects; id++) {
                if (tables) {
                    producer.send(new ProducerRecord<>(topics.tables(), Keys.object(TABLES_AND_JOBS, id),
                            tableSerializer.serialize(topics.tables(), Snapshots.table(TABLES_AND_JOBS, id, status(id)))));
                }
                if (jobs) {
                    producer.send(new ProducerRecord<>(topics.jobs(), Keys.object(TABLES_AND_JOBS, id),
                            jobSerializer.serialize(topics.jobs(), Snapshots.job(TABLES_AND_JOBS, id, status(id)))));
                }
                if (tasks) {
                    producer.send(new ProducerRecord<>(topics.tasks(), Keys.object(TASKS_OF_ONE_JOB, id), taskSerializer.serialize(topics.tasks(),
                            Snapshots.task(TASKS_OF_ONE_JOB, id, 1, taskStatus(id), null))));
                    producer.send(new ProducerRecord<>(topics.tasks(), Keys.object(TASKS_OVER_JOBS, id), taskSerializer.serialize(topics.tasks(),
                            Snapshots.task(TASKS_OVER_JOBS, id, jobOf(id), taskStatus(id), null))));
                }
            }
        });
        HttpTestClient client = new HttpTestClient(config.advertised());
        List<String> lists = new ArrayList<>();
        if (tables) {
            lists.add(list(TABLES_AND_JOBS, "tables"));
        }
        if (jobs) {
            lists.add(list(TABLES_AND_JOBS, "jobs"));
        }
        if (tasks) {
            lists.add(list(TASKS_OF_ONE_JOB, "tasks"));
            lists.add(list(TASKS_OVER_JOBS, "tasks"));
        }
        for (String list : lists) {
            while (total(client, list + "?pageSize=1") != objects || servedBy(client, list + "?pageSize=1") < instances) {
                BenchServer.sleep();
            }
        }
        System.out.printf("%d objects each of %s listed after %.1f s, by %d instance(s)%n", objects, lists,
                (System.nanoTime() - started) / 1e9, instances);
        List<Shape> shapes = new ArrayList<>();
        long doing = count(objects, 6) + count(objects, 7);
        long failed = count(objects, 8);
        if (kinds.contains("tables")) {
            String t = list(TABLES_AND_JOBS, "tables") + "?";
            shapes.add(new Shape("tables: first page of size 100", t, 100, -1));
            shapes.add(new Shape("tables: page 900 of size 100 (issue figure)", t, 100, -900));
            shapes.add(new Shape("tables: status=DOING, page 50 of size 100 (issue figure)", t + "status=DOING", 100, -50));
            shapes.add(new Shape("tables: random page, size 100", t, 100, objects));
            shapes.add(new Shape("tables: random page, size 10", t, 10, objects));
            shapes.add(new Shape("tables: status=DOING, random page, size 100", t + "status=DOING", 100, doing));
            shapes.add(new Shape("tables: status=[DONE,FAILED], random page, size 100", t + "status=%5B%22DONE%22%2C%22FAILED%22%5D", 100,
                    objects - doing - count(objects, 9)));
            shapes.add(new Shape("tables: random page, size 1000", t, 1000, objects));
        }
        if (kinds.contains("jobs")) {
            String j = list(TABLES_AND_JOBS, "jobs") + "?";
            shapes.add(new Shape("jobs: first page of size 100", j, 100, -1));
            shapes.add(new Shape("jobs: page 900 of size 100", j, 100, -900));
            shapes.add(new Shape("jobs: status=DOING, page 150 of size 100", j + "status=DOING", 100, -150));
            shapes.add(new Shape("jobs: status=DOING, random page, size 100", j + "status=DOING", 100, doing));
            shapes.add(new Shape("jobs: random page, size 1000", j, 1000, objects));
        }
        if (kinds.contains("tasks")) {
            String one = list(TASKS_OF_ONE_JOB, "tasks") + "?";
            String over = list(TASKS_OVER_JOBS, "tasks") + "?";
            int jobs4 = Math.max(1, objects / TASKS_PER_JOB);
            long job = jobs4 / 2 + 1;
            long inJob = Math.min(TASKS_PER_JOB, objects - (job - 1) * TASKS_PER_JOB);
            shapes.add(new Shape("tasks, one job: first page of size 100", one, 100, -1));
            shapes.add(new Shape("tasks, one job: page 900 of size 100", one, 100, -900));
            shapes.add(new Shape("tasks, one job: status=DATA_DOING, page 150 of size 100", one + "status=DATA_DOING", 100, -150));
            shapes.add(new Shape("tasks, one job: random page, size 1000", one, 1000, objects));
            shapes.add(new Shape("tasks, one job: jobId=1, first page of size 100", one + "jobId=1", 100, -1));
            shapes.add(new Shape("tasks, one job: jobId=1, page 900 of size 100", one + "jobId=1", 100, -900));
            shapes.add(new Shape("tasks, one job: jobId=1&status=DATA_DOING, page 150", one + "jobId=1&status=DATA_DOING", 100, -150));
            shapes.add(new Shape("tasks, one job: jobId=1, random page, size 1000", one + "jobId=1", 1000, objects));
            shapes.add(new Shape("tasks, " + jobs4 + " jobs: first page of size 100", over, 100, -1));
            shapes.add(new Shape("tasks, " + jobs4 + " jobs: page 900 of size 100", over, 100, -900));
            shapes.add(new Shape("tasks, " + jobs4 + " jobs: status=DATA_DOING, page 150", over + "status=DATA_DOING", 100, -150));
            shapes.add(new Shape("tasks, " + jobs4 + " jobs: random page, size 1000", over, 1000, objects));
            shapes.add(new Shape("tasks, " + jobs4 + " jobs: jobId=" + job + ", random page, size 100", over + "jobId=" + job, 100, inJob));
            shapes.add(new Shape("tasks, " + jobs4 + " jobs: jobId=" + job + "&status=DATA_DOING, page 1", over + "jobId=" + job
                    + "&status=DATA_DOING", 100, -1));
            // no index for the names: every task of the smallest range (the job's, else the source's) is read and tested
            shapes.add(new Shape("tasks, " + jobs4 + " jobs: jobId=" + job + "&srcTableName=t1 (no index)", over + "jobId=" + job
                    + "&srcTableName=t1", 100, -1));
            shapes.add(new Shape("tasks, " + jobs4 + " jobs: srcTableName=t1 (no index)", over + "srcTableName=t1", 100, -1, 20));
            shapes.add(new Shape("tasks, one job: jobId=1&srcTableName=t1 (no index)", one + "jobId=1&srcTableName=t1", 100, -1, 20));
        }
        if (kinds.contains("dashboard")) {
            // what app.js asks: the fleet (sources, and per source its GET and summary), a source's jobs and tables by 50
            String source = "/api/v1/mms/datasources/" + TABLES_AND_JOBS;
            String t = source + "/tables?";
            int pageSize = 50;
            shapes.add(new Shape("dashboard: fleet, ListMmsDataSources", "/api/v1/mms/datasources?", 0, 0));
            shapes.add(new Shape("dashboard: fleet, GetMmsDataSource", source + "?", 0, 0));
            shapes.add(new Shape("dashboard: fleet, the source's summary", source + "/summary?", 0, 0));
            shapes.add(new Shape("dashboard: source, jobs first page", source + "/jobs?", pageSize, -1));
            shapes.add(new Shape("dashboard: source, jobs last page", source + "/jobs?", pageSize, -((objects + pageSize - 1) / pageSize)));
            shapes.add(new Shape("dashboard: source, DOING jobs random page", source + "/jobs?status=DOING", pageSize, doing));
            shapes.add(new Shape("dashboard: source, tables first page", t, pageSize, -1));
            shapes.add(new Shape("dashboard: source, tables last page", t, pageSize, -((objects + pageSize - 1) / pageSize)));
            shapes.add(new Shape("dashboard: source, tables random page", t, pageSize, objects));
            shapes.add(new Shape("dashboard: source, FAILED tables last page", t + "status=FAILED", pageSize, -((failed + pageSize - 1) / pageSize)));
            shapes.add(new Shape("dashboard: source, DOING tables random page", t + "status=DOING", pageSize, doing));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (Shape shape : shapes) {
            int n = shape.requests() > 0 ? Math.min(shape.requests(), requests) : requests;
            long[] micros = new long[n];
            for (int warm = 0; warm < Math.min(5, n); warm++) {
                while (!get(client, shape)) {
                    BenchServer.sleep();
                }
            }
            long cpu0 = os.getProcessCpuTime();
            int unavailable = 0;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                while (!get(client, shape)) {
                    // a 503 (Streams recovering a task on a loaded machine): not timed, counted, asked again
                    unavailable++;
                    BenchServer.sleep();
                    t0 = System.nanoTime();
                }
                micros[i] = (System.nanoTime() - t0) / 1000;
            }
            double cpuPerRequest = (os.getProcessCpuTime() - cpu0) / 1e6 / n;
            Arrays.sort(micros);
            System.out.printf("%-62s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  cpu %6.1f ms/req  (%d requests%s)%n", shape.name(),
                    micros[n / 2] / 1000.0, micros[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1000.0,
                    micros[n - 1] / 1000.0, cpuPerRequest, n, unavailable == 0 ? "" : ", " + unavailable + " answered 503 and were asked again");
        }
        System.exit(0);
    }

    private static String list(long sourceId, String segment) {
        return "/api/v1/mms/datasources/" + sourceId + "/" + segment;
    }

    /** Asks for one page of the shape; false on a 503 (no complete copy of some partition now), which is asked again. */
    private static boolean get(HttpTestClient client, Shape shape) {
        String path = shape.path();
        if (shape.pageSize() > 0) {
            long pageNum = shape.matches() < 0 ? -shape.matches()
                    : ThreadLocalRandom.current().nextLong(1, Math.max(2, (shape.matches() + shape.pageSize() - 1) / shape.pageSize() + 1));
            path += (path.endsWith("?") ? "" : "&") + "pageSize=" + shape.pageSize() + "&pageNum=" + pageNum;
        }
        var response = client.get(path);
        if (response.statusCode() == 503) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(shape.name() + ": " + response.statusCode() + " " + response.body());
        }
        return true;
    }

    private static long total(HttpTestClient client, String pathAndQuery) {
        var response = client.get(pathAndQuery);
        if (response.statusCode() != 200) {
            return -1;
        }
        return ((Number) ((Map<?, ?>) HttpTestClient.json(response).get("data")).get("total")).longValue();
    }

    /** How many instances answered a list ({@code X-MMA-Served-By}); 0 when it failed. */
    private static int servedBy(HttpTestClient client, String pathAndQuery) {
        var response = client.get(pathAndQuery);
        return response.statusCode() != 200 ? 0 : response.headers().firstValue("x-mma-served-by").orElse("").split(",").length;
    }

    /** How many of the ids 1..n have {@code id % 10 == rest}. */
    private static long count(long n, int rest) {
        return n / 10 + (n % 10 >= rest && rest > 0 ? 1 : 0);
    }

    static String status(long id) {
        return switch ((int) (id % 10)) {
            case 6, 7 -> "DOING";
            case 8 -> "FAILED";
            case 9 -> "INIT";
            default -> "DONE";
        };
    }

    private static String taskStatus(long id) {
        return switch ((int) (id % 10)) {
            case 6, 7 -> "DATA_DOING";
            case 8 -> "DATA_FAILED";
            case 9 -> "INIT";
            default -> "DONE";
        };
    }

    /** Source {@link #TASKS_OVER_JOBS}'s tasks: job 1 has tasks 1..1000, job 2 1001..2000, and so on. */
    private static long jobOf(long taskId) {
        return 1 + (taskId - 1) / TASKS_PER_JOB;
    }
}

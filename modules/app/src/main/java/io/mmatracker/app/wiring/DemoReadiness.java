package io.mmatracker.app.wiring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.app.lifecycle.StopSignal;
import io.mmatracker.simulator.Simulator;
import io.mmatracker.simulator.fleet.Filters;
import io.mmatracker.simulator.fleet.SourceView;

/**
 * When the demo can answer what its banner suggests: the first full poll of the simulated fleet is in the tracker's
 * state, read back through the tracker's own HTTP API (every data source, and per source at least as many jobs and
 * tables as the simulator had when the wait began), and a job that is running at that moment answers 200. Until
 * then a GET may be a 503 (no copy of the state can answer yet) or a 404 (not polled yet).
 */
public final class DemoReadiness {

    /** How the wait ended. */
    public sealed interface Outcome {
        /** Ready: {@code jobKey} ({@code sourceId/jobId}; null in a fleet without jobs) was running and answered 200. */
        record Ready(String jobKey, Progress progress) implements Outcome {
        }

        /** The bound passed first; {@code progress} says what was still missing. */
        record NotReady(Progress progress) implements Outcome {
        }

        /** A stop was requested while waiting. */
        record Stopped() implements Outcome {
        }
    }

    /** What the tracker's API serves of the fleet, against what the simulator had. */
    public record Progress(long sources, long expectedSources, long jobs, long expectedJobs, long tables, long expectedTables) {

        public boolean isComplete() {
            return sources >= expectedSources && jobs >= expectedJobs && tables >= expectedTables;
        }

        @Override
        public String toString() {
            return "data sources " + sources + "/" + expectedSources + ", jobs " + jobs + "/" + expectedJobs
                    + ", tables " + tables + "/" + expectedTables;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofMillis(500);

    private final Simulator simulator;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Jobs and tables per data source of the simulated fleet when the wait began (jobs appear over time). */
    private final Map<Long, long[]> expected = new LinkedHashMap<>();

    /** @param api the tracker's HTTP API, e.g. {@code http://127.0.0.1:8080} */
    public DemoReadiness(Simulator simulator, URI api) {
        this.simulator = simulator;
        this.api = api;
        List<SourceView> sources = simulator.fleet().listSources(Filters.SourceFilter.NONE, 0, Integer.MAX_VALUE, false, true).items();
        for (SourceView source : sources) {
            expected.put(source.id(), new long[] {
                    simulator.fleet().listJobs(source.id(), Filters.JobFilter.NONE, 0, 1).total(),
                    simulator.fleet().listTables(source.id(), Filters.TableFilter.NONE, 0, 1).total()});
        }
    }

    /**
     * Waits until ready, at most {@code bound}, telling {@code onProgress} each change of what is served; a stop
     * request ends the wait.
     */
    public Outcome await(Duration bound, StopSignal stop, Consumer<Progress> onProgress) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Progress last = null;
        while (true) {
            Progress now = progress();
            if (!now.equals(last)) {
                onProgress.accept(now);
                last = now;
            }
            if (now.isComplete()) {
                Optional<String> job = SimulatorSettings.exampleJobKey(simulator);
                if (job.isEmpty() || answers("/api/v1/mms/datasources/" + job.get().replace("/", "/jobs/"))) {
                    return new Outcome.Ready(job.orElse(null), now);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return new Outcome.NotReady(now);
            }
            if (stop.awaitRequest(STEP)) {
                return new Outcome.Stopped();
            }
        }
    }

    /** What the API serves now. */
    public Progress progress() throws InterruptedException {
        long sources = total("/api/v1/mms/datasources?pageSize=1");
        long jobs = 0;
        long tables = 0;
        long expectedJobs = 0;
        long expectedTables = 0;
        for (Map.Entry<Long, long[]> source : expected.entrySet()) {
            jobs += Math.min(source.getValue()[0], total("/api/v1/mms/datasources/" + source.getKey() + "/jobs?pageSize=1"));
            tables += Math.min(source.getValue()[1], total("/api/v1/mms/datasources/" + source.getKey() + "/tables?pageSize=1"));
            expectedJobs += source.getValue()[0];
            expectedTables += source.getValue()[1];
        }
        return new Progress(Math.min(sources, expected.size()), expected.size(), jobs, expectedJobs, tables, expectedTables);
    }

    /** The {@code total} of a list, 0 while the list cannot be answered. */
    private long total(String path) throws InterruptedException {
        return get(path).map(body -> body.at("/data/total").asLong(0)).orElse(0L);
    }

    private boolean answers(String path) throws InterruptedException {
        return get(path).filter(body -> body.at("/data/id").isNumber()).isPresent();
    }

    private Optional<JsonNode> get(String path) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

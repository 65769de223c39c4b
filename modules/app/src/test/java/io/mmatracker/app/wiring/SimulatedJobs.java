package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.mmatracker.simulator.fleet.Filters;
import io.mmatracker.simulator.fleet.JobView;
import io.mmatracker.simulator.fleet.SourceView;

/** Jobs of the demo's simulator, for tests that force their status through {@code /_sim/}. */
public final class SimulatedJobs {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SimulatedJobs() {
    }

    /** The first job of each of the first {@code sources} sources; fails unless every one has a job. */
    public static List<JobView> oneJobPerSource(Demo demo, int sources) {
        List<JobView> jobs = new ArrayList<>();
        Filters.JobFilter any = new Filters.JobFilter(null, null, null, null, null, null, null);
        for (SourceView source : demo.simulator().fleet().listSources(Filters.SourceFilter.NONE, 0, sources, false, true).items()) {
            demo.simulator().fleet().listJobs(source.id(), any, 0, 1).items().stream().findFirst().ifPresent(jobs::add);
        }
        assertThat(jobs).hasSize(sources);
        return jobs;
    }

    /** Pins fields of a simulated job, e.g. {@code {"status":"FAILED"}}. */
    public static void pin(Demo demo, JobView job, String fields) throws Exception {
        HttpResponse<String> pinned = HTTP.send(HttpRequest.newBuilder(URI.create(demo.simulatorUrl()
                        + "/_sim/datasources/" + job.sourceId() + "/jobs/" + job.id()))
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
    }
}

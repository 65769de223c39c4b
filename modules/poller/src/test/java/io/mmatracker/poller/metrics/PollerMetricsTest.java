package io.mmatracker.poller.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.Map;

import io.mmatracker.testkit.MutableClock;
import io.mmatracker.poller.metrics.PollerMetrics.Sample;
import io.mmatracker.poller.metrics.PollerMetrics.Type;
import io.mmatracker.schema.ObjectKind;
import org.junit.jupiter.api.Test;

class PollerMetricsTest {

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final PollerMetrics metrics = new PollerMetrics(clock);

    @Test
    void countsRequestsByOperationAndOutcome() {
        metrics.request("ListMmsJobs", "ok");
        metrics.request("ListMmsJobs", "ok");
        metrics.request("GetMmsJob", "throttled");

        assertThat(metrics.requests("ListMmsJobs", "ok")).isEqualTo(2);
        assertThat(metrics.requests("throttled")).isEqualTo(1);
        assertThat(metrics.totalRequests()).isEqualTo(3);
        assertThat(metrics.throttled()).isEqualTo(1);
        assertThat(metrics.samples()).contains(new Sample("mma_poller_requests_total",
                "MMA requests by operation and outcome", Type.COUNTER,
                Map.of("operation", "ListMmsJobs", "outcome", "ok"), 2));
    }

    @Test
    void reportsStalenessPerSourceSinceItsLastSuccessfulPoll() {
        metrics.sourceAdded(1);
        clock.advance(Duration.ofSeconds(30));
        metrics.sourceAdded(2);
        metrics.sourceFresh(2);
        clock.advance(Duration.ofSeconds(5));

        assertThat(metrics.staleness()).containsEntry(1L, Duration.ofSeconds(35)).containsEntry(2L, Duration.ofSeconds(5));
        metrics.sourceRemoved(1);
        assertThat(metrics.staleness()).containsOnlyKeys(2L);
    }

    @Test
    void readsGaugesWhenSampled() {
        double[] rate = {20};
        metrics.gauge("mma_poller_request_rate", "Current request rate", Map.of(), () -> rate[0]);
        rate[0] = 10;
        metrics.published(ObjectKind.JOB, false);
        metrics.published(ObjectKind.JOB, true);

        assertThat(metrics.samples()).extracting(Sample::name, Sample::value).contains(
                tuple("mma_poller_request_rate", 10.0),
                tuple("mma_poller_snapshots_total", 1.0),
                tuple("mma_poller_tombstones_total", 1.0));
    }
}

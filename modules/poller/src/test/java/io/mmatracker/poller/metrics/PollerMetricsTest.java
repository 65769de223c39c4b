package io.mmatracker.poller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmatracker.testkit.MutableClock;
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
        assertThat(metrics.registry().get("mma_poller_requests_total").tags("operation", "ListMmsJobs", "outcome", "ok")
                .counter().count()).isEqualTo(2);
    }

    @Test
    void reportsStalenessPerSourceSinceItsLastSuccessfulPoll() {
        metrics.sourceAdded(1);
        clock.advance(Duration.ofSeconds(30));
        metrics.sourceAdded(2);
        metrics.sourceFresh(2);
        clock.advance(Duration.ofSeconds(5));

        assertThat(metrics.staleness()).containsEntry(1L, Duration.ofSeconds(35)).containsEntry(2L, Duration.ofSeconds(5));
        assertThat(metrics.registry().get("mma_poller_source_staleness_max_seconds").gauge().value()).isEqualTo(35.0);
        metrics.sourceRemoved(1);
        assertThat(metrics.staleness()).containsOnlyKeys(2L);
    }

    @Test
    void readsGaugesWhenScraped() {
        double[] rate = {20};
        metrics.gauge("mma_poller_request_rate", "Current request rate", Map.of(), () -> rate[0]);
        rate[0] = 10;

        assertThat(metrics.registry().get("mma_poller_request_rate").gauge().value()).isEqualTo(10.0);
    }

    @Test
    void showsEveryMeterInABoundRegistryWithTheCountsMadeBeforeTheBinding() {
        metrics.published(ObjectKind.JOB, false);
        metrics.cycle(false, false);
        MeterRegistry scraped = new SimpleMeterRegistry();
        metrics.bindTo(scraped);
        metrics.published(ObjectKind.JOB, false);
        metrics.published(ObjectKind.TABLE, true);
        metrics.gauge("mma_poller_sources", "Data sources this instance polls", Map.of(), () -> 3);

        assertThat(scraped.get("mma_poller_snapshots_total").tags("kind", "JOB").functionCounter().count()).isEqualTo(2.0);
        assertThat(scraped.get("mma_poller_tombstones_total").tags("kind", "TABLE").functionCounter().count()).isEqualTo(1.0);
        assertThat(scraped.get("mma_poller_failed_cycles_total").functionCounter().count()).isEqualTo(1.0);
        assertThat(scraped.get("mma_poller_sources").gauge().value()).isEqualTo(3.0);
    }
}

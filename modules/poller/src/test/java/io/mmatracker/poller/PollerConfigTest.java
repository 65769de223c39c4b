package io.mmatracker.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;

import io.mmatracker.schema.topic.Topics;
import org.junit.jupiter.api.Test;

class PollerConfigTest {

    @Test
    void defaultsMatchTheDesign() {
        PollerConfig config = PollerConfig.builder("http://localhost:8080").pollerId("p1").build();
        assertThat(config.requestsPerSecond()).isEqualTo(20);
        assertThat(config.activeInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.reconcileInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.activeTableStatuses()).containsExactly("DOING");
        assertThat(config.activeJobStatuses()).containsExactlyInAnyOrder("INIT", "DOING");
        assertThat(config.groupId()).isEqualTo("mma.poller");
        assertThat(config.coordinationTopic()).isEqualTo("mma.poller-coordination");
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void aBadValueNamesItsKeyAndWhatItAccepts() {
        assertThatThrownBy(() -> PollerConfig.builder("http://x").activeInterval(Duration.ZERO).build())
                .isInstanceOf(PollerConfigException.class)
                .hasMessage("poller.active-interval must be a positive duration, got PT0S")
                .extracting(e -> ((PollerConfigException) e).key()).isEqualTo("poller.active-interval");
        assertThatThrownBy(() -> PollerConfig.builder("http://x").requestsPerSecond(0).build())
                .hasMessageStartingWith("poller.requests-per-second must be a number of requests per second");
        assertThatThrownBy(() -> PollerConfig.builder("http://x").reconcileInterval(Duration.ofSeconds(1)).build())
                .hasMessageStartingWith("poller.reconcile-interval must not be shorter than poller.active-interval");
        assertThatThrownBy(() -> PollerConfig.builder("http://x").pageSize(0).build())
                .hasMessage("poller.page-size must be an integer in [1, 1000], got 0");
        assertThatThrownBy(() -> PollerConfig.builder(" ").build())
                .hasMessageStartingWith("poller.endpoint must be the MMA endpoint");
        assertThatThrownBy(() -> PollerConfig.builder("http://x").activeTableStatuses(Set.of(" ")).build())
                .hasMessageStartingWith("poller.active-table-statuses must be MmsTable statuses");
    }

    @Test
    void activeStatusesMustBeUnsettledStatusesOfTheKindsLifecycle() {
        // a typo'd status used to be accepted and simply never matched a job
        assertThatThrownBy(() -> PollerConfig.builder("http://x").activeJobStatuses(Set.of("INIT", "DOIGN")).build())
                .isInstanceOf(PollerConfigException.class)
                .hasMessage("poller.active-job-statuses must be MmsJob statuses that are not settled, comma-separated, from"
                        + " INIT,DOING (REFERENCE.md §6.3), got DOIGN,INIT")
                .extracting(e -> ((PollerConfigException) e).key()).isEqualTo("poller.active-job-statuses");
        assertThatThrownBy(() -> PollerConfig.builder("http://x").activeTableStatuses(Set.of("DONE")).build())
                .hasMessage("poller.active-table-statuses must be MmsTable statuses that are not settled, comma-separated, from"
                        + " INIT,DOING (REFERENCE.md §6.4), got DONE");
        assertThat(PollerConfig.builder("http://x").activeTableStatuses(Set.of("INIT", "DOING")).build().activeTableStatuses())
                .containsExactlyInAnyOrder("INIT", "DOING");
    }

    @Test
    void refusesAnEndpointCarryingCredentials() {
        assertThatThrownBy(() -> PollerConfig.builder("https://AKID:secret@mma.example").build())
                .isInstanceOf(PollerConfigException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void derivesNamesFromTheTopicPrefix() {
        PollerConfig config = PollerConfig.builder("http://x").topics(new Topics("t1.")).build();
        assertThat(config.groupId()).isEqualTo("t1.poller");
        assertThat(config.coordinationTopic()).isEqualTo("t1.poller-coordination");
    }
}

package io.mmatracker.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobTimelineTest {

    @Test
    void theClockRunsFromTheStartAndStandsStillWhileStopped() {
        JobTimeline t = new JobTimeline(1_000);
        assertThat(t.clock(999)).isEqualTo(-1);
        assertThat(t.clock(1_000)).isZero();
        assertThat(t.clock(1_500)).isEqualTo(500);
        t.stop(1_500);
        assertThat(t.isStopped()).isTrue();
        assertThat(t.clock(5_000)).isEqualTo(500);
        t.resume(6_000);
        assertThat(t.isStopped()).isFalse();
        assertThat(t.clock(6_100)).isEqualTo(600);
        assertThat(t.clock(1_200)).isEqualTo(200);
    }

    @Test
    void instantAtInvertsTheClockAcrossStops() {
        JobTimeline t = new JobTimeline(1_000);
        t.stop(1_500);
        t.resume(6_000);
        assertThat(t.instantAt(200)).isEqualTo(1_200);
        assertThat(t.instantAt(500)).isEqualTo(1_500);
        assertThat(t.instantAt(600)).isEqualTo(6_100);
        t.stop(7_000);
        assertThat(t.instantAt(5_000)).isEqualTo(Long.MAX_VALUE);
        for (long tau = 0; tau < 1_500; tau += 100) {
            assertThat(t.clock(t.instantAt(tau))).isEqualTo(tau);
        }
    }

    @Test
    void startingEarlyMovesTheStartButNeverLater() {
        JobTimeline t = new JobTimeline(10_000);
        t.startNow(4_000);
        assertThat(t.clock(4_000)).isZero();
        t.startNow(8_000);
        assertThat(t.start()).isEqualTo(4_000);
    }

    @Test
    void retriesAreMomentsOfTheJobsClock() {
        JobTimeline t = new JobTimeline(0);
        t.retry(-5);
        t.retry(100);
        t.retry(100);
        t.stop(200);
        t.retry(900);
        assertThat(t.retryBetween(0, 1_000)).isEqualTo(100);
        assertThat(t.retryBetween(101, 1_000)).isEqualTo(200);
        assertThat(t.retryBetween(201, 1_000)).isEqualTo(-1);
    }
}

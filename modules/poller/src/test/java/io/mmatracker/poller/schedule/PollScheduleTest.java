package io.mmatracker.poller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;

import io.mmatracker.testkit.MutableClock;
import io.mmatracker.poller.schedule.PollSchedule.Due;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final PollSchedule schedule = new PollSchedule(Duration.ofSeconds(5), Duration.ofMinutes(10),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), clock, new Random(3));

    @Test
    void aNewSourceIsReconciledAtOnceThenPolledEveryActiveInterval() {
        schedule.add(7);

        Due first = schedule.take().orElseThrow();
        assertThat(first).isEqualTo(new Due(7, true, 1));
        assertThat(schedule.take()).as("one worker per source").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        schedule.succeeded(first);

        assertThat(schedule.nextDueAt()).contains(clock.instant().plusSeconds(3));
        assertThat(schedule.take()).isEmpty();
        clock.advance(Duration.ofSeconds(3));
        assertThat(schedule.take()).contains(new Due(7, false, 1));
    }

    @Test
    void reconcilesAgainAfterTheReconcileInterval() {
        schedule.add(7);
        Due due = schedule.take().orElseThrow();
        int reconciliations = 0;
        for (int i = 0; i < 130; i++) {
            schedule.succeeded(due);
            clock.advance(Duration.ofSeconds(5));
            due = schedule.take().orElseThrow();
            if (due.reconcile()) {
                reconciliations++;
            }
        }
        // 130 cycles of 5 s = 650 s: one reconciliation at 600 s
        assertThat(reconciliations).isEqualTo(1);
    }

    @Test
    void aFailingSourceBacksOffExponentiallyWithoutHoldingOthersBack() {
        schedule.add(1);
        schedule.add(2);
        Due failing = schedule.take().orElseThrow();
        Due healthy = schedule.take().orElseThrow();
        assertThat(failing.sourceId()).isEqualTo(1);
        schedule.succeeded(healthy);

        Duration firstDelay = schedule.failed(failing);
        assertThat(firstDelay).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        Due retry = schedule.take().orElseThrow();
        assertThat(retry).as("the reconciliation stays due").isEqualTo(new Due(1, true, 2));
        Duration secondDelay = schedule.failed(retry);
        assertThat(secondDelay).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

        for (int attempt = 3; attempt < 20; attempt++) {
            clock.advance(Duration.ofMinutes(2));
            while (true) {
                Due d = schedule.take().orElseThrow();
                if (d.sourceId() == 1) {
                    assertThat(schedule.failed(d)).isLessThanOrEqualTo(Duration.ofSeconds(60));
                    break;
                }
                schedule.succeeded(d);
            }
        }
        assertThat(schedule.consecutiveFailures(1)).isEqualTo(19);
        assertThat(schedule.consecutiveFailures(2)).isZero();
    }

    @Test
    void aSlowCycleIsFollowedImmediatelyAndCountsAsOverdue() {
        schedule.add(1);
        Due due = schedule.take().orElseThrow();
        clock.advance(Duration.ofSeconds(12));
        schedule.succeeded(due);
        assertThat(schedule.nextDueAt()).contains(clock.instant());
        clock.advance(Duration.ofSeconds(3));
        assertThat(schedule.overdue(Duration.ofSeconds(1))).containsExactly(1L);
    }

    @Test
    void aRemovedSourceIsNotRescheduledWhenItsCycleEnds() {
        schedule.add(1);
        Due due = schedule.take().orElseThrow();
        schedule.remove(1);
        schedule.succeeded(due);
        assertThat(schedule.sources()).isEmpty();
        assertThat(schedule.nextDueAt()).isEmpty();
    }

    @Test
    void anEarlyReconciliationKeepsAMinimumGapAfterThePreviousOne() {
        schedule.add(1);
        Due first = schedule.take().orElseThrow();
        schedule.succeeded(first);

        schedule.requestReconcile(1, Duration.ofSeconds(30));
        assertThat(schedule.reconcileDueAt(1)).contains(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(5));
        assertThat(schedule.take().orElseThrow().reconcile()).isFalse();
        schedule.succeeded(new Due(1, false, 1));
        clock.advance(Duration.ofSeconds(25));
        assertThat(schedule.take().orElseThrow().reconcile()).isTrue();
    }
}

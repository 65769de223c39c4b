package io.mmatracker.poller.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.mmatracker.testkit.MutableClock;
import io.mmatracker.poller.schedule.Backoff;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    /** Sleeping advances the fake clock: time passes only while someone waits for the budget. */
    private final Sleeper sleeper = clock::advance;

    /** Round numbers for the arithmetic below: halve on throttling, +0.1/s per answer, pause from 1 s. */
    private RequestBudget budget(double ceiling) {
        BudgetConfig config = new BudgetConfig(ceiling, 0.5, 0.5, 0.1, Duration.ofSeconds(1),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), 0.25, Duration.ofSeconds(1));
        return new RequestBudget(config, clock, new Random(7), sleeper);
    }

    @Test
    void theStandardSettingsBackOffGentlyOnAnIsolatedThrottle() {
        RequestBudget budget = new RequestBudget(BudgetConfig.withCeiling(20), clock, new Random(7), sleeper);
        budget.onThrottled(null);
        assertThat(budget.rate()).isCloseTo(14.0, within(1e-9));
        assertThat(budget.waitTime(Priority.ACTIVE)).isBetween(Duration.ofMillis(125), Duration.ofMillis(325));
        for (int i = 0; i < 29; i++) {
            budget.onSuccess();
        }
        assertThat(budget.rate()).as("+0.2/s per answer").isCloseTo(19.8, within(1e-9));
        budget.onSuccess();
        budget.onSuccess();
        assertThat(budget.rate()).isEqualTo(20.0);
    }

    @Test
    void grantsABurstOfOneSecondThenRefillsAtTheRate() {
        RequestBudget budget = budget(20);
        for (int i = 0; i < 20; i++) {
            assertThat(budget.tryAcquire(Priority.ACTIVE)).as("request %d", i).isTrue();
        }
        assertThat(budget.tryAcquire(Priority.ACTIVE)).isFalse();
        assertThat(budget.waitTime(Priority.ACTIVE)).isEqualTo(Duration.ofMillis(50));

        clock.advance(Duration.ofMillis(50));
        assertThat(budget.tryAcquire(Priority.ACTIVE)).isTrue();
        assertThat(budget.tryAcquire(Priority.ACTIVE)).isFalse();
    }

    @Test
    void blockingCallersNeverExceedTheRateOverTime() throws InterruptedException {
        RequestBudget budget = budget(20);
        long start = clock.millis();
        for (int i = 0; i < 220; i++) {
            budget.acquire(i % 2 == 0 ? Priority.ACTIVE : Priority.BACKGROUND);
        }
        double elapsedSeconds = (clock.millis() - start) / 1000.0;
        // 20 from the initial bucket, then 20 per second
        assertThat(elapsedSeconds).isGreaterThanOrEqualTo(9.9);
    }

    @Test
    void backgroundRequestsLeaveAReserveForActiveOnes() {
        RequestBudget budget = budget(20);
        int background = 0;
        while (budget.tryAcquire(Priority.BACKGROUND)) {
            background++;
        }
        assertThat(background).isEqualTo(15);
        int active = 0;
        while (budget.tryAcquire(Priority.ACTIVE)) {
            active++;
        }
        assertThat(active).isEqualTo(5);
    }

    @Test
    void backgroundIsRefusedWhileAnActiveRequestWaits() throws InterruptedException {
        List<Boolean> backgroundGrants = new ArrayList<>();
        RequestBudget[] budget = new RequestBudget[1];
        // while the active caller sleeps, time passes and a token appears: a background caller must not take it
        Sleeper probing = duration -> {
            clock.advance(duration);
            backgroundGrants.add(budget[0].tryAcquire(Priority.BACKGROUND));
        };
        BudgetConfig noReserve = new BudgetConfig(2, 0.5, 0.5, 0.1, Duration.ofSeconds(1),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), 0.0, Duration.ofSeconds(1));
        budget[0] = new RequestBudget(noReserve, clock, new Random(1), probing);
        while (budget[0].tryAcquire(Priority.ACTIVE)) {
            // drain the bucket
        }

        budget[0].acquire(Priority.ACTIVE);

        assertThat(backgroundGrants).isNotEmpty().containsOnly(false);
        assertThat(budget[0].tryAcquire(Priority.BACKGROUND)).as("the active caller took the only token").isFalse();
        clock.advance(Duration.ofMillis(500));
        assertThat(budget[0].tryAcquire(Priority.BACKGROUND)).isTrue();
    }

    @Test
    void activeAndBackgroundAreRefusedWhileAFirstListingWaits() throws InterruptedException {
        List<Boolean> grants = new ArrayList<>();
        RequestBudget[] budget = new RequestBudget[1];
        // while a first listing's page waits for a token, an active poll (a settled table's GET) must not take it
        Sleeper probing = duration -> {
            clock.advance(duration);
            grants.add(budget[0].tryAcquire(Priority.ACTIVE));
            grants.add(budget[0].tryAcquire(Priority.BACKGROUND));
        };
        budget[0] = new RequestBudget(BudgetConfig.withCeiling(2), clock, new Random(1), probing);
        while (budget[0].tryAcquire(Priority.FIRST_LISTING)) {
            // drain the bucket
        }

        budget[0].acquire(Priority.FIRST_LISTING);

        assertThat(grants).isNotEmpty().containsOnly(false);
        clock.advance(Duration.ofMillis(500));
        assertThat(budget[0].tryAcquire(Priority.ACTIVE)).as("nobody more urgent waits any more").isTrue();
    }

    @Test
    void aBackgroundRequestThatWaitedASecondGoesBeforeActiveOnesThatUseTheWholeRate() throws InterruptedException {
        Saturated saturated = new Saturated(20);
        List<Integer> activeGrants = saturated.activeGrants;

        saturated.budget.acquire(Priority.BACKGROUND);

        assertThat(saturated.waitedMs()).as("waited ms").isBetween(1000L, 1100L);
        assertThat(activeGrants.subList(0, activeGrants.size() - 1).stream().mapToInt(Integer::intValue).sum())
                .as("the active polls had that second's tokens").isEqualTo(20);
        assertThat(activeGrants.get(activeGrants.size() - 1)).as("then the overdue request took the next one")
                .isZero();
        clock.advance(Duration.ofMillis(50));
        assertThat(saturated.budget.tryAcquire(Priority.ACTIVE)).as("it no longer waits").isTrue();
    }

    @Test
    void anOverdueBackgroundRequestStillLetsFirstListingsGoFirst() throws InterruptedException {
        List<Boolean> activeAfterOverdue = new ArrayList<>();
        int[] firstListingTokens = new int[1];
        RequestBudget[] budget = new RequestBudget[1];
        long[] start = new long[1];
        Sleeper probing = duration -> {
            clock.advance(duration);
            stillWaitingAfter10s(start[0]);
            if (clock.millis() - start[0] <= 1000) {
                // up to the second's end (the waiting request becomes overdue when it wakes)
                drain(budget[0], Priority.ACTIVE);
                return;
            }
            // overdue now: three pages of a first listing still go first, an active poll does not
            if (firstListingTokens[0] < 3 && budget[0].tryAcquire(Priority.FIRST_LISTING)) {
                firstListingTokens[0]++;
            }
            activeAfterOverdue.add(budget[0].tryAcquire(Priority.ACTIVE));
        };
        budget[0] = new RequestBudget(BudgetConfig.withCeiling(20), clock, new Random(1), probing);
        drain(budget[0], Priority.ACTIVE);
        start[0] = clock.millis();

        budget[0].acquire(Priority.BACKGROUND);

        assertThat(firstListingTokens[0]).isEqualTo(3);
        assertThat(clock.millis() - start[0]).as("waited ms").isBetween(1150L, 1250L);
        assertThat(activeAfterOverdue).isNotEmpty().containsOnly(false);
    }

    @Test
    void overdueRequestsGoAheadAtMostOnceAWaitAndAQuarterOfTheRate() throws InterruptedException {
        // 2 requests/s: a quarter of the rate is one every 2 s, more than the 1 s wait
        Saturated saturated = new Saturated(2);
        saturated.budget.acquire(Priority.BACKGROUND);
        assertThat(saturated.waitedMs()).as("the first waited ms").isBetween(1000L, 1500L);

        // the next background request (another worker's reconciliation, say) is overdue a second later, but goes
        // ahead only 2 s after the first one did; until then the active polls keep the tokens
        saturated.restart();
        saturated.budget.acquire(Priority.BACKGROUND);

        assertThat(saturated.waitedMs()).as("the second waited ms").isBetween(2000L, 2500L);
        assertThat(saturated.activeGrants.stream().mapToInt(Integer::intValue).sum()).as("active tokens meanwhile")
                .isPositive();
    }

    @Test
    void anOverdueRequestInterruptedWhileWaitingHoldsNobodyBack() {
        RequestBudget[] budget = new RequestBudget[1];
        long[] start = new long[1];
        Sleeper interrupting = duration -> {
            clock.advance(duration);
            drain(budget[0], Priority.ACTIVE);
            if (clock.millis() - start[0] > 1000) {
                throw new InterruptedException("the poller stops");
            }
        };
        budget[0] = new RequestBudget(BudgetConfig.withCeiling(20), clock, new Random(1), interrupting);
        drain(budget[0], Priority.ACTIVE);
        start[0] = clock.millis();

        assertThatThrownBy(() -> budget[0].acquire(Priority.BACKGROUND)).isInstanceOf(InterruptedException.class);

        clock.advance(Duration.ofMillis(100));
        assertThat(budget[0].tryAcquire(Priority.ACTIVE)).as("no overdue waiter is left counted").isTrue();
    }

    /** A budget whose active polls want more than the rate: whenever time passes they take every token there is. */
    private final class Saturated {
        final List<Integer> activeGrants = new ArrayList<>();
        final RequestBudget budget;
        private long start;

        Saturated(double requestsPerSecond) {
            RequestBudget[] self = new RequestBudget[1];
            budget = new RequestBudget(BudgetConfig.withCeiling(requestsPerSecond), clock, new Random(1), duration -> {
                clock.advance(duration);
                activeGrants.add(drain(self[0], Priority.ACTIVE));
                stillWaitingAfter10s(start);
            });
            self[0] = budget;
            drain(budget, Priority.ACTIVE);
            restart();
        }

        /** Starts counting the wait (and the active grants) again. */
        void restart() {
            activeGrants.clear();
            start = clock.millis();
        }

        long waitedMs() {
            return clock.millis() - start;
        }
    }

    private void stillWaitingAfter10s(long start) {
        if (clock.millis() - start > 10_000) {
            throw new AssertionError("the background request still waits after 10 s");
        }
    }

    private static int drain(RequestBudget budget, Priority priority) {
        int granted = 0;
        while (budget.tryAcquire(priority)) {
            granted++;
        }
        return granted;
    }

    @Test
    void throttlingHalvesTheRateOncePerCooldownAndPausesWithJitter() {
        RequestBudget budget = budget(20);
        budget.onThrottled(null);
        budget.onThrottled(null);
        budget.onThrottled(null);
        assertThat(budget.rate()).isEqualTo(10.0);
        assertThat(budget.isPaused()).isTrue();
        Duration pause = budget.waitTime(Priority.ACTIVE);
        // first pause: between half and all of one second, plus the time to earn one token at 10/s
        assertThat(pause).isBetween(Duration.ofMillis(500), Duration.ofMillis(1100));
        assertThat(budget.tryAcquire(Priority.ACTIVE)).isFalse();

        clock.advance(Duration.ofSeconds(1));
        budget.onThrottled(null);
        assertThat(budget.rate()).isEqualTo(5.0);
        // second pause in a row: between one and two seconds
        assertThat(budget.waitTime(Priority.ACTIVE)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2200));
    }

    @Test
    void neverDecreasesBelowTheFloor() {
        RequestBudget budget = budget(20);
        for (int i = 0; i < 20; i++) {
            budget.onThrottled(null);
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(budget.rate()).isEqualTo(0.5);
    }

    @Test
    void honoursAServerRequestedRetryAfter() {
        RequestBudget budget = budget(20);
        budget.onThrottled(Duration.ofSeconds(10));
        assertThat(budget.waitTime(Priority.ACTIVE)).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void recoversAdditivelyButNeverAboveTheCeiling() {
        RequestBudget budget = budget(20);
        budget.onThrottled(null);
        assertThat(budget.rate()).isEqualTo(10.0);
        for (int i = 0; i < 50; i++) {
            budget.onSuccess();
        }
        assertThat(budget.rate()).isCloseTo(15.0, within(1e-9));
        for (int i = 0; i < 500; i++) {
            budget.onSuccess();
        }
        assertThat(budget.rate()).isEqualTo(20.0);
    }
}

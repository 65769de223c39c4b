package io.mmatracker.poller.budget;

import java.time.Duration;
import java.util.Objects;

import io.mmatracker.poller.schedule.Backoff;

/**
 * Settings of the {@link RequestBudget}.
 *
 * @param ceiling         the configured rate, requests per second; recovery never goes above it
 * @param floor           the lowest rate multiplicative decrease may reach, requests per second
 * @param decreaseFactor  on a throttled answer the rate is multiplied by this (0 &lt; f &lt; 1)
 * @param recoveryStep    each answered request adds this to the rate (requests per second), up to the ceiling
 * @param decreaseCooldown at most one decrease per cooldown: requests already in flight when MMA started
 *                        throttling answer "throttled" together, and that is one signal, not many
 * @param throttlePause   how long nobody may send after consecutive throttled answers (jittered, growing)
 * @param activeReserve   fraction of the bucket background requests leave to the others (an overdue one excepted)
 * @param backgroundMaxWait a {@link Priority#BACKGROUND} request that has waited this long (&gt; 0) takes the next
 *                        token before any {@link Priority#ACTIVE} one, at most once per this wait and a quarter of
 *                        the rate: when active polls alone would use the whole rate, reconciliations still progress
 *                        (and so does the source whose reconciliation is in flight)
 */
public record BudgetConfig(double ceiling, double floor, double decreaseFactor, double recoveryStep,
                           Duration decreaseCooldown, Backoff throttlePause, double activeReserve,
                           Duration backgroundMaxWait) {

    public BudgetConfig {
        Objects.requireNonNull(decreaseCooldown, "decreaseCooldown");
        Objects.requireNonNull(throttlePause, "throttlePause");
        Objects.requireNonNull(backgroundMaxWait, "backgroundMaxWait");
        if (backgroundMaxWait.isNegative() || backgroundMaxWait.isZero()) {
            throw new IllegalArgumentException("budget background max wait must be > 0, got " + backgroundMaxWait);
        }
        if (!(ceiling > 0)) {
            throw new IllegalArgumentException("budget ceiling must be > 0 requests/s, got " + ceiling);
        }
        if (!(floor > 0) || floor > ceiling) {
            throw new IllegalArgumentException("budget floor must be > 0 and <= ceiling " + ceiling + ", got " + floor);
        }
        if (!(decreaseFactor > 0 && decreaseFactor < 1)) {
            throw new IllegalArgumentException("budget decrease factor must be between 0 and 1, got " + decreaseFactor);
        }
        if (!(recoveryStep > 0)) {
            throw new IllegalArgumentException("budget recovery step must be > 0, got " + recoveryStep);
        }
        if (!(activeReserve >= 0 && activeReserve < 1)) {
            throw new IllegalArgumentException("budget active reserve must be in [0, 1), got " + activeReserve);
        }
    }

    /**
     * The standard settings for a ceiling: on throttling x0.7 down to 0.5/s (at most once a second) and a pause of
     * 125-250 ms that doubles while throttling goes on (up to 30 s); +1 % of the ceiling per answered request.
     * Gentler than halving and a 1 s pause: MMA throttles single requests now and then, and halving on each of
     * those (10 % throttled answers) held a 20/s budget near 2/s. A background request that has waited 1 s goes before the
     * active ones.
     */
    public static BudgetConfig withCeiling(double requestsPerSecond) {
        return new BudgetConfig(requestsPerSecond, Math.min(0.5, requestsPerSecond), 0.7,
                Math.max(0.01, requestsPerSecond / 100), Duration.ofSeconds(1),
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30)), 0.25, Duration.ofSeconds(1));
    }
}

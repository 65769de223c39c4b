package io.mmatracker.poller.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, base * 2^(n-1))}, so retries of many sources spread out instead of arriving together.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive, got " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is below its base " + base);
        }
    }

    /** The un-jittered delay of the given attempt (1 = first retry). */
    public Duration ceiling(int attempt) {
        if (attempt <= 1) {
            return base;
        }
        int doublings = Math.min(attempt - 1, 62);
        long millis = base.toMillis();
        long capped = max.toMillis();
        for (int i = 0; i < doublings && millis < capped; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, capped));
    }

    /** The jittered delay of the given attempt: uniformly between half and all of {@link #ceiling(int)}. */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = ceiling(attempt).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1)));
    }
}

package io.mmatracker.poller.cycle;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.mmatracker.client.MmaException;
import io.mmatracker.poller.budget.Priority;
import io.mmatracker.poller.budget.RequestBudget;
import io.mmatracker.poller.budget.Sleeper;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.poller.metrics.PollerMetrics;

/**
 * Every MMA call of the poller goes through here: it waits for the budget, feeds AIMD, counts the outcome, and
 * tries a retryable failure again a few times (each attempt paying its token) so that one flaky answer does not cost
 * the whole cycle of a source; what still fails ends the cycle, and the source backs off.
 */
public final class MmaCalls {

    /** Attempts per call; with 20 % server errors and 10 % throttling, 3 attempts succeed 97 % of the time. */
    public static final int ATTEMPTS = 3;

    private final RequestBudget budget;
    private final PollerMetrics metrics;
    private final Backoff retry;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public MmaCalls(RequestBudget budget, PollerMetrics metrics, Backoff retry, Sleeper sleeper,
                    RandomGenerator random) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Makes an MMA request once the budget allows, again after a short jittered wait if it fails retryably.
     *
     * @throws MmaException what the last attempt threw, after accounting for it
     */
    public <T> T call(String operation, Priority priority, Supplier<T> request) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(operation, priority, request);
            } catch (MmaException e) {
                if (!e.retryable() || attempt >= ATTEMPTS) {
                    throw e;
                }
                if (!(e instanceof MmaException.Throttled)) {
                    // a throttled answer already paused the whole budget
                    sleeper.sleep(retry.delay(attempt, random));
                }
            }
        }
    }

    private <T> T attempt(String operation, Priority priority, Supplier<T> request) throws InterruptedException {
        budget.acquire(priority);
        try {
            T result = request.get();
            budget.onSuccess();
            metrics.request(operation, "ok");
            return result;
        } catch (MmaException e) {
            if (e instanceof MmaException.Throttled) {
                budget.onThrottled(null);
            } else if (e.httpStatus() > 0) {
                // MMA answered: not a sign of overload
                budget.onSuccess();
            }
            metrics.request(operation, outcome(e));
            throw e;
        }
    }

    /** The kind of failure as named in metrics and watermarks: NotFound, Throttled, ... */
    public static String kind(MmaException e) {
        return e.getClass().getSimpleName();
    }

    private static String outcome(MmaException e) {
        if (e instanceof MmaException.NotFound) {
            return "not_found";
        } else if (e instanceof MmaException.Throttled) {
            return "throttled";
        } else if (e instanceof MmaException.Unauthorized) {
            return "unauthorized";
        } else if (e instanceof MmaException.InvalidParameter) {
            return "invalid_parameter";
        } else if (e instanceof MmaException.ServerError) {
            return "server_error";
        } else if (e instanceof MmaException.Malformed) {
            return "malformed";
        }
        return "transport";
    }
}

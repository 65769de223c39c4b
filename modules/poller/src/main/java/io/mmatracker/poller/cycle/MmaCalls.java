package io.mmatracker.poller.cycle;

import java.util.Objects;
import java.util.function.Supplier;

import io.mmatracker.client.MmaException;
import io.mmatracker.poller.budget.Priority;
import io.mmatracker.poller.budget.RequestBudget;
import io.mmatracker.poller.metrics.PollerMetrics;

/** Every MMA call of the poller goes through here: it waits for the budget, feeds AIMD and counts the outcome. */
public final class MmaCalls {

    private final RequestBudget budget;
    private final PollerMetrics metrics;

    public MmaCalls(RequestBudget budget, PollerMetrics metrics) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Makes one MMA request once the budget allows.
     *
     * @throws MmaException what the call threw, after accounting for it
     */
    public <T> T call(String operation, Priority priority, Supplier<T> request) throws InterruptedException {
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

package io.mmatracker.query.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.mmatracker.query.encode.EncodedDataCache;
import io.mmatracker.query.encode.View;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.Placement;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.state.StateReader;

/**
 * Finds one object wherever its state lives. The order: the local active copy; else one forward to the
 * active instance; if that instance is unreachable, answers 503 or is unknown (a rebalance), a local
 * standby copy (answer marked stale); else one standby instance; else {@link Answer.Unavailable}. Only an
 * active copy may say an object does not exist: a standby that lacks it may just lag behind.
 * A request that was itself forwarded is answered from local copies only, so requests never loop.
 *
 * <p>When no copy can answer, the whole lookup is tried again a few times, {@code retryStep} apart, within
 * {@code retryBudget}: while a rebalance promotes a standby, its store is closed for a moment and then answers
 * again. The waits are scheduled, never slept, so no I/O thread blocks. Every "no copy now" goes through that
 * one retry: a copy that closes between the read of a value's bytes and their decoding (the value is encoded
 * here, before the answer leaves the lookup) and a standby that lost the key in between count as no copy.
 */
public final class ObjectLookup {

    private final StateReader state;
    private final Forwarder forwarder;
    private final EncodedDataCache cache;
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder staleAnswers = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final ScheduledExecutorService scheduler;
    private final long retryStepMillis;
    private final int maxRetries;

    /**
     * @param scheduler   runs the delayed retries (its tasks are short: a retry only reads local state or forwards)
     * @param retryBudget how long to keep retrying a lookup no copy could answer; zero answers at once
     * @param retryStep   the pause between two retries
     */
    public ObjectLookup(StateReader state, Forwarder forwarder, EncodedDataCache cache, ScheduledExecutorService scheduler,
                        java.time.Duration retryBudget, java.time.Duration retryStep) {
        this.state = state;
        this.forwarder = forwarder;
        this.cache = cache;
        this.scheduler = scheduler;
        this.retryStepMillis = Math.max(1, retryStep.toMillis());
        this.maxRetries = (int) Math.min(1000, retryBudget.toMillis() / retryStepMillis);
    }

    /**
     * @param view         how a local copy's value is encoded
     * @param pathAndQuery the canonical request, to forward as is
     * @param isForwarded  whether another instance forwarded this request here; such a request is answered at
     *                     once, so that the instance that forwarded it can try the next copy
     */
    public CompletionStage<Answer> find(SnapshotStore store, String key, View view, String pathAndQuery, String requestId,
                                        boolean isForwarded) {
        return attempt(new Request(store, key, view, pathAndQuery, requestId), isForwarded, isForwarded ? 0 : maxRetries);
    }

    private record Request(SnapshotStore store, String key, View view, String pathAndQuery, String requestId) {
    }

    private CompletionStage<Answer> attempt(Request request, boolean isForwarded, int retriesLeft) {
        return once(request, isForwarded).thenCompose(answer -> {
            if (!(answer instanceof Answer.Unavailable)) {
                return CompletableFuture.completedFuture(answer);
            }
            if (retriesLeft <= 0) {
                unavailable.increment();
                return CompletableFuture.completedFuture(answer);
            }
            retries.increment();
            Executor later = CompletableFuture.delayedExecutor(retryStepMillis, TimeUnit.MILLISECONDS, scheduler);
            return CompletableFuture.supplyAsync(() -> attempt(request, false, retriesLeft - 1), later)
                    .thenCompose(next -> next);
        });
    }

    private CompletionStage<Answer> once(Request request, boolean isForwarded) {
        Endpoint self = state.self();
        Placement placement = state.locate(request.store(), request.key());
        if (isForwarded) {
            return CompletableFuture.completedFuture(fromLocal(request, placement, true));
        }
        if (placement.isActiveAt(self)) {
            Answer local = fromLocal(request, placement, false);
            if (!(local instanceof Answer.Unavailable)) {
                return CompletableFuture.completedFuture(local);
            }
            return fallback(request, placement);
        }
        if (placement.active().isEmpty()) {
            return fallback(request, placement);
        }
        forwarded.increment();
        return forwarder.get(placement.active().get(), request.pathAndQuery(), headers(self, request.requestId()))
                .handle((relayed, failure) -> failure == null && relayed.status() != 503 ? CompletableFuture.<Answer>completedFuture(relayed)
                        : fallback(request, placement))
                .thenCompose(stage -> stage);
    }

    private CompletionStage<Answer> fallback(Request request, Placement placement) {
        Answer local = fromLocal(request, placement, true);
        if (!(local instanceof Answer.Unavailable)) {
            return CompletableFuture.completedFuture(local);
        }
        List<Endpoint> standbys = new ArrayList<>(placement.standbys());
        standbys.remove(state.self());
        return tryStandbys(standbys, 0, request.pathAndQuery(), request.requestId(), (Answer.Unavailable) local);
    }

    private CompletionStage<Answer> tryStandbys(List<Endpoint> standbys, int index, String pathAndQuery, String requestId,
                                                Answer.Unavailable lastReason) {
        if (index >= standbys.size()) {
            return CompletableFuture.completedFuture(lastReason);
        }
        forwarded.increment();
        return forwarder.get(standbys.get(index), pathAndQuery, headers(state.self(), requestId))
                .handle((relayed, failure) -> failure == null && relayed.status() != 503 ? CompletableFuture.<Answer>completedFuture(relayed)
                        : tryStandbys(standbys, index + 1, pathAndQuery, requestId, lastReason))
                .thenCompose(stage -> stage);
    }

    private Answer fromLocal(Request request, Placement placement, boolean allowStale) {
        LocalRead read = state.read(request.store(), request.key(), placement, allowStale);
        Answer answer;
        if (read instanceof LocalRead.Hit hit) {
            answer = encoded(request, hit);
        } else if (read instanceof LocalRead.Miss miss && !miss.stale()) {
            answer = new Answer.Missing(state.self());
        } else if (read instanceof LocalRead.Miss) {
            // A standby or restoring copy may lag: its "not there" could be "not there yet". Only the active copy
            // may answer 404; keep looking, and answer 503 if no copy has the object.
            answer = new Answer.Unavailable("a standby copy on " + state.self() + " does not have it, and standbys may lag");
        } else {
            answer = new Answer.Unavailable(((LocalRead.NoCopy) read).reason());
        }
        if (answer instanceof Answer.Found f && f.stale()) {
            staleAnswers.increment();
        }
        return answer;
    }

    private Answer encoded(Request request, LocalRead.Hit hit) {
        return new Answer.Found(cache.encoded(request.store(), request.key(), hit, request.view()), hit.stale(), state.self());
    }

    private static Map<String, String> headers(Endpoint self, String requestId) {
        return Map.of(MmaHeaders.FORWARDED_BY.toString(), self.toString(), MmaHeaders.REQUEST_ID.toString(), requestId);
    }

    public long forwardedCount() {
        return forwarded.sum();
    }

    public long staleCount() {
        return staleAnswers.sum();
    }

    public long unavailableCount() {
        return unavailable.sum();
    }

    public long retryCount() {
        return retries.sum();
    }
}

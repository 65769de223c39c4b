package io.mmatracker.query.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.LocalRead;
import io.mmatracker.query.state.Placement;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.state.StateReader;

/**
 * Finds one object wherever its state lives. The order: the local active copy; else one forward to the
 * active instance; if that instance is unreachable, answers 503 or is unknown (a rebalance), a local
 * standby copy (answer marked stale); else one standby instance; else {@link Answer.Unavailable}.
 * A request that was itself forwarded is answered from local copies only, so requests never loop.
 */
public final class ObjectLookup {

    private final StateReader state;
    private final Forwarder forwarder;
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder staleAnswers = new LongAdder();
    private final LongAdder unavailable = new LongAdder();

    public ObjectLookup(StateReader state, Forwarder forwarder) {
        this.state = state;
        this.forwarder = forwarder;
    }

    /**
     * @param pathAndQuery the canonical request, to forward as is
     * @param isForwarded  whether another instance forwarded this request here
     */
    public CompletionStage<Answer> find(SnapshotStore store, String key, String pathAndQuery, String requestId, boolean isForwarded) {
        Endpoint self = state.self();
        Placement placement = state.locate(store, key);
        if (isForwarded) {
            return CompletableFuture.completedFuture(fromLocal(store, key, placement, true));
        }
        if (placement.isActiveAt(self)) {
            Answer local = fromLocal(store, key, placement, false);
            if (!(local instanceof Answer.Unavailable)) {
                return CompletableFuture.completedFuture(local);
            }
            return fallback(store, key, placement, pathAndQuery, requestId);
        }
        if (placement.active().isEmpty()) {
            return fallback(store, key, placement, pathAndQuery, requestId);
        }
        forwarded.increment();
        return forwarder.get(placement.active().get(), pathAndQuery, headers(self, requestId))
                .handle((relayed, failure) -> failure == null && relayed.status() != 503 ? CompletableFuture.<Answer>completedFuture(relayed)
                        : fallback(store, key, placement, pathAndQuery, requestId))
                .thenCompose(stage -> stage);
    }

    private CompletionStage<Answer> fallback(SnapshotStore store, String key, Placement placement, String pathAndQuery, String requestId) {
        Answer local = fromLocal(store, key, placement, true);
        if (!(local instanceof Answer.Unavailable)) {
            return CompletableFuture.completedFuture(local);
        }
        List<Endpoint> standbys = new ArrayList<>(placement.standbys());
        standbys.remove(state.self());
        return tryStandbys(standbys, 0, pathAndQuery, requestId, (Answer.Unavailable) local);
    }

    private CompletionStage<Answer> tryStandbys(List<Endpoint> standbys, int index, String pathAndQuery, String requestId,
                                                Answer.Unavailable lastReason) {
        if (index >= standbys.size()) {
            unavailable.increment();
            return CompletableFuture.completedFuture(lastReason);
        }
        forwarded.increment();
        return forwarder.get(standbys.get(index), pathAndQuery, headers(state.self(), requestId))
                .handle((relayed, failure) -> failure == null && relayed.status() != 503 ? CompletableFuture.<Answer>completedFuture(relayed)
                        : tryStandbys(standbys, index + 1, pathAndQuery, requestId, lastReason))
                .thenCompose(stage -> stage);
    }

    private Answer fromLocal(SnapshotStore store, String key, Placement placement, boolean allowStale) {
        LocalRead read = state.read(store, key, placement, allowStale);
        Answer answer;
        if (read instanceof LocalRead.Hit hit) {
            answer = new Answer.Found(hit.value(), state.self(), hit.stale());
        } else if (read instanceof LocalRead.Miss miss) {
            answer = new Answer.Missing(state.self(), miss.stale());
        } else {
            answer = new Answer.Unavailable(((LocalRead.NoCopy) read).reason());
        }
        if ((answer instanceof Answer.Found f && f.stale()) || (answer instanceof Answer.Missing m && m.stale())) {
            staleAnswers.increment();
        }
        return answer;
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
}

package io.mmatracker.query.list;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.encode.EncodedDataCache;
import io.mmatracker.query.encode.View;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.lookup.Answer;
import io.mmatracker.query.lookup.Forwarder;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.IndexedPage;
import io.mmatracker.query.state.PartitionCopies;
import io.mmatracker.query.state.ScanResult;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.state.StateReader;

/**
 * Answers list requests. A source's objects are spread over every partition (keys hash on
 * {@code sourceId/objectId}), so the instance that receives a list request asks every instance for its
 * share: each reads only the partitions it was asked for, from local copies, and returns its first
 * {@code pageNum * pageSize} matches by id with the count of all matches; this instance merges them.
 * An instance that fails is replaced, for its partitions, by a standby copy (here or elsewhere).
 * When this instance holds the active copy of every partition it reads the page itself: the list index
 * (see {@link StateReader#listPage}) skips straight to it, so a page costs the same whatever its number.
 *
 * <p>A list is complete or it is not a page: every partition of the store (all of them, also one the metadata
 * names no copy of during a rebalance) must be answered by an active copy or a caught-up standby; if one is not,
 * the whole gathering is retried within the budget and then answered {@link ListPage.Unavailable}. A page that
 * used any standby share is marked stale.
 */
public final class ListGatherer {

    private final StateReader state;
    private final Forwarder forwarder;
    private final EncodedDataCache cache;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;
    private final long retryStepMillis;
    private final int maxRetries;

    /**
     * @param scheduler   runs the delayed retries of a list no copy of some partition could answer
     * @param retryBudget how long to keep retrying such a list (as for single objects); zero answers at once
     * @param retryStep   the pause between two retries
     */
    public ListGatherer(StateReader state, Forwarder forwarder, EncodedDataCache cache, ObjectMapper mapper,
                        ScheduledExecutorService scheduler, Duration retryBudget, Duration retryStep) {
        this.state = state;
        this.forwarder = forwarder;
        this.cache = cache;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.retryStepMillis = Math.max(1, retryStep.toMillis());
        this.maxRetries = (int) Math.min(1000, retryBudget.toMillis() / retryStepMillis);
    }

    /**
     * Gathers the page from every instance's share of the partitions; while some partition has no reachable
     * copy (a rebalance moving it), tries again within the retry budget.
     */
    public CompletionStage<ListPage> gather(ListQuery query, String requestId) {
        return gather(query, requestId, maxRetries);
    }

    private CompletionStage<ListPage> gather(ListQuery query, String requestId, int retriesLeft) {
        return gatherOnce(query, requestId).thenCompose(page -> {
            if (page instanceof ListPage.Page || retriesLeft <= 0) {
                return CompletableFuture.completedFuture(page);
            }
            Executor later = CompletableFuture.delayedExecutor(retryStepMillis, TimeUnit.MILLISECONDS, scheduler);
            return CompletableFuture.supplyAsync(() -> gather(query, requestId, retriesLeft - 1), later).thenCompose(next -> next);
        });
    }

    private CompletionStage<ListPage> gatherOnce(ListQuery query, String requestId) {
        List<PartitionCopies> partitions = state.partitions(query.store());
        if (partitions.isEmpty()) {
            return CompletableFuture.completedFuture(new ListPage.Unavailable("no partition of " + query.store().storeName() + " is assigned yet"));
        }
        if (partitions.stream().allMatch(p -> p.active().filter(state.self()::equals).isPresent())) {
            Set<Integer> all = new TreeSet<>();
            partitions.forEach(p -> all.add(p.partition()));
            ListPage page = local(query, all, false, (long) (query.pageNum() - 1) * query.pageSize());
            if (page instanceof ListPage.Page) {
                return CompletableFuture.completedFuture(page);
            }
        }
        Map<Integer, PartitionCopies> copies = new HashMap<>();
        partitions.forEach(p -> copies.put(p.partition(), p));
        Map<Endpoint, Set<Integer>> byOwner = new LinkedHashMap<>();
        Set<Integer> ownerless = new TreeSet<>();
        for (PartitionCopies p : partitions) {
            if (p.active().isPresent()) {
                byOwner.computeIfAbsent(p.active().get(), h -> new TreeSet<>()).add(p.partition());
            } else {
                ownerless.add(p.partition());
            }
        }
        List<CompletableFuture<ListPage>> shares = new ArrayList<>();
        byOwner.forEach((owner, parts) -> shares.add(fetch(query, requestId, owner, parts, false, copies, Set.of()).toCompletableFuture()));
        if (!ownerless.isEmpty()) {
            shares.add(reassign(query, requestId, ownerless, copies, Set.of(), "no active copy is assigned").toCompletableFuture());
        }
        return CompletableFuture.allOf(shares.toArray(CompletableFuture[]::new))
                .thenApply(done -> merge(query, shares.stream().map(CompletableFuture::join).toList()));
    }

    /** This instance's share: the first {@code pageNum * pageSize} matches of the given partitions, from local copies only. */
    public ListPage local(ListQuery query, Set<Integer> partitions, boolean allowStale) {
        return local(query, partitions, allowStale, 0);
    }

    /** The matches of the given local partitions from rank {@code skip} up to {@code pageNum * pageSize}. */
    private ListPage local(ListQuery query, Set<Integer> partitions, boolean allowStale, long skip) {
        int limit = (int) Math.max(0, query.limit() - skip);
        IndexedPage found;
        if (query.store() == SnapshotStore.DATA_SOURCES) {
            found = state.scanPage(query.store(), "", query::matches, partitions, allowStale, skip, limit);
        } else if (query.filter().isEmpty()) {
            found = state.listPage(query.store(), query.sourceId(), query.statuses(), partitions, allowStale, skip, limit);
        } else {
            found = state.selectPage(query.store(), query.selection(), partitions, allowStale, skip, limit);
        }
        ScanResult result = found.coverage();
        if (!result.isComplete()) {
            return new ListPage.Unavailable("no usable copy of partitions " + new TreeSet<>(result.missing()) + " on " + state.self()
                    + (result.whyMissing().isEmpty() ? "" : " (" + result.whyMissing().strip() + ")"));
        }
        List<ListPage.Item> items = new ArrayList<>(found.items().size());
        for (IndexedPage.Item item : found.items()) {
            // ListMmsDataSources' items carry no config, as MMA's (the GET gives it with withConfig=true)
            EncodedDataCache.Encoded encoded = cache.encoded(query.store(), item.key(), item.hit(),
                    query.store() == SnapshotStore.DATA_SOURCES ? View.WITHOUT_CONFIG : View.FULL);
            items.add(new ListPage.Item(item.id(), encoded.data()));
        }
        return new ListPage.Page(found.total(), skip, items, result.stale(), Set.of(state.self()));
    }

    /**
     * One instance's share. {@code tried} holds the instances that cannot give these partitions even from a
     * standby copy: unreachable ones, and those already asked with standbys allowed. An instance whose active copy
     * failed (still restoring after a rebalance, say) may still answer from that copy as a standby.
     */
    private CompletionStage<ListPage> fetch(ListQuery query, String requestId, Endpoint host, Set<Integer> partitions, boolean allowStale,
                                            Map<Integer, PartitionCopies> copies, Set<Endpoint> tried) {
        if (host.equals(state.self())) {
            ListPage page = local(query, partitions, allowStale);
            if (page instanceof ListPage.Page) {
                return CompletableFuture.completedFuture(page);
            }
            return reassign(query, requestId, partitions, copies, allowStale ? with(tried, host) : tried,
                    ((ListPage.Unavailable) page).reason());
        }
        Map<String, String> headers = Map.of(
                MmaHeaders.FORWARDED_BY.toString(), state.self().toString(),
                MmaHeaders.REQUEST_ID.toString(), requestId,
                MmaHeaders.PARTITIONS.toString(), partitions.stream().map(String::valueOf).collect(Collectors.joining(",")),
                MmaHeaders.ALLOW_STALE.toString(), Boolean.toString(allowStale));
        return forwarder.get(host, query.pathAndQuery(), headers)
                .handle((relayed, failure) -> {
                    ListPage page = failure == null ? parse(relayed, host) : null;
                    if (page instanceof ListPage.Page) {
                        return CompletableFuture.completedFuture(page);
                    }
                    String why = page instanceof ListPage.Unavailable u ? u.reason() : host + " unreachable (" + failure + ")";
                    return reassign(query, requestId, partitions, copies, failure != null || allowStale ? with(tried, host) : tried, why);
                })
                .thenCompose(stage -> stage);
    }

    private static Set<Endpoint> with(Set<Endpoint> tried, Endpoint host) {
        Set<Endpoint> more = new HashSet<>(tried);
        more.add(host);
        return more;
    }

    /** Asks, for each partition, a copy not yet tried: this instance first, then the other standbys. */
    private CompletionStage<ListPage> reassign(ListQuery query, String requestId, Set<Integer> partitions,
                                               Map<Integer, PartitionCopies> copies, Set<Endpoint> tried, String lastFailure) {
        Map<Endpoint, Set<Integer>> byHost = new LinkedHashMap<>();
        for (int partition : partitions) {
            PartitionCopies p = copies.get(partition);
            List<Endpoint> candidates = new ArrayList<>();
            if (p != null) {
                if (p.active().isPresent() && p.active().get().equals(state.self()) || p.standbys().contains(state.self())) {
                    candidates.add(state.self());
                }
                candidates.addAll(p.standbys());
                p.active().ifPresent(candidates::add);
            }
            Endpoint next = candidates.stream().filter(c -> !tried.contains(c)).findFirst().orElse(null);
            if (next == null) {
                return CompletableFuture.completedFuture(new ListPage.Unavailable("no reachable copy of partition " + partition
                        + " (last: " + lastFailure + ")"));
            }
            byHost.computeIfAbsent(next, h -> new TreeSet<>()).add(partition);
        }
        List<CompletableFuture<ListPage>> shares = new ArrayList<>();
        byHost.forEach((host, parts) -> shares.add(fetch(query, requestId, host, parts, true, copies, tried).toCompletableFuture()));
        return CompletableFuture.allOf(shares.toArray(CompletableFuture[]::new))
                .thenApply(done -> merge(query, shares.stream().map(CompletableFuture::join).toList()));
    }

    /** Reads another instance's share from its internal answer (MMA's list shape). */
    private ListPage parse(Answer.Relayed relayed, Endpoint host) {
        if (relayed.status() != 200) {
            return new ListPage.Unavailable(host + " answered " + relayed.status());
        }
        try {
            JsonNode data = mapper.readTree(relayed.body()).path("data");
            List<ListPage.Item> items = new ArrayList<>();
            for (JsonNode item : data.path("objectList")) {
                items.add(new ListPage.Item(item.path("id").asLong(), mapper.writeValueAsBytes(item)));
            }
            boolean stale = Boolean.parseBoolean(relayed.headers().getOrDefault("x-mma-stale", "false"));
            return new ListPage.Page(data.path("total").asLong(), items, stale, Set.of(host));
        } catch (IOException e) {
            return new ListPage.Unavailable(host + " sent an unreadable list: " + e.getMessage());
        }
    }

    /**
     * Merges shares (each in the list's order) into the requested page; ids seen twice count once. The order is by
     * id, or by the sorters (read from the items' JSON, as the shares ordered the stored values) and then id.
     */
    private ListPage merge(ListQuery query, List<ListPage> shares) {
        long total = 0;
        boolean stale = false;
        Set<Endpoint> servedBy = new HashSet<>();
        List<ListPage.Item> all = new ArrayList<>();
        for (ListPage share : shares) {
            if (share instanceof ListPage.Unavailable unavailable) {
                return unavailable;
            }
            ListPage.Page page = (ListPage.Page) share;
            total += page.total();
            stale |= page.stale();
            servedBy.addAll(page.servedBy());
            all.addAll(page.items());
        }
        all.sort(order(query, all));
        List<ListPage.Item> unique = new ArrayList<>(Math.min(all.size(), query.limit()));
        Set<Long> seen = new HashSet<>();
        for (ListPage.Item item : all) {
            if (seen.add(item.id())) {
                unique.add(item);
            } else {
                total--;
            }
        }
        return new ListPage.Page(total, unique.subList(0, Math.min(unique.size(), query.limit())), stale, servedBy);
    }

    private Comparator<ListPage.Item> order(ListQuery query, List<ListPage.Item> items) {
        Comparator<ListPage.Item> byId = Comparator.comparingLong(ListPage.Item::id);
        ListFilter filter = query.filter();
        if (filter.sorters().isEmpty()) {
            return byId;
        }
        Map<ListPage.Item, String[]> keys = new java.util.IdentityHashMap<>();
        for (ListPage.Item item : items) {
            try {
                keys.put(item, filter.sortKeys(mapper.readTree(item.data())));
            } catch (IOException e) {
                throw new IllegalStateException("an item of a list is not JSON", e);
            }
        }
        return ((Comparator<ListPage.Item>) (a, b) -> filter.compare(keys.get(a), keys.get(b))).thenComparing(byId);
    }
}

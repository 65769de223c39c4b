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
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.encode.EncodedDataCache;
import io.mmatracker.query.encode.View;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.lookup.Answer;
import io.mmatracker.query.lookup.Forwarder;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.IndexCounts;
import io.mmatracker.query.state.IndexedPage;
import io.mmatracker.query.state.PartitionCopies;
import io.mmatracker.query.state.ScanResult;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.state.StateReader;
import io.mmatracker.topology.list.ListIndex;

/**
 * Answers list requests. A source's objects are spread over every partition (keys hash on
 * {@code sourceId/objectId}), so the instance that receives a list request asks every instance for its
 * share: each reads only the partitions it was asked for, from local copies, and returns its first
 * {@code pageNum * pageSize} matches by id with the count of all matches; this instance merges them.
 * An instance that fails is replaced, for its partitions, by a standby copy (here or elsewhere).
 * When this instance holds the active copy of every partition it reads the page itself: the list index
 * (see {@link StateReader#listPage}) skips straight to it, so a page costs the same whatever its number.
 *
 * <p>A deep page of an indexed list (no filter beyond status, past the first bucket of 1024 ids) gathered from
 * several instances is read in two rounds, so that no share reads or sends the matches before the page: first every
 * share answers its matches per bucket ({@link ShareRound.Counts}, a few hundred numbers); this instance sums them,
 * finds the bucket the page starts in and the matches of that bucket before it; then every share answers at most
 * those plus {@code pageSize} matches from that bucket on ({@link ShareRound.FromBucket}), and the merge drops the
 * ones before the page. An instance of an older version answers a round with its old share
 * ({@link ListPage.Unsupported}); the list is then gathered the old way, so a rolling upgrade breaks no list.
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
    /** Items this instance read and sent as its share of another instance's list. */
    private final LongAdder sharedItems = new LongAdder();

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
        return isDeep(query) ? deep(query, requestId, partitions) : gatherShares(items(query), query, requestId, partitions);
    }

    /**
     * Whether a page is read in two rounds: an indexed list (no filter beyond status) whose page starts past the first
     * bucket of ids. Before it, the old share ({@code pageNum * pageSize} matches, fewer than a bucket and a page) costs
     * less than a second round.
     */
    private static boolean isDeep(ListQuery query) {
        return query.isIndexed() && (long) (query.pageNum() - 1) * query.pageSize() >= 1L << ListIndex.BUCKET_BITS;
    }

    /** Asks one round of every partition's copy (the active one, else a standby) and combines the shares. */
    private CompletionStage<ListPage> gatherShares(Round round, ListQuery query, String requestId, List<PartitionCopies> partitions) {
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
        byOwner.forEach((owner, parts) -> shares.add(fetch(round, query, requestId, owner, parts, false, copies, Set.of()).toCompletableFuture()));
        if (!ownerless.isEmpty()) {
            shares.add(reassign(round, query, requestId, ownerless, copies, Set.of(), "no active copy is assigned").toCompletableFuture());
        }
        return CompletableFuture.allOf(shares.toArray(CompletableFuture[]::new))
                .thenApply(done -> round.merge().apply(shares.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * A deep page in two rounds: every share's bucket counts place the page (its first bucket, and how many matches
     * of that bucket precede it), then every share's matches from that bucket on, at most those plus a page. The
     * counts may move between the rounds (objects change status); the page is then as exact as one read of a moving
     * list can be, as within one instance.
     */
    private CompletionStage<ListPage> deep(ListQuery query, String requestId, List<PartitionCopies> partitions) {
        long skip = (long) (query.pageNum() - 1) * query.pageSize();
        return gatherShares(counts(query), query, requestId, partitions).thenCompose(first -> {
            if (first instanceof ListPage.Unsupported) {
                return gatherShares(items(query), query, requestId, partitions);
            }
            if (!(first instanceof ListPage.Counts counts)) {
                return CompletableFuture.completedFuture(first);
            }
            long before = 0;
            Long bucket = null;
            for (Map.Entry<Long, Long> b : counts.buckets().entrySet()) {
                if (before + b.getValue() > skip) {
                    bucket = b.getKey();
                    break;
                }
                before += b.getValue();
            }
            if (bucket == null) {
                // past the end (or the buckets, read after the totals, hold fewer): an empty page
                return CompletableFuture.completedFuture(new ListPage.Page(counts.total(), skip, List.of(), counts.stale(), counts.servedBy()));
            }
            long pageStart = before;
            int limit = (int) Math.min(Integer.MAX_VALUE, skip - before + query.pageSize());
            return gatherShares(fromBucket(query, new ShareRound.FromBucket(bucket, limit)), query, requestId, partitions)
                    .thenCompose(second -> {
                        if (second instanceof ListPage.Unsupported) {
                            return gatherShares(items(query), query, requestId, partitions);
                        }
                        if (!(second instanceof ListPage.Page page)) {
                            return CompletableFuture.completedFuture(second);
                        }
                        Set<Endpoint> servedBy = new HashSet<>(page.servedBy());
                        servedBy.addAll(counts.servedBy());
                        return CompletableFuture.completedFuture(new ListPage.Page(page.total(), pageStart, page.items(),
                                page.stale() || counts.stale(), servedBy));
                    });
        });
    }

    /**
     * One round of a list: the header asking for it (null: the old share), this instance's own share of some
     * partitions (standbys allowed or not), how another instance's answer reads, and how the shares combine.
     */
    private record Round(ShareRound header, BiFunction<Set<Integer>, Boolean, ListPage> local,
                         BiFunction<Answer.Relayed, Endpoint, ListPage> parse, Function<List<ListPage>, ListPage> merge) {
    }

    /** Every share's first {@code pageNum * pageSize} matches. */
    private Round items(ListQuery query) {
        return new Round(null, (parts, allowStale) -> local(query, parts, allowStale),
                (relayed, host) -> parse(relayed, host, null), shares -> merge(query, shares, query.limit()));
    }

    /** Every share's matches per bucket. */
    private Round counts(ListQuery query) {
        return new Round(new ShareRound.Counts(), (parts, allowStale) -> localCounts(query, parts, allowStale),
                this::parseCounts, ListGatherer::sum);
    }

    /** Every share's first {@code round.limit()} matches from {@code round.bucket()} on. */
    private Round fromBucket(ListQuery query, ShareRound.FromBucket round) {
        return new Round(round, (parts, allowStale) -> localFromBucket(query, parts, allowStale, round),
                (relayed, host) -> parse(relayed, host, round), shares -> merge(query, shares, round.limit()));
    }

    /**
     * This instance's share of another instance's list ({@code X-MMA-Partitions}), of the round asked: without one
     * (null) the first {@code pageNum * pageSize} matches.
     */
    public ListPage share(ListQuery query, Set<Integer> partitions, boolean allowStale, ShareRound round) {
        if (round != null && !query.isIndexed()) {
            throw new IllegalArgumentException("only a list without filters beyond status is read in rounds");
        }
        Round asked = round instanceof ShareRound.FromBucket from ? fromBucket(query, from)
                : round instanceof ShareRound.Counts ? counts(query) : items(query);
        ListPage page = asked.local().apply(partitions, allowStale);
        if (page instanceof ListPage.Page items) {
            sharedItems.add(items.items().size());
        }
        return page;
    }

    /** Items this instance read and sent as its share of another instance's list, since start. */
    public long sharedItems() {
        return sharedItems.sum();
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
        } else if (query.isIndexed()) {
            found = state.listPage(query.store(), query.sourceId(), query.statuses(), partitions, allowStale, skip, limit);
        } else {
            found = state.selectPage(query.store(), query.selection(), partitions, allowStale, skip, limit);
        }
        return encoded(query, found, skip);
    }

    /** The items of a page read here, encoded (as MMA's JSON); unavailable when a partition had no usable copy. */
    private ListPage encoded(ListQuery query, IndexedPage found, long skip) {
        ScanResult result = found.coverage();
        if (!result.isComplete()) {
            return unavailable(result);
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

    private ListPage localCounts(ListQuery query, Set<Integer> partitions, boolean allowStale) {
        IndexCounts counts = state.listCounts(query.store(), query.sourceId(), query.statuses(), partitions, allowStale);
        ScanResult result = counts.coverage();
        if (!result.isComplete()) {
            return unavailable(result);
        }
        return new ListPage.Counts(counts.total(), counts.buckets(), result.stale(), Set.of(state.self()));
    }

    private ListPage localFromBucket(ListQuery query, Set<Integer> partitions, boolean allowStale, ShareRound.FromBucket round) {
        return encoded(query, state.listPageFromBucket(query.store(), query.sourceId(), query.statuses(), partitions, allowStale,
                round.bucket(), round.limit()), 0);
    }

    private ListPage.Unavailable unavailable(ScanResult result) {
        return new ListPage.Unavailable("no usable copy of partitions " + new TreeSet<>(result.missing()) + " on " + state.self()
                + (result.whyMissing().isEmpty() ? "" : " (" + result.whyMissing().strip() + ")"));
    }

    /**
     * One instance's share of a round. {@code tried} holds the instances that cannot give these partitions even from a
     * standby copy: unreachable ones, and those already asked with standbys allowed. An instance whose active copy
     * failed (still restoring after a rebalance, say) may still answer from that copy as a standby. An answer of an
     * older version ({@link ListPage.Unsupported}) is passed on: the whole list is then gathered the old way.
     */
    private CompletionStage<ListPage> fetch(Round round, ListQuery query, String requestId, Endpoint host, Set<Integer> partitions,
                                            boolean allowStale, Map<Integer, PartitionCopies> copies, Set<Endpoint> tried) {
        if (host.equals(state.self())) {
            ListPage page = round.local().apply(partitions, allowStale);
            if (!(page instanceof ListPage.Unavailable unavailable)) {
                return CompletableFuture.completedFuture(page);
            }
            return reassign(round, query, requestId, partitions, copies, allowStale ? with(tried, host) : tried, unavailable.reason());
        }
        Map<String, String> headers = new HashMap<>(Map.of(
                MmaHeaders.FORWARDED_BY.toString(), state.self().toString(),
                MmaHeaders.REQUEST_ID.toString(), requestId,
                MmaHeaders.PARTITIONS.toString(), partitions.stream().map(String::valueOf).collect(Collectors.joining(",")),
                MmaHeaders.ALLOW_STALE.toString(), Boolean.toString(allowStale)));
        if (round.header() != null) {
            headers.put(MmaHeaders.LIST_ROUND.toString(), round.header().header());
        }
        return forwarder.get(host, query.pathAndQuery(), headers)
                .handle((relayed, failure) -> {
                    ListPage page = failure == null ? round.parse().apply(relayed, host) : null;
                    if (page != null && !(page instanceof ListPage.Unavailable)) {
                        return CompletableFuture.completedFuture(page);
                    }
                    String why = page instanceof ListPage.Unavailable u ? u.reason() : host + " unreachable (" + failure + ")";
                    return reassign(round, query, requestId, partitions, copies, failure != null || allowStale ? with(tried, host) : tried, why);
                })
                .thenCompose(stage -> stage);
    }

    private static Set<Endpoint> with(Set<Endpoint> tried, Endpoint host) {
        Set<Endpoint> more = new HashSet<>(tried);
        more.add(host);
        return more;
    }

    /** Asks, for each partition, a copy not yet tried: this instance first, then the other standbys. */
    private CompletionStage<ListPage> reassign(Round round, ListQuery query, String requestId, Set<Integer> partitions,
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
        byHost.forEach((host, parts) -> shares.add(fetch(round, query, requestId, host, parts, true, copies, tried).toCompletableFuture()));
        return CompletableFuture.allOf(shares.toArray(CompletableFuture[]::new))
                .thenApply(done -> round.merge().apply(shares.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * Reads another instance's share of items from its internal answer (MMA's list shape). The answer to a
     * {@code fromBucket} round names its bucket; one that does not is an older version's whole share.
     */
    private ListPage parse(Answer.Relayed relayed, Endpoint host, ShareRound.FromBucket fromBucket) {
        if (relayed.status() != 200) {
            return new ListPage.Unavailable(host + " answered " + relayed.status());
        }
        try {
            JsonNode data = mapper.readTree(relayed.body()).path("data");
            if (fromBucket != null && data.path(ShareRound.FROM_BUCKET_FIELD).asLong(-1) != fromBucket.bucket()) {
                return new ListPage.Unsupported(host);
            }
            List<ListPage.Item> items = new ArrayList<>();
            for (JsonNode item : data.path("objectList")) {
                items.add(new ListPage.Item(item.path("id").asLong(), mapper.writeValueAsBytes(item)));
            }
            return new ListPage.Page(data.path("total").asLong(), items, isStale(relayed), Set.of(host));
        } catch (IOException e) {
            return new ListPage.Unavailable(host + " sent an unreadable list: " + e.getMessage());
        }
    }

    /** Reads another instance's bucket counts; an answer without them is an older version's whole share. */
    private ListPage parseCounts(Answer.Relayed relayed, Endpoint host) {
        if (relayed.status() != 200) {
            return new ListPage.Unavailable(host + " answered " + relayed.status());
        }
        try {
            JsonNode data = mapper.readTree(relayed.body()).path("data");
            JsonNode pairs = data.path(ShareRound.BUCKETS_FIELD);
            if (!pairs.isArray()) {
                return new ListPage.Unsupported(host);
            }
            NavigableMap<Long, Long> buckets = new TreeMap<>();
            for (JsonNode pair : pairs) {
                buckets.put(pair.path(0).asLong(), pair.path(1).asLong());
            }
            return new ListPage.Counts(data.path("total").asLong(), buckets, isStale(relayed), Set.of(host));
        } catch (IOException e) {
            return new ListPage.Unavailable(host + " sent unreadable counts: " + e.getMessage());
        }
    }

    private static boolean isStale(Answer.Relayed relayed) {
        return Boolean.parseBoolean(relayed.headers().getOrDefault("x-mma-stale", "false"));
    }

    /** Sums bucket counts of disjoint partitions; the first share that is not counts is the answer instead. */
    private static ListPage sum(List<ListPage> shares) {
        long total = 0;
        boolean stale = false;
        Set<Endpoint> servedBy = new HashSet<>();
        NavigableMap<Long, Long> buckets = new TreeMap<>();
        for (ListPage share : shares) {
            if (!(share instanceof ListPage.Counts counts)) {
                return share;
            }
            total += counts.total();
            stale |= counts.stale();
            servedBy.addAll(counts.servedBy());
            counts.buckets().forEach((bucket, count) -> buckets.merge(bucket, count, Long::sum));
        }
        return new ListPage.Counts(total, buckets, stale, servedBy);
    }

    /**
     * Merges shares (each in the list's order) into their first {@code limit} items; ids seen twice count once. The
     * order is by id, or by the sorters (read from the items' JSON, as the shares ordered the stored values) and then
     * id. The first share that is not a page (unavailable, or an older version's) is the answer instead.
     */
    private ListPage merge(ListQuery query, List<ListPage> shares, int limit) {
        long total = 0;
        boolean stale = false;
        Set<Endpoint> servedBy = new HashSet<>();
        List<ListPage.Item> all = new ArrayList<>();
        for (ListPage share : shares) {
            if (!(share instanceof ListPage.Page page)) {
                return share;
            }
            total += page.total();
            stale |= page.stale();
            servedBy.addAll(page.servedBy());
            all.addAll(page.items());
        }
        all.sort(order(query, all));
        List<ListPage.Item> unique = new ArrayList<>(Math.min(all.size(), limit));
        Set<Long> seen = new HashSet<>();
        for (ListPage.Item item : all) {
            if (seen.add(item.id())) {
                unique.add(item);
            } else {
                total--;
            }
        }
        return new ListPage.Page(total, unique.subList(0, Math.min(unique.size(), limit)), stale, servedBy);
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

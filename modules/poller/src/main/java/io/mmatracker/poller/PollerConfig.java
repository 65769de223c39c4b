package io.mmatracker.poller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.mmatracker.poller.budget.BudgetConfig;
import io.mmatracker.poller.schedule.Backoff;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.topic.Topics;

/**
 * Everything a poller instance needs to know, validated on construction: a bad value names its key
 * ({@code poller.*}) and what it accepts. {@link #builder(String)} gives the defaults the demo runs with.
 *
 * @param pollerId              this instance's name in snapshots and watermarks ({@code poller.id})
 * @param endpoint              the MMA endpoint polled, recorded in every snapshot; never credentials
 * @param region                the region of that endpoint, or null
 * @param topics                topic names
 * @param sourceIds             the data sources to poll; empty = every data source MMA lists
 * @param requestsPerSecond     ceiling of the request budget
 * @param activeInterval        how often moving objects are polled
 * @param reconcileInterval     how often each source is fully listed (new, deleted, retried objects)
 * @param discoveryInterval     how often MMA's data source list is read for new sources
 * @param catchUpInterval       earliest next reconciliation after MMA's table counters showed changes the active
 *                              lists missed
 * @param retry                 backoff of a source whose cycle failed
 * @param activeJobStatuses     job statuses polled every active interval (ListMmsJobs status filter)
 * @param activeTableStatuses   table statuses polled every active interval (ListMmsTables status filter)
 * @param pageSize              page size of list calls
 * @param workers               sources polled in parallel (each waits on the shared budget)
 * @param coordinationPartitions partitions of the coordination topic when this instance creates it
 * @param scanAsAsyncTask       also follow a data source's scanId as an async task (MMA documents both ids as one)
 * @param trackTasks            follow the migration tasks of the sources' jobs (ListMmsTasks, see {@code TaskPolling})
 * @param taskLogShare          the share of {@code requestsPerSecond} that reading failed tasks' logs may take (the
 *                              rest of them wait, oldest failure first)
 * @param closeTimeout          how long {@code close()} waits for running cycles, and {@code start()} for Kafka to
 *                              create the coordination topic
 * @param groupMember           consumer settings of this instance's coordination-group member, over the defaults:
 *                              failure detection ({@code session.timeout.ms}, {@code heartbeat.interval.ms}) and
 *                              static membership ({@code group.instance.id})
 */
public record PollerConfig(String pollerId, String endpoint, String region, Topics topics, List<Long> sourceIds,
                           double requestsPerSecond, Duration activeInterval, Duration reconcileInterval,
                           Duration discoveryInterval, Duration catchUpInterval, Backoff retry, Set<String> activeJobStatuses,
                           Set<String> activeTableStatuses, int pageSize, int workers, int coordinationPartitions,
                           boolean scanAsAsyncTask, boolean trackTasks, double taskLogShare, Duration closeTimeout,
                           Map<String, Object> groupMember) {

    /**
     * The largest page MMA's list calls are asked for, and the default: MMA documents no maximum; 1000 is what the
     * tracker's own API and the simulator accept. Fewer, larger pages keep the request budget for moving objects.
     */
    public static final int MAX_PAGE_SIZE = 1000;

    public PollerConfig {
        require("poller.id", pollerId != null && !pollerId.isBlank(), "must be a non-empty name", pollerId);
        require("poller.endpoint", endpoint != null && !endpoint.isBlank(), "must be the MMA endpoint (host or URL)",
                endpoint);
        require("poller.endpoint", endpoint.indexOf('@') < 0,
                "must not carry credentials (user info in the URL)", "an endpoint with user info");
        Objects.requireNonNull(topics, "topics");
        sourceIds = List.copyOf(Objects.requireNonNull(sourceIds, "sourceIds"));
        require("poller.requests-per-second", requestsPerSecond > 0 && requestsPerSecond <= 10_000,
                "must be a number of requests per second in (0, 10000]", requestsPerSecond);
        positive("poller.active-interval", activeInterval);
        positive("poller.reconcile-interval", reconcileInterval);
        require("poller.reconcile-interval", reconcileInterval.compareTo(activeInterval) >= 0,
                "must not be shorter than poller.active-interval " + activeInterval, reconcileInterval);
        positive("poller.discovery-interval", discoveryInterval);
        positive("poller.catch-up-interval", catchUpInterval);
        Objects.requireNonNull(retry, "retry");
        activeJobStatuses = Set.copyOf(Objects.requireNonNull(activeJobStatuses, "activeJobStatuses"));
        activeTableStatuses = Set.copyOf(Objects.requireNonNull(activeTableStatuses, "activeTableStatuses"));
        unsettledStatuses("poller.active-job-statuses", KindCatalog.JOB, activeJobStatuses);
        unsettledStatuses("poller.active-table-statuses", KindCatalog.TABLE, activeTableStatuses);
        require("poller.page-size", pageSize >= 1 && pageSize <= MAX_PAGE_SIZE, "must be an integer in [1, " + MAX_PAGE_SIZE + "]", pageSize);
        require("poller.workers", workers >= 1 && workers <= 64, "must be an integer in [1, 64]", workers);
        require("poller.coordination-partitions", coordinationPartitions >= 1 && coordinationPartitions <= 1000,
                "must be an integer in [1, 1000]", coordinationPartitions);
        require("poller.task-log-share", taskLogShare > 0 && taskLogShare <= 1,
                "must be a share of the request budget in (0, 1]", taskLogShare);
        positive("poller.close-timeout", closeTimeout);
        groupMember = Map.copyOf(Objects.requireNonNull(groupMember, "groupMember"));
    }

    /** The budget of this instance: the configured ceiling with the standard AIMD settings. */
    public BudgetConfig budget() {
        return BudgetConfig.withCeiling(requestsPerSecond);
    }

    /** The consumer group the instances of one deployment share sources through. */
    public String groupId() {
        return topics.prefix() + "poller";
    }

    /** The topic whose partitions the group divides: a source belongs to the owner of its partition. */
    public String coordinationTopic() {
        return topics.prefix() + "poller-coordination";
    }

    public static Builder builder(String endpoint) {
        return new Builder(endpoint);
    }

    public Builder toBuilder() {
        Builder b = new Builder(endpoint);
        b.pollerId = pollerId;
        b.region = region;
        b.topics = topics;
        b.sourceIds = sourceIds;
        b.requestsPerSecond = requestsPerSecond;
        b.activeInterval = activeInterval;
        b.reconcileInterval = reconcileInterval;
        b.discoveryInterval = discoveryInterval;
        b.catchUpInterval = catchUpInterval;
        b.retry = retry;
        b.activeJobStatuses = activeJobStatuses;
        b.activeTableStatuses = activeTableStatuses;
        b.pageSize = pageSize;
        b.workers = workers;
        b.coordinationPartitions = coordinationPartitions;
        b.scanAsAsyncTask = scanAsAsyncTask;
        b.trackTasks = trackTasks;
        b.taskLogShare = taskLogShare;
        b.closeTimeout = closeTimeout;
        b.groupMember = groupMember;
        return b;
    }

    private static void require(String key, boolean ok, String accepts, Object got) {
        if (!ok) {
            throw new PollerConfigException(key, accepts, got);
        }
    }

    /**
     * Statuses polled often must be ones the kind's lifecycle (REFERENCE.md §6) has objects leave: a typo or a settled
     * status would silently poll nothing often.
     */
    private static void unsettledStatuses(String key, Kind<?, ?> kind, Set<String> statuses) {
        Set<String> allowed = kind.lifecycle().unsettledStatuses();
        require(key, allowed.containsAll(statuses),
                "must be " + kind.mmaName() + " statuses that are not settled, comma-separated, from " + String.join(",", allowed)
                        + " (" + kind.lifecycle().reference() + ")",
                statuses.stream().sorted().collect(Collectors.joining(",")));
    }

    private static void positive(String key, Duration value) {
        require(key, value != null && !value.isNegative() && !value.isZero(), "must be a positive duration", value);
    }

    /** Defaults: 20 requests/s, active every 5 s, reconcile every 10 min, discovery every minute. */
    public static final class Builder {
        private final String endpoint;
        private String pollerId = "poller-" + ProcessHandle.current().pid();
        private String region;
        private Topics topics = Topics.defaults();
        private List<Long> sourceIds = List.of();
        private double requestsPerSecond = 20;
        private Duration activeInterval = Duration.ofSeconds(5);
        private Duration reconcileInterval = Duration.ofMinutes(10);
        private Duration discoveryInterval = Duration.ofMinutes(1);
        private Duration catchUpInterval = Duration.ofSeconds(30);
        private Backoff retry = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        private Set<String> activeJobStatuses = Set.of("INIT", "DOING");
        // INIT tables are mostly waiting, often most of a fleet: polling them would cost pages per cycle for nothing
        private Set<String> activeTableStatuses = Set.of("DOING");
        private int pageSize = MAX_PAGE_SIZE;
        private int workers = 4;
        private int coordinationPartitions = 12;
        private boolean scanAsAsyncTask = true;
        private boolean trackTasks = true;
        private double taskLogShare = 0.25;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Map<String, Object> groupMember = Map.of();

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        public Builder pollerId(String v) { pollerId = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder topics(Topics v) { topics = v; return this; }
        public Builder sourceIds(List<Long> v) { sourceIds = v; return this; }
        public Builder requestsPerSecond(double v) { requestsPerSecond = v; return this; }
        public Builder activeInterval(Duration v) { activeInterval = v; return this; }
        public Builder reconcileInterval(Duration v) { reconcileInterval = v; return this; }
        public Builder discoveryInterval(Duration v) { discoveryInterval = v; return this; }
        public Builder catchUpInterval(Duration v) { catchUpInterval = v; return this; }
        public Builder retry(Backoff v) { retry = v; return this; }
        public Builder activeJobStatuses(Set<String> v) { activeJobStatuses = v; return this; }
        public Builder activeTableStatuses(Set<String> v) { activeTableStatuses = v; return this; }
        public Builder pageSize(int v) { pageSize = v; return this; }
        public Builder workers(int v) { workers = v; return this; }
        public Builder coordinationPartitions(int v) { coordinationPartitions = v; return this; }
        public Builder scanAsAsyncTask(boolean v) { scanAsAsyncTask = v; return this; }
        public Builder trackTasks(boolean v) { trackTasks = v; return this; }
        public Builder taskLogShare(double v) { taskLogShare = v; return this; }
        public Builder closeTimeout(Duration v) { closeTimeout = v; return this; }
        public Builder groupMember(Map<String, Object> v) { groupMember = v; return this; }

        public PollerConfig build() {
            return new PollerConfig(pollerId, endpoint, region, topics, sourceIds, requestsPerSecond, activeInterval,
                    reconcileInterval, discoveryInterval, catchUpInterval, retry, activeJobStatuses,
                    activeTableStatuses, pageSize,
                    workers, coordinationPartitions, scanAsAsyncTask, trackTasks, taskLogShare, closeTimeout, groupMember);
        }
    }
}

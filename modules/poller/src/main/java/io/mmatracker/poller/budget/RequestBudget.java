package io.mmatracker.poller.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The one request budget every MMA call of a poller instance draws from: a token bucket refilled at the current
 * rate, holding at most one second's worth of tokens, with AIMD rate control. MMA counts flow control per account,
 * so all calls share one budget whatever source or kind they are for.
 * <ul>
 *   <li>A throttled answer multiplies the rate down (at most once per cooldown, since the requests in flight
 *       answer "throttled" together), empties the bucket and pauses everyone for a jittered, growing while.</li>
 *   <li>Every other answer adds a small step back, never above the configured ceiling.</li>
 *   <li>{@link Priority#FIRST_LISTING} and {@link Priority#ACTIVE} requests may use the whole bucket;
 *       {@link Priority#BACKGROUND} ones leave a reserve for active ones. A request waits while one of a more
 *       urgent priority is waiting, so when the budget is short first listings are served first, then moving
 *       objects; a background request that has waited {@link BudgetConfig#backgroundMaxWait()} goes before
 *       the active ones (at most once per that wait and a quarter of the rate), so reconciliations slow down but do
 *       not stop while only active polls compete with them.</li>
 * </ul>
 */
public final class RequestBudget {

    private static final Duration MIN_WAIT = Duration.ofMillis(1);
    private static final Duration YIELD_WAIT = Duration.ofMillis(5);
    /** The most of the rate overdue background requests may take ahead of active ones. */
    private static final double OVERDUE_SHARE = 0.25;

    private final BudgetConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final Sleeper sleeper;

    private double rate;
    private double tokens;
    private Instant lastRefill;
    private Instant pausedUntil;
    private Instant lastDecrease;
    private int throttleStreak;
    /** Callers blocked in {@link #acquire}, by priority. */
    private final int[] waiters = new int[Priority.values().length];
    /** Background callers blocked in {@link #acquire} for longer than {@link BudgetConfig#backgroundMaxWait()}. */
    private int overdueWaiters;
    /** When an overdue background request last went ahead of the active ones; null: never. */
    private Instant lastOverdueJump;

    public RequestBudget(BudgetConfig config, Clock clock, RandomGenerator random, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.rate = config.ceiling();
        this.tokens = capacity();
        this.lastRefill = clock.instant();
        this.pausedUntil = lastRefill;
    }

    /** Takes a token if the given priority may have one now; never blocks. */
    public synchronized boolean tryAcquire(Priority priority) {
        return tryAcquire(priority, false);
    }

    private boolean tryAcquire(Priority priority, boolean overdue) {
        Instant now = clock.instant();
        refill(now);
        if (now.isBefore(pausedUntil)) {
            return false;
        }
        boolean jumping = overdue && mayJump(now);
        if (heldBack(priority, overdue, now)) {
            return false;
        }
        if (tokens < needed(jumping ? Priority.ACTIVE : priority)) {
            return false;
        }
        tokens -= 1;
        if (jumping) {
            lastOverdueJump = now;
        }
        return true;
    }

    /** How long until {@link #tryAcquire} could succeed for this priority, if nobody else takes a token first. */
    public synchronized Duration waitTime(Priority priority) {
        Instant now = clock.instant();
        refill(now);
        Duration pause = now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
        double atResume = Math.min(capacity(), tokens + seconds(pause) * rate);
        double deficit = needed(priority) - atResume;
        if (deficit <= 0) {
            return pause;
        }
        return pause.plusNanos((long) Math.ceil(deficit / rate * 1e9));
    }

    /**
     * Blocks until a token is granted to this priority. A {@link Priority#BACKGROUND} request that has waited
     * {@link BudgetConfig#backgroundMaxWait()} is overdue: it takes the next token before any active request, without
     * the reserve (only a first listing still goes first). Without that, active polls that use the whole rate would
     * hold a reconciliation back for ever, and with it its source, whose cycle it is: none of that source's changes
     * would be seen. Overdue requests go ahead at most once per {@code backgroundMaxWait} and at most a quarter of
     * the rate ({@link #mayJump}); otherwise they wait as background requests do, so the several workers' overdue
     * reconciliations cannot in turn hold the active polls back (at the 0.5/s floor after throttling, say).
     */
    public void acquire(Priority priority) throws InterruptedException {
        Instant overdueAt = priority == Priority.BACKGROUND ? clock.instant().plus(config.backgroundMaxWait()) : null;
        boolean overdue = false;
        boolean waiting = false;
        try {
            while (true) {
                Duration wait;
                synchronized (this) {
                    if (overdueAt != null && !clock.instant().isBefore(overdueAt)) {
                        if (waiting) {
                            waiters[priority.ordinal()]--;
                            overdueWaiters++;
                        }
                        overdue = true;
                        overdueAt = null;
                    }
                    if (tryAcquire(priority, overdue)) {
                        return;
                    }
                    if (!waiting) {
                        if (overdue) {
                            overdueWaiters++;
                        } else {
                            waiters[priority.ordinal()]++;
                        }
                        waiting = true;
                    }
                    Instant now = clock.instant();
                    wait = waitTime(overdue && mayJump(now) ? Priority.ACTIVE : priority);
                    if (heldBack(priority, overdue, now) && wait.compareTo(YIELD_WAIT) < 0) {
                        wait = YIELD_WAIT;
                    }
                    // wake when the request becomes overdue, or when an overdue one may go ahead again
                    Instant wake = overdueAt != null ? overdueAt : overdue && !mayJump(now) ? nextJumpAt() : null;
                    if (wake != null && Duration.between(now, wake).compareTo(wait) < 0) {
                        wait = Duration.between(now, wake);
                    }
                }
                sleeper.sleep(wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait);
            }
        } finally {
            if (waiting) {
                synchronized (this) {
                    if (overdue) {
                        overdueWaiters--;
                    } else {
                        waiters[priority.ordinal()]--;
                    }
                }
            }
        }
    }

    /** MMA answered without throttling (success or a non-throttling error): recover additively. */
    public synchronized void onSuccess() {
        refill(clock.instant());
        throttleStreak = 0;
        rate = Math.min(config.ceiling(), rate + config.recoveryStep());
    }

    /**
     * MMA answered "throttled": decrease multiplicatively, empty the bucket, pause with jitter.
     *
     * @param retryAfter what MMA asked for, or null; the pause is at least that long
     */
    public synchronized void onThrottled(Duration retryAfter) {
        Instant now = clock.instant();
        refill(now);
        if (lastDecrease == null || !now.isBefore(lastDecrease.plus(config.decreaseCooldown()))) {
            rate = Math.max(config.floor(), rate * config.decreaseFactor());
            lastDecrease = now;
            throttleStreak++;
        }
        tokens = 0;
        Duration pause = config.throttlePause().delay(throttleStreak, random);
        if (retryAfter != null && retryAfter.compareTo(pause) > 0) {
            pause = retryAfter;
        }
        Instant until = now.plus(pause);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /** The current rate in requests per second. */
    public synchronized double rate() {
        return rate;
    }

    /** The configured ceiling of the rate. */
    public double ceiling() {
        return config.ceiling();
    }

    /** True while a throttling pause holds every request back. */
    public synchronized boolean isPaused() {
        return clock.instant().isBefore(pausedUntil);
    }

    private double capacity() {
        return Math.max(1.0, rate);
    }

    /**
     * True if a request of this priority must let a waiting one go first: a more urgent one, or an overdue background
     * request that may go ahead now (which itself only lets first listings go first; one that may not waits as a
     * background request).
     */
    private boolean heldBack(Priority priority, boolean overdue, Instant now) {
        boolean jumpAllowed = mayJump(now);
        if (overdue && jumpAllowed) {
            return waiters[Priority.FIRST_LISTING.ordinal()] > 0;
        }
        return moreUrgentWaiting(priority)
                || (priority != Priority.FIRST_LISTING && !overdue && overdueWaiters > 0 && jumpAllowed);
    }

    /** Whether an overdue background request may go ahead of the active ones now. */
    private boolean mayJump(Instant now) {
        return lastOverdueJump == null || !now.isBefore(nextJumpAt());
    }

    private Instant nextJumpAt() {
        if (lastOverdueJump == null) {
            return clock.instant();
        }
        double seconds = Math.max(seconds(config.backgroundMaxWait()), 1 / (rate * OVERDUE_SHARE));
        return lastOverdueJump.plusNanos((long) Math.ceil(seconds * 1e9));
    }

    private boolean moreUrgentWaiting(Priority priority) {
        for (Priority other : Priority.values()) {
            if (other.isBefore(priority) && waiters[other.ordinal()] > 0) {
                return true;
            }
        }
        return false;
    }

    private double needed(Priority priority) {
        if (priority != Priority.BACKGROUND) {
            return 1;
        }
        double capacity = capacity();
        return 1 + Math.min(capacity * config.activeReserve(), capacity - 1);
    }

    private void refill(Instant now) {
        if (now.isAfter(lastRefill)) {
            tokens = Math.min(capacity(), tokens + seconds(Duration.between(lastRefill, now)) * rate);
            lastRefill = now;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

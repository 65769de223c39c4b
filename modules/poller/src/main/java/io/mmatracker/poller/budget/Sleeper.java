package io.mmatracker.poller.budget;

import java.time.Duration;

/** Waits for a while; injected so that tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Real sleeping on the calling thread. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
}

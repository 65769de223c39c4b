package io.mmatracker.app.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells a long-running command when to stop, and lets whoever asked wait until it has. On the JVM's shutdown
 * (SIGTERM, Ctrl-C) the hook asks for the stop and then waits for the command to finish closing its roles, because
 * the JVM halts as soon as its shutdown hooks return.
 */
public final class StopSignal {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** A signal raised by the JVM's shutdown; the hook waits up to {@code grace} for the command to stop. */
    public static StopSignal onJvmShutdown(Duration grace) {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signal.request();
            signal.awaitFinished(grace);
        }, "mma-tracker-shutdown"));
        return signal;
    }

    /** Asks the command to stop; returns at once. */
    public void request() {
        requested.countDown();
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Blocks until a stop is requested. */
    public void awaitRequest() throws InterruptedException {
        requested.await();
    }

    /** Blocks until a stop is requested or {@code timeout} passes; true if requested. */
    public boolean awaitRequest(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The command has closed everything it started. */
    public void finished() {
        finished.countDown();
    }

    /** Waits up to {@code timeout} for {@link #finished()}; true if it came. */
    public boolean awaitFinished(Duration timeout) {
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.mmatracker.app.lifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a command that runs until stopped when to stop. Only such a command calls {@link #untilStopped()}; from then
 * on (in a signal made by {@link #onJvmShutdown}) SIGTERM and Ctrl-C raise the stop through a shutdown hook, which
 * waits for the command's exit code and ends the process with it. Short commands never install the hook, so they
 * exit the moment they return.
 *
 * <p>Why the hook ends the process itself: the JVM reports a signal-initiated shutdown as 128 + the signal (143 for
 * SIGTERM, 130 for Ctrl-C) once its hooks return, and {@code System.exit} called during that shutdown blocks for
 * ever. A clean stop must read as exit 0 to systemd and Kubernetes, so the hook waits for the code
 * {@link #exited(int)} hands over and then calls {@link Runtime#halt(int)} with it (only after everything the
 * command started has closed).
 */
public final class StopSignal {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final Optional<Duration> jvmShutdownGrace;
    private final AtomicBoolean hooked = new AtomicBoolean();

    /** A signal raised only by {@link #request()} (tests, in-process runs): no shutdown hook. */
    public StopSignal() {
        this(Optional.empty());
    }

    private StopSignal(Optional<Duration> jvmShutdownGrace) {
        this.jvmShutdownGrace = jvmShutdownGrace;
    }

    /**
     * A signal the JVM's shutdown raises once the command calls {@link #untilStopped()}; the hook then waits up to
     * {@code grace} for the exit code.
     */
    public static StopSignal onJvmShutdown(Duration grace) {
        return new StopSignal(Optional.of(grace));
    }

    /** Called by a command that runs until stopped, before it starts anything: SIGTERM and Ctrl-C now stop it. */
    public void untilStopped() {
        jvmShutdownGrace.filter(grace -> hooked.compareAndSet(false, true)).ifPresent(grace ->
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndExit(grace), "mma-tracker-shutdown")));
    }

    private void stopAndExit(Duration grace) {
        request();
        int code;
        try {
            code = exitCode.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            System.err.println("mma-tracker: did not stop within " + grace.toSeconds() + " s; exiting anyway");
            code = 1;
        } catch (InterruptedException | ExecutionException e) {
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
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

    /**
     * The command has returned {@code code}, everything it started closed. A shutdown under way (SIGTERM, Ctrl-C)
     * ends the process with this code; otherwise the caller exits with it.
     */
    public void exited(int code) {
        exitCode.complete(code);
    }
}

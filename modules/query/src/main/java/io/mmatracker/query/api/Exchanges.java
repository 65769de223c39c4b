package io.mmatracker.query.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;

/**
 * The handlers' thread plumbing. Handlers run on I/O threads: work that may block (scans, producer sends) goes to
 * the worker pool, and answers that arrive from other threads are written back on the exchange's I/O thread.
 * Whatever fails on the way ends in {@link RootHandler#fail}, so the error contract holds off the I/O thread too.
 */
final class Exchanges {

    private final RootHandler root;

    Exchanges(RootHandler root) {
        this.root = root;
    }

    /**
     * Renders the stage's result: at once when it is already complete (the local fast path: no dispatch),
     * else later on the exchange's I/O thread.
     */
    <T> void whenDone(Call call, CompletionStage<T> stage, Consumer<T> render) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        HttpServerExchange exchange = call.exchange();
        if (future.isDone() && exchange.getIoThread() == Thread.currentThread()) {
            finish(call, future, render);
            return;
        }
        Runnable wait = () -> future.whenComplete((value, failure) -> exchange.getIoThread().execute(() -> finish(call, future, render)));
        // Inside the handler call this defers until the call returns; outside it runs at once.
        exchange.dispatch(SameThreadExecutor.INSTANCE, wait);
    }

    private <T> void finish(Call call, CompletableFuture<T> future, Consumer<T> render) {
        try {
            render.accept(future.join());
        } catch (Throwable t) {
            root.fail(call.exchange(), call.requestId(), call.route(),
                    t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
        }
    }

    /** Runs blocking or heavy work on the worker pool, keeping the error contract. */
    void dispatch(Call call, Runnable work) {
        call.exchange().dispatch(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                root.fail(call.exchange(), call.requestId(), call.route(), t);
            }
        });
    }
}

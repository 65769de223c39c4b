package io.mmatracker.query.watch;

import java.util.concurrent.CompletionStage;

import io.mmatracker.schema.WatchRequest;

/** Publishes a request to track an async task; the stage completes once the request is durably stored. */
@FunctionalInterface
public interface WatchPublisher {

    CompletionStage<Void> publish(WatchRequest request);
}

package io.mmatracker.query.lookup;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.mmatracker.query.state.Endpoint;

/**
 * Sends a GET to another instance without blocking the caller. The stage fails when the instance cannot
 * be reached or does not answer in time; any HTTP answer, 503 included, completes it normally.
 */
@FunctionalInterface
public interface Forwarder {

    CompletionStage<Answer.Relayed> get(Endpoint target, String pathAndQuery, Map<String, String> headers);
}

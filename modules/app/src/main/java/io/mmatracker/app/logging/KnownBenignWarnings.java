package io.mmatracker.app.logging;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the few WARN lines Kafka prints on every clean start or stop of the demo although nothing is wrong, so that
 * a warning on the console means something. Each is matched by logger and text, and each says why it is benign;
 * every other line, and these loggers' other lines, pass. (Warnings that have a cause to fix are fixed at the cause
 * instead: the GlobalThread's processing exception handler is enabled in {@code StreamsRole}.)
 */
final class KnownBenignWarnings extends Filter<ILoggingEvent> {

    private record Benign(String logger, List<String> texts) {
        Benign(String logger, String text) {
            this(logger, List.of(text));
        }

        Benign and(String text) {
            List<String> all = new ArrayList<>(texts);
            all.add(text);
            return new Benign(logger, List.copyOf(all));
        }

        boolean matches(ILoggingEvent event) {
            String message = event.getFormattedMessage();
            return logger.equals(event.getLoggerName()) && message != null && texts.stream().allMatch(message::contains);
        }
    }

    private static final List<Benign> BENIGN = List.of(
            // The embedded broker's KRaft controller becoming active, as it does on every start (on an empty data
            // directory the same line adds that it writes the new cluster's bootstrap records).
            new Benign("org.apache.kafka.controller.QuorumController", "Performing controller activation."),
            // Kafka Streams' consumer subscribes to the topology's own repartition topic before the group leader's
            // first assignment has created it; the consumer retries and the topic exists a moment later. (A topic
            // Streams cannot create fails the assignment with its own error, which still prints.)
            new Benign("org.apache.kafka.clients.NetworkClient", "-repartition=UNKNOWN_TOPIC_OR_PARTITION"),
            // A new broker creates __transaction_state (and __consumer_offsets) on the first coordinator lookup; until
            // the new topic's metadata has spread, the clients' retried lookups ask again and hear that it exists.
            new Benign("kafka.server.DefaultAutoTopicCreationManager", "with error 'TOPIC_ALREADY_EXISTS'"),
            // With exactly-once (transactions v2), Streams' producer may send the first batch of a transaction while
            // the broker still writes the previous commit's markers; the broker answers CONCURRENT_TRANSACTIONS, a
            // retriable error, and the producer retries (one WARN per batch, dozens on a busy machine). A send that
            // finally fails fails the Streams task, which logs its own error.
            new Benign("org.apache.kafka.clients.producer.internals.Sender", "retrying (")
                    .and("Error: CONCURRENT_TRANSACTIONS"),
            // The broker's shutdown closes its controller-registration channel twice (the channel manager and then
            // its client); the second close does nothing.
            new Benign("org.apache.kafka.clients.NetworkClient", "Attempting to close NetworkClient that has already been closed"));

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() != Level.WARN) {
            return FilterReply.NEUTRAL;
        }
        return BENIGN.stream().anyMatch(benign -> benign.matches(event)) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}

package io.mmatracker.app.logging;

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

    private record Benign(String logger, String text) {
    }

    private static final List<Benign> BENIGN = List.of(
            // The embedded broker's first start on an empty data directory: KRaft writes its bootstrap metadata
            // records, as it must once per new cluster.
            new Benign("org.apache.kafka.controller.QuorumController", "The metadata log appears to be empty"),
            // Kafka Streams' consumer subscribes to the topology's own repartition topic before the group leader's
            // first assignment has created it; the consumer retries and the topic exists a moment later. (A topic
            // Streams cannot create fails the assignment with its own error, which still prints.)
            new Benign("org.apache.kafka.clients.NetworkClient", "-repartition=UNKNOWN_TOPIC_OR_PARTITION"),
            // A new broker creates __transaction_state (and __consumer_offsets) on the first coordinator lookup; until
            // the new topic's metadata has spread, the clients' retried lookups ask again and hear that it exists.
            new Benign("kafka.server.DefaultAutoTopicCreationManager", "with error 'TOPIC_ALREADY_EXISTS'"),
            // The broker's shutdown closes its controller-registration channel twice (the channel manager and then
            // its client); the second close does nothing.
            new Benign("org.apache.kafka.clients.NetworkClient", "Attempting to close NetworkClient that has already been closed"));

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() != Level.WARN) {
            return FilterReply.NEUTRAL;
        }
        for (Benign benign : BENIGN) {
            if (benign.logger().equals(event.getLoggerName()) && event.getFormattedMessage() != null
                    && event.getFormattedMessage().contains(benign.text())) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}

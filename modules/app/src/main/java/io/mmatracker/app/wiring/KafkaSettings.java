package io.mmatracker.app.wiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mmatracker.app.config.SettingCatalog;
import io.mmatracker.app.config.Settings;
import io.mmatracker.app.config.SettingsException;
import io.mmatracker.kafka.admin.TopicLayout;
import io.mmatracker.kafka.admin.TopicSpec;
import io.mmatracker.schema.topic.Topics;

/**
 * The Kafka side of the settings: client properties ({@code kafka.*}, given to every producer, consumer, admin and
 * Streams client, so SASL and SSL need no code) and the topic layout.
 *
 * @param clientProperties  {@code kafka.*} with the prefix removed; holds {@code bootstrap.servers}
 * @param topics            topic names
 * @param partitions        partitions of the topics created here
 * @param replicationFactor replication factor of the topics created here
 */
public record KafkaSettings(Map<String, Object> clientProperties, Topics topics, int partitions, short replicationFactor) {

    public static final String BOOTSTRAP = "kafka.bootstrap.servers";

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Reads the settings, topics laid out as the catalog's defaults say unless set; {@code bootstrap.servers} is required unless given. */
    public static KafkaSettings from(Settings settings, String defaultBootstrap) {
        return from(settings, defaultBootstrap, Integer.parseInt(SettingCatalog.defaultOf("topics.partitions")),
                Integer.parseInt(SettingCatalog.defaultOf("topics.replication-factor")));
    }

    /**
     * Reads the settings with other defaults of the topic layout (the demo's single broker: 3 partitions, replication 1);
     * {@code bootstrap.servers} is required unless {@code defaultBootstrap} is given.
     */
    public static KafkaSettings from(Settings settings, String defaultBootstrap, int defaultPartitions,
                                     int defaultReplicationFactor) {
        Map<String, Object> client = new LinkedHashMap<>(settings.withPrefix("kafka."));
        if (defaultBootstrap != null) {
            client.putIfAbsent("bootstrap.servers", defaultBootstrap);
        } else {
            client.put("bootstrap.servers", settings.required(BOOTSTRAP,
                    "host:port[,host:port...] of the Kafka cluster (or --bootstrap)"));
        }
        String prefix = settings.string("topics.prefix");
        if (!prefix.matches("[a-zA-Z0-9._-]{0,200}")) {
            throw new SettingsException("bad setting topics.prefix = '" + prefix + "' (from " + settings.origin("topics.prefix")
                    + "): expected letters, digits, '.', '_' and '-' only, as Kafka topic names allow");
        }
        Topics topics = new Topics(prefix);
        int partitions = settings.integer("topics.partitions", defaultPartitions, 1, 1000);
        int replication = settings.integer("topics.replication-factor", defaultReplicationFactor, 1, 32);
        return new KafkaSettings(client, topics, partitions, (short) replication);
    }

    public String bootstrapServers() {
        return clientProperties.get("bootstrap.servers").toString();
    }

    /** The standard topics at this partition count and replication factor. */
    public List<TopicSpec> topicLayout() {
        return TopicLayout.standard(topics, partitions, replicationFactor);
    }

    /** The client properties with {@code more} on top (a client's own settings such as serializers). */
    public Map<String, Object> clientProperties(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(clientProperties);
        merged.putAll(more);
        return merged;
    }
}

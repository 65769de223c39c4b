package io.mmatracker.kafka.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a deployment needs and checks the ones that already exist, without ever altering them.
 * A wrong cleanup policy is an error ({@link IncompatibleTopicException}); fewer partitions, a lower
 * replication factor or a different retention are tolerated and reported as warnings.
 */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private static final Duration VISIBILITY_POLL = Duration.ofMillis(50);

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param admin   a client of the cluster; not closed by this class
     * @param timeout how long each round trip to the cluster may take
     */
    public TopicAdmin(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Creates the topics of {@code specs} that do not exist and verifies the others.
     *
     * @throws IncompatibleTopicException if an existing topic's cleanup policy differs from its spec
     * @throws TopicAdminFailedException  if the cluster does not answer in time or refuses a request
     */
    public TopicReport ensureTopics(Collection<TopicSpec> specs) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        for (TopicSpec spec : specs) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("topic " + spec.name() + " is specified twice");
            }
        }
        if (byName.isEmpty()) {
            return new TopicReport(List.of(), List.of(), List.of());
        }
        Set<String> existing = existingTopics(byName.keySet());
        List<String> created = new ArrayList<>();
        List<String> toVerify = new ArrayList<>(existing);
        List<NewTopic> toCreate = byName.values().stream()
                .filter(spec -> !existing.contains(spec.name()))
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                        .configs(spec.configs()))
                .toList();
        if (!toCreate.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(toCreate).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    await(result.getValue(), "create topic " + result.getKey());
                    created.add(result.getKey());
                    TopicSpec spec = byName.get(result.getKey());
                    LOG.info("Created topic {} ({} partitions, replication factor {}, {})",
                            spec.name(), spec.partitions(), spec.replicationFactor(), spec.configs());
                } catch (TopicAdminFailedException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // another instance created it between our look and our create: check it like any other
                    toVerify.add(result.getKey());
                }
            }
        }
        // the broker learns of a new topic from the metadata log a moment after the controller created it;
        // callers start producers and Streams apps right after this method, so wait until it serves them
        if (!created.isEmpty()) {
            whenVisible("describe the new topics " + created, () -> admin.describeTopics(created).allTopicNames());
        }
        List<String> warnings = new ArrayList<>();
        if (!toVerify.isEmpty()) {
            verify(toVerify.stream().map(byName::get).toList(), warnings);
        }
        warnings.forEach(LOG::warn);
        return new TopicReport(created, toVerify, warnings);
    }

    private Set<String> existingTopics(Set<String> names) {
        Set<String> existing = new TreeSet<>();
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> d : descriptions.entrySet()) {
            try {
                await(d.getValue(), "describe topic " + d.getKey());
                existing.add(d.getKey());
            } catch (TopicAdminFailedException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return existing;
    }

    private void verify(List<TopicSpec> specs, List<String> warnings) {
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = whenVisible("describe topics " + names,
                () -> admin.describeTopics(names).allTopicNames());
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = whenVisible("describe the configs of topics " + names,
                () -> admin.describeConfigs(resources).all());
        List<IncompatibleTopicException.Mismatch> mismatches = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicDescription description = descriptions.get(spec.name());
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            String actualPolicy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
            if (!policies(actualPolicy).equals(policies(spec.cleanupPolicy()))) {
                mismatches.add(new IncompatibleTopicException.Mismatch(spec.name(),
                        TopicConfig.CLEANUP_POLICY_CONFIG, actualPolicy, spec.cleanupPolicy()));
            }
            int partitions = description.partitions().size();
            if (partitions < spec.partitions()) {
                warnings.add("topic " + spec.name() + " has " + partitions + " partitions, fewer than the "
                        + spec.partitions() + " specified: it works, with less parallelism; increasing them would "
                        + "move keys to other partitions, so it is left to an operator");
            }
            int replicas = description.partitions().get(0).replicas().size();
            if (replicas < spec.replicationFactor()) {
                warnings.add("topic " + spec.name() + " has replication factor " + replicas + ", lower than the "
                        + spec.replicationFactor() + " specified");
            }
            for (Map.Entry<String, String> wanted : spec.configs().entrySet()) {
                String actual = value(config, wanted.getKey());
                if (!wanted.getKey().equals(TopicConfig.CLEANUP_POLICY_CONFIG) && !wanted.getValue().equals(actual)) {
                    warnings.add("topic " + spec.name() + " has " + wanted.getKey() + "=" + actual
                            + " where " + wanted.getValue() + " is specified; left unchanged");
                }
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IncompatibleTopicException(mismatches);
        }
    }

    private static String value(Config config, String key) {
        ConfigEntry entry = config == null ? null : config.get(key);
        return entry == null || entry.value() == null ? "(unset)" : entry.value();
    }

    /** "compact,delete" and "delete, compact" are the same policy. */
    private static Set<String> policies(String policy) {
        return Arrays.stream(policy.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Repeats {@code call} while the broker does not know the topics yet, up to the timeout. */
    private <T> T whenVisible(String what, Supplier<KafkaFuture<T>> call) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return await(call.get(), what);
            } catch (TopicAdminFailedException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(VISIBILITY_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicAdminFailedException("interrupted while trying to " + what, e);
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicAdminFailedException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new TopicAdminFailedException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicAdminFailedException("cannot " + what + ": no answer within " + timeout, e);
        }
    }
}

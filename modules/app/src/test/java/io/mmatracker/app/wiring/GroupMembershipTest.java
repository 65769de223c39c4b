package io.mmatracker.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.config.SettingsException;

/** Failure detection and static membership: the catalog's defaults, the kept instance id, the standby check. */
class GroupMembershipTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultsComeFromTheCatalogAndReachBothGroups() {
        GroupMembership membership = GroupMembership.from(Settings.of(Map.of()));
        assertThat(membership).isEqualTo(new GroupMembership(Duration.ofSeconds(10), Duration.ofSeconds(2), true));
        Optional<String> id = membership.instanceId(dir);
        assertThat(membership.streamsProperties(id)).containsEntry("main.consumer.session.timeout.ms", 10_000)
                .containsEntry("main.consumer.heartbeat.interval.ms", 2_000).containsEntry("main.consumer.group.instance.id", id.get());
        assertThat(membership.pollerMember(id)).containsEntry("group.instance.id", id.get() + "-poller")
                .containsEntry("session.timeout.ms", 10_000);
    }

    @Test
    void theInstanceIdIsKeptInTheStateDirectoryAcrossRestarts() throws Exception {
        GroupMembership membership = GroupMembership.from(Settings.of(Map.of()));
        String first = membership.instanceId(dir.resolve("state")).orElseThrow();
        assertThat(membership.instanceId(dir.resolve("state"))).hasValue(first);
        assertThat(Files.readString(dir.resolve("state").resolve(GroupMembership.INSTANCE_ID_FILE)).strip()).isEqualTo(first);
        assertThat(membership.instanceId(dir.resolve("other"))).get().isNotEqualTo(first);
        GroupMembership dynamic = GroupMembership.from(Settings.of(Map.of("group.static-membership", "false")));
        assertThat(dynamic.instanceId(dir.resolve("state"))).isEmpty();
        assertThat(dynamic.streamsProperties(Optional.empty())).doesNotContainKey("main.consumer.group.instance.id");
    }

    @Test
    void aHeartbeatThatCannotFitThriceIntoTheSessionNamesItsKey() {
        assertThatThrownBy(() -> GroupMembership.from(Settings.of(Map.of("group.session-timeout", "6s", "group.heartbeat-interval", "3s"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("group.heartbeat-interval").hasMessageContaining("third");
        assertThatThrownBy(() -> GroupMembership.from(Settings.of(Map.of("group.session-timeout", "500ms"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("group.session-timeout");
    }

    @Test
    void aStandbySettingTheGroupDoesNotFollowIsTold() {
        StandbyAssignmentCheck one = new StandbyAssignmentCheck("app", 1, "jobs");
        List<StreamsMetadata> noStandbys = List.of(client(8001, Set.of(0, 1), Set.of()), client(8002, Set.of(2, 3), Set.of()),
                client(8003, Set.of(4, 5), Set.of()));
        assertThat(one.mismatch(noStandbys)).get().asString().contains("streams.num-standby-replicas is 1 on this instance")
                .contains("gives 0 standby copies").contains("application id app");
        List<StreamsMetadata> oneStandby = List.of(client(8001, Set.of(0, 1), Set.of(2, 3)), client(8002, Set.of(2, 3), Set.of(4, 5)),
                client(8003, Set.of(4, 5), Set.of(0, 1)));
        assertThat(one.mismatch(oneStandby)).isEmpty();
        assertThat(new StandbyAssignmentCheck("app", 0, "jobs").mismatch(oneStandby)).get().asString().contains("gives 1 standby copy");
        assertThat(new StandbyAssignmentCheck("app", 0, "jobs").mismatch(noStandbys)).isEmpty();
        // One instance cannot hold a standby of itself: nothing to tell.
        assertThat(one.mismatch(List.of(client(8001, Set.of(0, 1, 2, 3, 4, 5), Set.of())))).isEmpty();
    }

    private static StreamsMetadata client(int port, Set<Integer> active, Set<Integer> standby) {
        return new StreamsMetadataImpl(new HostInfo("localhost", port), Set.of("store"), partitions(active), Set.of("store"), partitions(standby));
    }

    private static Set<TopicPartition> partitions(Set<Integer> numbers) {
        return numbers.stream().map(p -> new TopicPartition("jobs", p)).collect(Collectors.toSet());
    }
}

package io.mmatracker.query.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mmatracker.query.testing.SseClient;
import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;
import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.json.MmsJson;

/** Live status changes and alerts over Server-Sent Events: filters, and resuming from Last-Event-ID. */
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestInstance server;
    private static long offset;

    @BeforeAll
    static void start() {
        server = TestInstance.alone(Writers.mma());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSubscriberReceivesLiveEventsWithKafkaPositionsAsIds() throws Exception {
        try (SseClient client = new SseClient(server.uri("/events"), null)) {
            assertThat(client.status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> server.hub.subscriberCount() >= 1);

            FeedEvent change = change(1, 10, "DOING", "FAILED");
            FeedEvent alert = alert(1, 10);
            server.hub.publish(change);
            server.hub.publish(alert);

            await().atMost(WAIT).until(() -> client.events.size() >= 2);
            assertThat(client.events.get(0).id()).isEqualTo(change.id().toString());
            assertThat(client.events.get(0).type()).isEqualTo("status-change");
            assertThat(client.events.get(0).data()).contains("\"toStatus\":\"FAILED\"").contains("\"key\":\"1/10\"");
            assertThat(client.events.get(1).type()).isEqualTo("alert");
        }
    }

    @Test
    void filtersSelectASourceAJobAndEventTypes() throws Exception {
        try (SseClient bySource = new SseClient(server.uri("/events?source=2"), null);
             SseClient byJob = new SseClient(server.uri("/events?source=2&job=20"), null);
             SseClient alertsOnly = new SseClient(server.uri("/events?types=alerts&source=2"), null)) {
            await().atMost(WAIT).until(() -> server.hub.subscriberCount() >= 3);

            server.hub.publish(change(3, 20, "INIT", "DOING"));
            server.hub.publish(change(2, 21, "INIT", "DOING"));
            server.hub.publish(change(2, 20, "DOING", "FAILED"));
            server.hub.publish(alert(2, 20));
            FeedEvent marker = change(2, 99, "DOING", "DONE");
            server.hub.publish(marker);

            await().atMost(WAIT).until(() -> bySource.ids().contains(marker.id().toString()));
            assertThat(bySource.events).hasSize(4);
            await().atMost(WAIT).until(() -> byJob.events.size() >= 2);
            assertThat(byJob.events).extracting(SseClient.Event::data).allSatisfy(d -> assertThat(d).contains("\"key\":\"2/20\""));
            await().atMost(WAIT).until(() -> alertsOnly.events.size() >= 1);
            assertThat(alertsOnly.events).extracting(SseClient.Event::type).containsOnly("alert");
        }
    }

    @Test
    void aReconnectingClientResumesRightAfterItsLastEventId() throws Exception {
        List<FeedEvent> published = List.of(change(5, 1, "INIT", "DOING"), change(5, 2, "INIT", "DOING"),
                change(5, 3, "INIT", "DOING"), alert(5, 3));
        String lastSeen;
        try (SseClient first = new SseClient(server.uri("/events?source=5"), null)) {
            await().atMost(WAIT).until(() -> server.hub.subscriberCount() >= 1);
            server.hub.publish(published.get(0));
            server.hub.publish(published.get(1));
            await().atMost(WAIT).until(() -> first.events.size() >= 2);
            lastSeen = first.events.get(1).id();
        }
        // While the client is away, two more events happen.
        server.hub.publish(published.get(2));
        server.hub.publish(published.get(3));

        try (SseClient again = new SseClient(server.uri("/events?source=5"), lastSeen)) {
            await().atMost(WAIT).until(() -> again.events.size() >= 2);
            FeedEvent live = change(5, 4, "INIT", "DOING");
            server.hub.publish(live);
            await().atMost(WAIT).until(() -> again.events.size() >= 3);
            assertThat(again.ids()).containsExactly(published.get(2).id().toString(), published.get(3).id().toString(), live.id().toString());
        }
    }

    @Test
    void aNewClientAsksForTheNewestMatchingBufferedEventsFirst() throws Exception {
        List<FeedEvent> past = List.of(change(6, 1, "INIT", "DOING"), change(7, 1, "INIT", "DOING"), change(6, 2, "INIT", "DOING"),
                alert(6, 2), change(6, 3, "INIT", "DOING"));
        past.forEach(server.hub::publish);

        try (SseClient client = new SseClient(server.uri("/events?source=6&replay=3"), null)) {
            await().atMost(WAIT).until(() -> client.events.size() >= 3);
            assertThat(client.ids()).containsExactly(past.get(2).id().toString(), past.get(3).id().toString(), past.get(4).id().toString());
        }
        try (SseClient tooMany = new SseClient(server.uri("/events?replay=1001"), null)) {
            assertThat(tooMany.status()).isEqualTo(400);
        }
    }

    @Test
    void aClientFarBehindIsReplayedEverythingBufferedRatherThanClosedAsSlow() throws Exception {
        String lastSeen;
        try (SseClient first = new SseClient(server.uri("/events?source=8"), null)) {
            await().atMost(WAIT).until(() -> server.hub.subscriberCount() >= 1);
            server.hub.publish(change(8, 1, "INIT", "DOING"));
            await().atMost(WAIT).until(() -> first.events.size() >= 1);
            lastSeen = first.events.get(0).id();
        }
        // more events than a live stream may have pending (query.sse-max-pending, 1000) happen while it is away
        for (int i = 0; i < 1500; i++) {
            server.hub.publish(change(8, 2, "INIT", "DOING"));
        }
        try (SseClient again = new SseClient(server.uri("/events?source=8"), lastSeen)) {
            await().atMost(WAIT).until(() -> again.events.size() >= 1500);
            FeedEvent live = change(8, 3, "DOING", "DONE");
            server.hub.publish(live);
            await().atMost(WAIT).until(() -> again.ids().contains(live.id().toString()));
        }
    }

    @Test
    void aMalformedLastEventIdIs400() throws Exception {
        try (SseClient client = new SseClient(server.uri("/events"), "not-an-id")) {
            assertThat(client.status()).isEqualTo(400);
        }
    }

    @Test
    void theEventJsonNamesEveryFieldOfTheRecord() {
        FeedEvent event = change(1, 1, "INIT", "DOING");
        assertThat(event.json()).contains("\"kind\":\"JOB\"", "\"changeType\":\"STATUS\"", "\"fromStatus\":\"INIT\"",
                "\"observedAt\":\"2024-12-17T07:44:17Z\"", "\"context\":{\"jobName\":\"job\"}");
    }

    private static FeedEvent change(long sourceId, long jobId, String from, String to) {
        StatusChange change = StatusChange.newBuilder().setKind(ObjectKind.JOB).setKey(sourceId + "/" + jobId).setSourceId(sourceId)
                .setObjectId(jobId).setName("job").setChangeType(ChangeType.STATUS).setFromStatus(from).setToStatus(to)
                .setObservedAt(Instant.parse("2024-12-17T07:44:17Z")).setContext(Map.of("jobName", "job")).build();
        return new FeedEvent(new EventId("mma.status-changes", 0, offset++), FeedEvent.STATUS_CHANGE, ObjectKind.JOB, sourceId, jobId,
                MmsJson.write(change).toString());
    }

    private static FeedEvent alert(long sourceId, long jobId) {
        Alert alert = Alert.newBuilder().setAlertId("a" + offset).setKind(ObjectKind.JOB).setKey(sourceId + "/" + jobId).setSourceId(sourceId)
                .setObjectId(jobId).setType(AlertType.JOB_FAILED).setState(AlertState.FIRING).setStatus("FAILED")
                .setFirstSeenAt(Instant.parse("2024-12-17T07:44:17Z")).setObservedAt(Instant.parse("2024-12-17T07:44:17Z")).build();
        return new FeedEvent(new EventId("mma.alerts", 1, offset++), FeedEvent.ALERT, ObjectKind.JOB, sourceId, jobId,
                MmsJson.write(alert).toString());
    }
}

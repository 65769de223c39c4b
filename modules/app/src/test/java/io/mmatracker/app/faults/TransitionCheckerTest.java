package io.mmatracker.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AlertState;
import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.simulator.stats.TransitionLog.Transition;

/** The checker finds what it is there to find: a lost change, a duplicate, a wrong order, a lost or doubled alert. */
class TransitionCheckerTest {

    private static final Duration DWELL = Duration.ofSeconds(2);
    private static final String JOB = "2000001/10001";

    /** INIT at 0 s, DOING at 10 s, FAILED at 20 s. */
    private final List<Transition> served = List.of(
            new Transition("JOB", JOB, null, "INIT", 0),
            new Transition("JOB", JOB, "INIT", "DOING", 10_000),
            new Transition("JOB", JOB, "DOING", "FAILED", 20_000));

    @Test
    void everyServedChangeOnceAndItsAlertOnceIsClean() {
        TransitionChecker.Verdict verdict = TransitionChecker.compare(served, changes("INIT", "DOING", "FAILED"),
                List.of(firing("a1")), DWELL);
        assertThat(verdict.isClean()).as(verdict.toString()).isTrue();
        assertThat(verdict.expected()).isEqualTo(3);
    }

    @Test
    void aMissingChangeAndAMissingAlertAreLost() {
        TransitionChecker.Verdict verdict = TransitionChecker.compare(served, changes("INIT", "FAILED"), List.of(), DWELL);
        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.lostAlerts()).isEqualTo(1);
    }

    @Test
    void theSameChangeTwiceAndTheSameAlertTwiceAreDuplicates() {
        List<StatusChange> twice = new ArrayList<>(changes("INIT", "DOING", "FAILED"));
        twice.add(twice.get(2));
        TransitionChecker.Verdict verdict = TransitionChecker.compare(served, twice, List.of(firing("a1"), firing("a1")), DWELL);
        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.duplicatedAlerts()).isEqualTo(1);
    }

    @Test
    void changesInAnotherOrderThanServedAreOutOfOrder() {
        TransitionChecker.Verdict verdict = TransitionChecker.compare(served, changes("INIT", "FAILED", "DOING"),
                List.of(firing("a1")), DWELL);
        assertThat(verdict.outOfOrder()).isEqualTo(1);
    }

    @Test
    void aStatusServedShorterThanTheDwellMayBeMissed() {
        List<Transition> brief = List.of(
                new Transition("JOB", JOB, null, "INIT", 0),
                new Transition("JOB", JOB, "INIT", "DOING", 10_000),
                new Transition("JOB", JOB, "DOING", "DONE", 10_500));
        TransitionChecker.Verdict verdict = TransitionChecker.compare(brief, changes("INIT", "DONE"), List.of(), DWELL);
        assertThat(verdict.isClean()).as(verdict.toString()).isTrue();
        assertThat(verdict.expected()).isEqualTo(2);
    }

    private static List<StatusChange> changes(String... statuses) {
        List<StatusChange> changes = new ArrayList<>();
        String before = null;
        for (int i = 0; i < statuses.length; i++) {
            changes.add(StatusChange.newBuilder().setKind(ObjectKind.JOB).setKey(JOB).setSourceId(2000001L).setObjectId(10001L)
                    .setChangeType(before == null ? ChangeType.CREATED : ChangeType.STATUS).setFromStatus(before)
                    .setToStatus(statuses[i]).setObservedAt(Instant.ofEpochMilli(1000L * i)).build());
            before = statuses[i];
        }
        return changes;
    }

    private static Alert firing(String id) {
        return Alert.newBuilder().setAlertId(id).setKind(ObjectKind.JOB).setKey(JOB).setSourceId(2000001L)
                .setType(AlertType.JOB_FAILED).setState(AlertState.FIRING).setStatus("FAILED")
                .setFirstSeenAt(Instant.ofEpochMilli(0)).setObservedAt(Instant.ofEpochMilli(0)).build();
    }
}

package io.mmatracker.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task progress as a pure function: monotone in time, terminal states stay, retries start new attempts. */
class EvolutionTest {

    private static Job job(double failShare, int tasks, long stagger, boolean verification) {
        JobConfigView config = new JobConfigView(List.of(), List.of(), "HIVE", List.of(), List.of(), Map.of(), false,
            Map.of(), false, verification, "", Map.of(), JsonNodeFactory.instance.objectNode());
        return new Job(1, null, "j", 0, "Database", 0, tasks, null, 100, 0, 0, stagger,
            TaskPlan.of(false, verification), "default", "dst", "default", "", config, failShare,
            failShare > 0 ? 0 : -1);
    }

    @Test
    void aTaskWalksTheStagesInOrderAndStaysDone() {
        Evolution e = new Evolution(42);
        Job j = job(0, 1, 0, true);
        Evolution.TaskState s = new Evolution.TaskState();
        TaskStatus last = TaskStatus.INIT;
        int changes = 0;
        for (long tau = -1; tau < 200 * 60_000L; tau += 1_000) {
            e.task(j, 0, 10, tau, s);
            assertThat(order(s.status)).isGreaterThanOrEqualTo(order(last));
            if (s.status != last) {
                changes++;
            }
            last = s.status;
        }
        assertThat(last).isEqualTo(TaskStatus.DONE);
        assertThat(changes).isEqualTo(7);
    }

    @Test
    void withoutVerificationDataDoneGoesToVerificationDone() {
        Evolution e = new Evolution(42);
        Job j = job(0, 1, 0, false);
        Evolution.TaskState s = new Evolution.TaskState();
        boolean sawVerifying = false;
        boolean sawVerified = false;
        for (long tau = 0; tau < 200 * 60_000L; tau += 500) {
            e.task(j, 0, 10, tau, s);
            sawVerifying |= s.status == TaskStatus.VERIFICATION_DOING;
            sawVerified |= s.status == TaskStatus.VERIFICATION_DONE;
        }
        assertThat(sawVerifying).isFalse();
        assertThat(sawVerified).isTrue();
    }

    @Test
    void aDoomedTaskFailsAndAPartlyCopiedTableIsPartDone() {
        Evolution e = new Evolution(42);
        Job j = job(1.0, 50, 1_000, true);
        Evolution.TaskState s = new Evolution.TaskState();
        Evolution.TableState t = new Evolution.TableState();
        int failed = 0;
        for (int k = 0; k < 50; k++) {
            e.task(j, k, 100, 500 * 60_000L, s);
            assertThat(s.status.isTerminal()).isTrue();
            if (s.status.isFailed()) {
                failed++;
                e.table(k, 100, s, t);
                assertThat(t.done + t.failed).isEqualTo(100);
                assertThat(t.status).isIn(TableStatus.FAILED, TableStatus.PART_DONE);
                assertThat(t.status == TableStatus.PART_DONE).isEqualTo(t.done > 0);
            }
        }
        assertThat(failed).isEqualTo(50);
    }

    private static int order(TaskStatus s) {
        return switch (s) {
            case INIT -> 0;
            case SCHEMA_DOING -> 1;
            case SCHEMA_DONE, SCHEMA_FAILED -> 2;
            case DATA_DOING -> 3;
            case DATA_DONE, DATA_FAILED -> 4;
            case VERIFICATION_DOING -> 5;
            case VERIFICATION_DONE, VERIFICATION_FAILED -> 6;
            case DONE -> 7;
        };
    }
}

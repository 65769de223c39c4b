package io.mmatracker.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.mmatracker.poller.PollerConfig;
import io.mmatracker.poller.cycle.ActivePolling;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.Phase;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The poller (how closely it follows an object) and the topology (whether standing still is a stall, whether it
 * failed) read every status MMA documents (REFERENCE.md §6) the same way, for every kind: what the topology
 * expects to move, the poller follows, else a healthy object raises a false STALLED alert; what has finished,
 * neither follows nor expects to move.
 */
class LifecycleAgreementTest {

    private static final SnapshotMeta META = new SnapshotMeta(Instant.parse("2026-01-05T10:00:00Z"), "e", "r", "p");

    private final PollerConfig defaults = PollerConfig.builder("http://mma.example").build();
    private final ActivePolling poller = new ActivePolling(defaults.activeJobStatuses(), defaults.activeTableStatuses());

    /** One observed object: the poller's and the topology's reading, and the catalog's phase. */
    private record Reading(String what, Phase phase, boolean isFollowed, boolean isActive, boolean hasFailure) {
    }

    @Test
    void everyDocumentedStatusOfEveryKindIsReadAlikeByPollerAndTopology() {
        List<Reading> readings = new ArrayList<>();
        for (ObjectRules<?> rules : KindRules.all()) {
            Kind<?, ?> kind = rules.kind();
            assertThat(kind.lifecycle().documented()).as(kind + " documents its statuses").isNotEmpty();
            for (String status : kind.lifecycle().documented().keySet()) {
                readings.add(read(rules, status, data -> { }));
                // the other signals some kinds carry
                if (kind.objectKind() == ObjectKind.JOB) {
                    readings.add(read(rules, status, data -> ((MmsJob) data).setStopped(true)));
                } else if (kind.objectKind() == ObjectKind.SCAN) {
                    readings.add(read(rules, status, data -> ((MmsFetchMetadataJob) data).setEndTime("2024-12-16 19:10:07")));
                    readings.add(read(rules, status, data -> ((MmsFetchMetadataJob) data).setErrorMsg("unexpected exception")));
                } else if (kind.objectKind() == ObjectKind.ASYNC_TASK) {
                    readings.add(read(rules, status, data -> ((MmsAsyncTask) data).setRunning(true)));
                    readings.add(read(rules, status, data -> ((MmsAsyncTask) data).setRunning(false)));
                    readings.add(read(rules, status, data -> {
                        ((MmsAsyncTask) data).setRunning(false);
                        ((MmsAsyncTask) data).setEndTime("2024-12-17 17:44:17");
                    }));
                    readings.add(read(rules, status, data -> ((MmsAsyncTask) data).setErrorMsg("quota exceeded")));
                }
            }
            readings.add(read(rules, null, data -> { }));
        }
        assertThat(readings).hasSizeGreaterThan(40);
        for (Reading r : readings) {
            assertThat(r.isActive()).as(r + ": the topology expects movement exactly in phase MOVING")
                    .isEqualTo(r.phase() == Phase.MOVING);
            if (r.isActive()) {
                assertThat(r.isFollowed()).as(r + ": the topology expects it to move, so the poller must follow it").isTrue();
            }
            if (r.phase().isSettled() && !r.what().startsWith("DATA_SOURCE")) {
                assertThat(r.isFollowed()).as(r + ": finished, the poller must not follow it").isFalse();
            }
            if (r.phase() == Phase.FAILED) {
                assertThat(r.hasFailure()).as(r + ": failed, the topology must alert").isTrue();
            }
        }
    }

    @Test
    void aScanOrAnAsyncTaskInPlainDoneHasFinishedForBoth() {
        Reading scan = read(KindRules.of(ObjectKind.SCAN), "DONE", data -> { });
        Reading task = read(KindRules.of(ObjectKind.ASYNC_TASK), "DONE", data -> ((MmsAsyncTask) data).setRunning(true));
        for (Reading r : List.of(scan, task)) {
            assertThat(r.phase()).as(r.what()).isEqualTo(Phase.SETTLED);
            assertThat(r.isFollowed()).as(r.what()).isFalse();
            assertThat(r.isActive()).as(r.what()).isFalse();
        }
    }

    private <S extends SpecificRecord> Reading read(ObjectRules<S> rules, String status, Consumer<SpecificRecord> more) {
        Kind<S, ?> kind = rules.kind();
        SpecificRecord data = (SpecificRecord) SpecificData.newInstance(kind.dataType(),
                SpecificData.get().getSchema(kind.dataType()));
        Schema.Field field = data.getSchema().getField("status");
        data.put(field.pos(), status);
        more.accept(data);
        S snapshot = kind.wrapData(META, data);
        ObjectView view = rules.describe(snapshot);
        // the active cycle reads every data source it polls (GetMmsDataSource), settled or not
        boolean isFollowed = kind.objectKind() == ObjectKind.DATA_SOURCE || poller.isMoving(data);
        return new Reading(kind + " " + data, kind.phaseOfData(data), isFollowed, view.isActive(),
                !view.failures().isEmpty());
    }
}

package io.mmatracker.topology.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmatracker.schema.SourceSummary;
import io.mmatracker.topology.state.SummaryDelta;
import org.junit.jupiter.api.Test;

/** A merged delta does to any summary what its parts do one after the other. */
class PendingDeltasTest {

    private static final long SOURCE = 7L;

    @Test
    void mergingTwoDeltasEqualsApplyingThemInTurn() {
        List<SummaryDelta> deltas = new ArrayList<>();
        for (String name : new String[] {null, "job-name", "ds-name"}) {
            for (boolean deleted : new boolean[] {false, true}) {
                deltas.add(delta(name, "ds-name".equals(name), deleted, Map.of("DOING", 1L), 10));
            }
        }
        deltas.add(delta(null, false, false, Map.of("DOING", -1L, "DONE", 1L), 20));
        List<SourceSummary> summaries = new ArrayList<>();
        summaries.add(null);
        summaries.add(SourceSummaryProcessor.apply(null, delta("old", false, false, Map.of("DONE", 2L), 5)));
        summaries.add(SourceSummaryProcessor.apply(null, delta("old-ds", true, false, Map.of("DONE", 2L), 5)));

        for (SourceSummary summary : summaries) {
            for (SummaryDelta first : deltas) {
                for (SummaryDelta second : deltas) {
                    SourceSummary inTurn = SourceSummaryProcessor.apply(SourceSummaryProcessor.apply(summary, first), second);
                    SourceSummary merged = SourceSummaryProcessor.apply(summary, PendingDeltas.merge(first, second));
                    assertThat(merged).as("%s then %s on %s", first, second, summary).isEqualTo(inTurn);
                }
            }
        }
    }

    @Test
    void aThirdDeltaMergesLikeTheFirstTwo() {
        var first = delta(null, false, true, Map.of(), 1);
        var second = delta("job-name", false, false, Map.of("DOING", 1L), 2);
        var third = delta("other-job", false, false, Map.of("DOING", 1L), 3);
        var summary = SourceSummaryProcessor.apply(null, delta("ds-name", true, false, Map.of("DONE", 1L), 0));

        var inTurn = SourceSummaryProcessor.apply(SourceSummaryProcessor.apply(SourceSummaryProcessor.apply(summary, first), second), third);
        var merged = SourceSummaryProcessor.apply(summary, PendingDeltas.merge(PendingDeltas.merge(first, second), third));

        assertThat(merged).isEqualTo(inTurn);
        assertThat(merged.getSourceName()).isEqualTo("job-name");
        assertThat(merged.getJobsByStatus()).isEqualTo(Map.of("DONE", 1L, "DOING", 2L));
    }

    private static SummaryDelta delta(String name, boolean fromDataSource, boolean deleted, Map<String, Long> jobs, long observedAt) {
        return SummaryDelta.newBuilder()
                .setSourceId(SOURCE)
                .setSourceName(name)
                .setNameFromDataSource(fromDataSource)
                .setDataSourceDeleted(deleted)
                .setJobsByStatus(jobs)
                .setTablesByStatus(Map.of())
                .setTasksByStatus(Map.of())
                .setPartitionsTotal(jobs.isEmpty() ? 0 : 3)
                .setPartitionsDoing(0)
                .setPartitionsDone(0)
                .setPartitionsFailed(0)
                .setOpenAlerts(0)
                .setObservedAt(Instant.EPOCH.plusSeconds(observedAt).toEpochMilli())
                .build();
    }
}

package io.mmatracker.topology.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.topic.Topics;
import io.mmatracker.topology.StoreNames;
import io.mmatracker.topology.summary.Contribution;

/** Migration jobs: INIT, DOING, DONE, FAILED; progress is taskDone of taskNum. */
public final class JobRules implements ObjectRules<JobSnapshot> {

    @Override
    public ObjectKind kind() {
        return ObjectKind.JOB;
    }

    @Override
    public Class<JobSnapshot> snapshotType() {
        return JobSnapshot.class;
    }

    @Override
    public String topic(Topics topics) {
        return topics.jobs();
    }

    @Override
    public boolean isListed() {
        return true;
    }

    @Override
    public String storeName() {
        return StoreNames.JOBS;
    }

    @Override
    public Instant observedAt(JobSnapshot snapshot) {
        return snapshot.getMeta().getObservedAt();
    }

    @Override
    public ObjectView describe(JobSnapshot snapshot) {
        var job = snapshot.getJob();
        String status = job.getStatus();
        var progress = new HashMap<String, Long>();
        Fields.putIfPresent(progress, "taskDone", job.getTaskDone());
        Fields.putIfPresent(progress, "taskNum", job.getTaskNum());
        var context = new HashMap<String, String>();
        Fields.putIfPresent(context, "sourceName", job.getSourceName());
        Fields.putIfPresent(context, "dbName", job.getSrcDbName());
        Fields.putIfPresent(context, "jobName", job.getName());
        // a stopped job stands still on purpose; only a running one can stall
        boolean isActive = "DOING".equals(status) && !Boolean.TRUE.equals(job.getStopped());
        var failures = "FAILED".equals(status)
                ? Map.of(AlertType.JOB_FAILED, Failure.of("job " + job.getName() + " failed"))
                : Map.<AlertType, Failure>of();
        return new ObjectView(job.getName(), status, progress, context, isActive, failures,
                Contribution.job(job.getSourceName(), status));
    }
}

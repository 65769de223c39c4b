package io.mmatracker.topology.rules;

import java.util.HashMap;
import java.util.Map;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.Phase;
import io.mmatracker.topology.summary.Contribution;

/** Migration jobs: progress is taskDone of taskNum; JOB_FAILED; see the catalog's lifecycle. */
public final class JobRules implements ObjectRules<JobSnapshot> {

    @Override
    public Kind<JobSnapshot, MmsJob> kind() {
        return KindCatalog.JOB;
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
        Phase phase = kind().phaseOf(job);
        var failures = phase == Phase.FAILED
                ? Map.of(AlertType.JOB_FAILED, Failure.of("job " + job.getName() + " failed"))
                : Map.<AlertType, Failure>of();
        return new ObjectView(job.getName(), status, progress, context, phase == Phase.MOVING, failures,
                Contribution.job(job.getSourceName(), status));
    }
}

package io.mmatracker.topology.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.mmatracker.schema.AlertType;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;
import io.mmatracker.schema.kind.Phase;
import io.mmatracker.schema.TaskFailure;
import io.mmatracker.topology.summary.Contribution;

/** Migration jobs: progress is taskDone of taskNum; JOB_FAILED; see the catalog's lifecycle. */
public final class JobRules implements ObjectRules<JobSnapshot> {

    @Override
    public Kind<JobSnapshot, MmsJob> kind() {
        return KindCatalog.JOB;
    }

    /** The job's failure with the failed tasks the poller saw: count and the first few tables in the context. */
    static Failure failure(String jobName, JobSnapshot snapshot) {
        int count = snapshot.getFailedTaskCount();
        List<TaskFailure> first = snapshot.getFailedTasks() == null ? List.of() : snapshot.getFailedTasks();
        if (count == 0 && first.isEmpty()) {
            return Failure.of("job " + jobName + " failed");
        }
        String tables = first.stream().map(t -> t.getTableName() + " (" + t.getStatus() + ")")
                .collect(Collectors.joining(", "));
        String more = count > first.size() ? " and " + (count - first.size()) + " more" : "";
        var context = Map.of("failedTaskCount", Integer.toString(count), "failedTables", tables + more);
        return new Failure("job " + jobName + " failed: " + count + (count == 1 ? " task" : " tasks") + " failed ("
                + tables + more + ")", context, count, first);
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
                ? Map.of(AlertType.JOB_FAILED, failure(job.getName(), snapshot))
                : Map.<AlertType, Failure>of();
        return new ObjectView(job.getName(), status, progress, context, phase == Phase.MOVING, failures,
                Contribution.job(job.getSourceName(), status));
    }
}

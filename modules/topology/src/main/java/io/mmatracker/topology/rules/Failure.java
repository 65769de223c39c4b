package io.mmatracker.topology.rules;

import java.util.List;
import java.util.Map;

import io.mmatracker.schema.TaskFailure;

/**
 * A failure condition that holds in a snapshot.
 *
 * @param errorMessage    what MMA said about it, or a short description when MMA says nothing
 * @param context         details of this failure added to the object's context (e.g. partitionsFailed)
 * @param failedTaskCount for a job: how many of its tasks failed
 * @param failedTasks     for a job: the first few of them (table, status, step, message)
 */
public record Failure(String errorMessage, Map<String, String> context, int failedTaskCount,
                      List<TaskFailure> failedTasks) {

    public Failure {
        context = Map.copyOf(context);
        failedTasks = List.copyOf(failedTasks);
    }

    public Failure(String errorMessage, Map<String, String> context) {
        this(errorMessage, context, 0, List.of());
    }

    public static Failure of(String errorMessage) {
        return new Failure(errorMessage, Map.of());
    }
}

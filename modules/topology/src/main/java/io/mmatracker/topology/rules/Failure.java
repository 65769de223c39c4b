package io.mmatracker.topology.rules;

import java.util.Map;

/**
 * A failure condition that holds in a snapshot.
 *
 * @param errorMessage what MMA said about it, or a short description when MMA says nothing
 * @param context      details of this failure added to the object's context (e.g. partitionsFailed)
 */
public record Failure(String errorMessage, Map<String, String> context) {

    public Failure {
        context = Map.copyOf(context);
    }

    public static Failure of(String errorMessage) {
        return new Failure(errorMessage, Map.of());
    }
}

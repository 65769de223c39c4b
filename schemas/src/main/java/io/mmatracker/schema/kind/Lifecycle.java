package io.mmatracker.schema.kind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The lifecycle of one kind: the statuses MMA documents for it (REFERENCE.md §6) with their phase, and the
 * reading of a whole data record as a phase (some kinds say more than their status: a job's {@code stopped}, an
 * async task's {@code running} and {@code endTime}, an error message).
 *
 * @param <D> the kind's MMA data record
 */
public final class Lifecycle<D> {

    /** Statuses that mean "finished" for kinds whose status set MMA does not document (scans, async tasks). */
    private static final Set<String> FINISHED_WORDS = Set.of("DONE", "SUCCESS", "SUCCEEDED",
            "CANCELED", "CANCELLED", "STOPPED");

    private final String reference;
    private final Map<String, Phase> documented;
    private final Function<D, Phase> phaseOf;

    Lifecycle(String reference, Map<String, Phase> documented, Function<D, Phase> phaseOf) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.documented = Collections.unmodifiableMap(new LinkedHashMap<>(documented));
        this.phaseOf = Objects.requireNonNull(phaseOf, "phaseOf");
    }

    /** Where MMA's statuses of this kind are described ({@code REFERENCE.md §6.3}). */
    public String reference() {
        return reference;
    }

    /**
     * The statuses MMA documents (or, where it documents only an example, the ones the reference infers), in
     * lifecycle order, with the phase each means when nothing else in the record says otherwise.
     */
    public Map<String, Phase> documented() {
        return documented;
    }

    /**
     * The documented statuses an object may still leave by itself or by a start (phase PENDING or MOVING), in
     * lifecycle order: the statuses worth polling often.
     */
    public Set<String> unsettledStatuses() {
        Set<String> unsettled = new LinkedHashSet<>();
        documented.forEach((status, phase) -> {
            if (!phase.isSettled()) {
                unsettled.add(status);
            }
        });
        return Collections.unmodifiableSet(unsettled);
    }

    /** The phase of a data record; never fails on missing (null) fields. */
    public Phase phaseOf(D data) {
        return phaseOf.apply(data);
    }

    /** MMA sends an absent text as null, blank or the literal {@code "null"} (see its documents' examples). */
    public static boolean hasText(String value) {
        return value != null && !value.isBlank() && !value.strip().equalsIgnoreCase("null");
    }

    /**
     * The phase of an object whose status set MMA does not document (scans, async tasks): an error message, or a
     * {@code FAILED}/{@code *_FAILED} status, is a failure; a {@code DONE}-like or {@code *_DONE} status is the end
     * (even while {@code running} still says true); an end time without {@code running=true} is the end;
     * otherwise {@code running} decides if MMA sends it, then the status: none yet is pending, any other runs.
     */
    static Phase ofUndocumented(String status, String errorMsg, String endTime, Boolean running) {
        if (hasText(errorMsg)) {
            return Phase.FAILED;
        }
        String s = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (s != null && (s.equals("FAILED") || s.endsWith("_FAILED"))) {
            return Phase.FAILED;
        }
        if (s != null && (FINISHED_WORDS.contains(s) || s.endsWith("_DONE"))) {
            return Phase.SETTLED;
        }
        if (hasText(endTime) && !Boolean.TRUE.equals(running)) {
            return Phase.SETTLED;
        }
        if (running != null) {
            return running ? Phase.MOVING : Phase.PENDING;
        }
        return s == null ? Phase.PENDING : Phase.MOVING;
    }
}

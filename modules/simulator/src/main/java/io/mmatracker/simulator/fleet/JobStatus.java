package io.mmatracker.simulator.fleet;

/** MMA's job status (REFERENCE §6.3); {@code stopped} is a separate flag. */
public enum JobStatus {
    INIT, DOING, DONE, FAILED;

    /** Parses a status name; null when it is not one. */
    public static JobStatus parse(String name) {
        for (JobStatus s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}

package io.mmatracker.simulator.fleet;

/** MMA's task status (REFERENCE §6.6); a task walks schema, data and verification stages in this order. */
public enum TaskStatus {
    INIT, SCHEMA_DOING, SCHEMA_DONE, SCHEMA_FAILED, DATA_DOING, DATA_DONE, DATA_FAILED,
    VERIFICATION_DOING, VERIFICATION_DONE, VERIFICATION_FAILED, DONE;

    private static final TaskStatus[] VALUES = values();

    public static TaskStatus of(int ordinal) {
        return VALUES[ordinal];
    }

    public boolean isFailed() {
        return this == SCHEMA_FAILED || this == DATA_FAILED || this == VERIFICATION_FAILED;
    }

    public boolean isTerminal() {
        return this == DONE || isFailed();
    }

    public boolean isRunning() {
        return this == SCHEMA_DOING || this == DATA_DOING || this == VERIFICATION_DOING;
    }

    /** 0 INIT, 1 schema, 2 data, 3 verification, 4 DONE: the order of the stages of an attempt. */
    public int stage() {
        return switch (this) {
            case INIT -> 0;
            case SCHEMA_DOING, SCHEMA_DONE, SCHEMA_FAILED -> 1;
            case DATA_DOING, DATA_DONE, DATA_FAILED -> 2;
            case VERIFICATION_DOING, VERIFICATION_DONE, VERIFICATION_FAILED -> 3;
            case DONE -> 4;
        };
    }

    /** Parses a status name; null when it is not one. */
    public static TaskStatus parse(String name) {
        for (TaskStatus s : VALUES) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}

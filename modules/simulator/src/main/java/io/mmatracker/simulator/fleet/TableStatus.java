package io.mmatracker.simulator.fleet;

/** MMA's table migration status (REFERENCE §6.4). */
public enum TableStatus {
    INIT, DOING, DONE, PART_DONE, FAILED;

    private static final TableStatus[] VALUES = values();

    public static TableStatus of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Parses a status name; null when it is not one. */
    public static TableStatus parse(String name) {
        for (TableStatus s : VALUES) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}

package io.mmatracker.simulator.fleet;

/** The data-source types MMA documents (REFERENCE §6.1); each brings its own config items and task type. */
public enum SourceType {
    HIVE("HIVE"), BIGQUERY("BIGQUERY"), MAXCOMPUTE("ODPS_INSERT_OVERWRITE");

    private final String taskType;

    SourceType(String taskType) {
        this.taskType = taskType;
    }

    /** The task type MMA uses to migrate tables of this source type. */
    public String taskType() {
        return taskType;
    }

    /** Parses a type name (case-insensitive); null when it is not one. */
    public static SourceType parse(String name) {
        for (SourceType t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}

package io.mmatracker.simulator.fleet;

/**
 * The stages a task of a job goes through, as shares of the task's duration. A failing attempt fails inside one
 * of the {@code *_DOING} stages and ends in that stage's {@code *_FAILED} status (REFERENCE §6.6); without
 * verification, DATA_DONE goes straight on to VERIFICATION_DONE.
 */
enum TaskPlan {
    FULL(new TaskStatus[] {TaskStatus.SCHEMA_DOING, TaskStatus.SCHEMA_DONE, TaskStatus.DATA_DOING,
        TaskStatus.DATA_DONE, TaskStatus.VERIFICATION_DOING, TaskStatus.VERIFICATION_DONE},
        new double[] {0.08, 0.02, 0.70, 0.02, 0.16, 0.02}),
    NO_VERIFICATION(new TaskStatus[] {TaskStatus.SCHEMA_DOING, TaskStatus.SCHEMA_DONE, TaskStatus.DATA_DOING,
        TaskStatus.DATA_DONE, TaskStatus.VERIFICATION_DONE},
        new double[] {0.10, 0.02, 0.82, 0.03, 0.03}),
    SCHEMA_ONLY(new TaskStatus[] {TaskStatus.SCHEMA_DOING, TaskStatus.SCHEMA_DONE},
        new double[] {0.90, 0.10});

    final TaskStatus[] phases;
    /** starts[i] is where phase i begins, as a share of the duration; starts[length] == 1. */
    final double[] starts;
    final int dataPhase;

    TaskPlan(TaskStatus[] phases, double[] shares) {
        this.phases = phases;
        this.starts = new double[phases.length + 1];
        double sum = 0;
        int data = -1;
        for (int i = 0; i < phases.length; i++) {
            starts[i] = sum;
            sum += shares[i];
            if (phases[i] == TaskStatus.DATA_DOING) {
                data = i;
            }
        }
        starts[phases.length] = 1.0;
        this.dataPhase = data;
    }

    static TaskPlan of(boolean schemaOnly, boolean verification) {
        if (schemaOnly) {
            return SCHEMA_ONLY;
        }
        return verification ? FULL : NO_VERIFICATION;
    }

    /** Which running phase a failing attempt fails in, from a uniform draw: schema 20 %, data 60 %, verification 20 %. */
    int failingPhase(double u) {
        if (this == SCHEMA_ONLY) {
            return 0;
        }
        if (u < 0.2) {
            return 0;
        }
        if (this == FULL && u >= 0.8) {
            return 4;
        }
        return dataPhase;
    }

    static TaskStatus failedStatusOf(TaskStatus runningPhase) {
        return switch (runningPhase) {
            case SCHEMA_DOING -> TaskStatus.SCHEMA_FAILED;
            case DATA_DOING -> TaskStatus.DATA_FAILED;
            case VERIFICATION_DOING -> TaskStatus.VERIFICATION_FAILED;
            default -> throw new IllegalArgumentException("not a running phase: " + runningPhase);
        };
    }
}

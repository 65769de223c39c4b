package io.mmatracker.simulator.fleet;

/**
 * The shape of a generated fleet: the seed everything is derived from, how many data sources, jobs per source
 * and tables per source, and the share of task attempts and scans that fail.
 */
public record FleetSpec(long seed, int sources, int jobsPerSource, int tablesPerSource, double failureRate) {

    public FleetSpec {
        if (sources < 0 || jobsPerSource < 0 || tablesPerSource < 0) {
            throw new IllegalArgumentException("fleet sizes must not be negative");
        }
        if ((long) sources * tablesPerSource > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("sources x tablesPerSource must stay below " + Integer.MAX_VALUE / 2);
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be within 0..1, got " + failureRate);
        }
    }
}

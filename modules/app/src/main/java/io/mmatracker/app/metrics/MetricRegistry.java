package io.mmatracker.app.metrics;

import java.util.function.DoubleSupplier;

/** Where a role's numbers are registered for {@code /metrics}: the query service's registry in practice. */
public interface MetricRegistry {

    /** A count that only grows. */
    void counter(String name, String help, DoubleSupplier value);

    /** A value that goes up and down. */
    void gauge(String name, String help, DoubleSupplier value);
}

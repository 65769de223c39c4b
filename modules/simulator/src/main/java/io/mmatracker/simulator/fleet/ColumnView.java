package io.mmatracker.simulator.fleet;

/** A column or partition key of a table schema. */
public record ColumnView(String name, String type, String comment, String defaultValue, boolean nullable) {
}

package io.mmatracker.simulator.fleet;

import java.util.List;

/** The {@code schema} object of a table. */
public record TableSchemaView(String name, String comment, List<ColumnView> columns, List<ColumnView> partitions) {
}

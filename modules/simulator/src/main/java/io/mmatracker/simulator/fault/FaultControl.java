package io.mmatracker.simulator.fault;

/** Reads and changes the faults of a running simulator. */
public interface FaultControl {

    FaultConfig current();

    void set(FaultConfig faults);

    default void clear() {
        set(FaultConfig.NONE);
    }
}

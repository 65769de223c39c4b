package io.mmatracker.simulator.fleet;

/** A metadata scan as GetMmsFetchMetadataJob serves it; progress runs 0..10000. */
public record ScanView(long id, long sourceId, String status, long progress, String result, String errorMsg,
                       String startTime, String endTime, Pin pin) {
}

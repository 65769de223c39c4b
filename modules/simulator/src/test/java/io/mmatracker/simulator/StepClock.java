package io.mmatracker.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test steps it. */
final class StepClock extends Clock {

    private volatile Instant now;

    StepClock(Instant start) {
        this.now = start;
    }

    static StepClock at(String isoInstant) {
        return new StepClock(Instant.parse(isoInstant));
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}

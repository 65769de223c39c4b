package io.mmatracker.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulatedTimeTest {

    @Test
    void formatsAndParsesMmasTimestamps() {
        long t = Instant.parse("2024-12-17T15:44:17Z").toEpochMilli();
        assertThat(SimulatedTime.format(t + 999)).isEqualTo("2024-12-17 15:44:17");
        assertThat(SimulatedTime.parse("2024-12-17 15:44:17")).isEqualTo(t);
        assertThat(SimulatedTime.parse("2024-12-17T15:44:17")).isNull();
        assertThat(SimulatedTime.parse("yesterday")).isNull();
        assertThat(SimulatedTime.parse(null)).isNull();
    }

    @Test
    void runsSpeedTimesFasterAndNeverBackwards() {
        Instant start = Instant.parse("2025-03-01T08:00:00Z");
        SimulatedTime time = new SimulatedTime(Clock.fixed(start, ZoneOffset.UTC), 60);
        assertThat(time.now()).isEqualTo(start.toEpochMilli());
        SimulatedTime later = new SimulatedTime(Clock.offset(Clock.fixed(start, ZoneOffset.UTC),
            java.time.Duration.ZERO), 60);
        assertThat(later.epoch()).isEqualTo(start.toEpochMilli());
        assertThatThrownBy(() -> new SimulatedTime(Clock.systemUTC(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

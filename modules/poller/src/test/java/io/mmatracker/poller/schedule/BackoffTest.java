package io.mmatracker.poller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesPerAttemptUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jittersBetweenHalfAndAllOfTheCeiling() {
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.delay(4, random)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
    }

    @Test
    void rejectsACapBelowTheBase() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("below its base");
    }
}

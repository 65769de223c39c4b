package io.mmatracker.simulator.fleet;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated time: it starts at the injected clock's instant and runs {@code speed} times faster than that clock,
 * so hours of migration play in seconds. It never goes backwards, even if the injected clock does.
 */
public final class SimulatedTime {

    private final Clock clock;
    private final long wallStart;
    private final double speed;
    private final AtomicLong latest;

    public SimulatedTime(Clock clock, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive finite number, got " + speed);
        }
        this.clock = clock;
        this.wallStart = clock.millis();
        this.speed = speed;
        this.latest = new AtomicLong(wallStart);
    }

    /** The simulated instant the fleet was built at, in epoch milliseconds. */
    public long epoch() {
        return wallStart;
    }

    public double speed() {
        return speed;
    }

    /** The current simulated instant in epoch milliseconds. */
    public long now() {
        long elapsed = clock.millis() - wallStart;
        long simulated = wallStart + (long) (elapsed * speed);
        return latest.accumulateAndGet(simulated, Math::max);
    }

    /** MMA's timestamp format: {@code YYYY-MM-DD HH:mm:ss}, no zone (the simulator speaks UTC). */
    public static String format(long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(19);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append(' ');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        return b.toString();
    }

    /** Parses MMA's timestamp format; null when the text is not one. */
    public static Long parse(String text) {
        if (text == null || text.length() != 19 || text.charAt(10) != ' ') {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(text.replace(' ', 'T'));
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}

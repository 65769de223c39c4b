package io.mmatracker.topology.track;

/**
 * Keys of the stall index: {@code <lastMovedAt rounded down to the granularity, 19 digits>|<object key>}.
 * Zero-padded decimal digits sort bytewise in time order, so "every object that last moved before t" is one
 * range scan of a RocksDB store. Rounding (to the stall-check interval) keeps an object that moves often on
 * the same entry: its entry changes once per interval, not on every progress step (profiled: moving the entry
 * on every snapshot cost 8% of the stream thread and two changelog records per snapshot). The tracker leaves an
 * entry behind while its object moves on and lets the stall check move it when it comes due
 * ({@code SnapshotTracker.moveStallEntry}).
 */
final class StallIndex {

    private static final int DIGITS = 19;

    private StallIndex() {
    }

    static String entry(long lastMovedAt, long granularity, String key) {
        return pad(lastMovedAt - Math.floorMod(lastMovedAt, granularity)) + "|" + key;
    }

    /** The inclusive upper bound of a range holding every entry whose rounded lastMovedAt is at most {@code cutoff}. */
    static String upperBound(long cutoff) {
        // "<cutoff+1>" sorts before every "<cutoff+1>|key" and after every "<cutoff>|key"
        return pad(cutoff + 1);
    }

    private static String pad(long millis) {
        String digits = Long.toString(Math.max(0, millis));
        return "0".repeat(DIGITS - digits.length()) + digits;
    }
}

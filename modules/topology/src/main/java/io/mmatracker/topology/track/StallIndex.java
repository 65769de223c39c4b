package io.mmatracker.topology.track;

/**
 * Keys of the stall index: {@code <lastMovedAt as 19 digits>|<object key>}. Zero-padded decimal digits sort
 * bytewise in time order, so "every object that last moved before t" is one range scan of a RocksDB store.
 */
final class StallIndex {

    private static final int DIGITS = 19;

    private StallIndex() {
    }

    static String entry(long lastMovedAt, String key) {
        return pad(lastMovedAt) + "|" + key;
    }

    /** The inclusive upper bound of a range holding every entry whose lastMovedAt is at most {@code cutoff}. */
    static String upperBound(long cutoff) {
        // "<cutoff+1>" sorts before every "<cutoff+1>|key" and after every "<cutoff>|key"
        return pad(cutoff + 1);
    }

    static long lastMovedAtOf(String entry) {
        return Long.parseLong(entry.substring(0, DIGITS));
    }

    private static String pad(long millis) {
        String digits = Long.toString(Math.max(0, millis));
        return "0".repeat(DIGITS - digits.length()) + digits;
    }
}

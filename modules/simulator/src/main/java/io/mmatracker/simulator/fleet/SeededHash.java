package io.mmatracker.simulator.fleet;

/**
 * Deterministic pseudo-random numbers addressed by coordinates (seed, salt, index, ...), never drawn from a
 * shared generator: the same question always gets the same answer, whatever order requests arrive in.
 */
public final class SeededHash {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeededHash() {
    }

    /** SplitMix64's finalizer: a bijective, well-mixed 64-bit scramble. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long hash(long seed, long a) {
        return mix(mix(seed + GOLDEN) + GOLDEN * (a + 1));
    }

    public static long hash(long seed, long a, long b) {
        return mix(hash(seed, a) + GOLDEN * (b + 1));
    }

    public static long hash(long seed, long a, long b, long c) {
        return mix(hash(seed, a, b) + GOLDEN * (c + 1));
    }

    /** A uniform double in [0, 1) from a hash. */
    public static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A uniform long in [lo, hi) from a hash; lo when the range is empty. */
    public static long between(long hash, long lo, long hi) {
        if (hi <= lo) {
            return lo;
        }
        return lo + (long) (unit(hash) * (hi - lo));
    }

    /** Picks one element of a non-empty array. */
    public static <T> T pick(long hash, T[] values) {
        return values[(int) between(hash, 0, values.length)];
    }
}

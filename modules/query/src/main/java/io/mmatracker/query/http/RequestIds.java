package io.mmatracker.query.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in MMA's shape (an upper-case UUID, e.g. {@code D9F872FD-5DDE-30A6-8C8A-1B8C6A81059F}).
 * Drawn from {@link ThreadLocalRandom}: ids need to be unique, not unguessable, and SecureRandom would
 * serialize the I/O threads on its lock.
 */
public final class RequestIds {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private RequestIds() {
    }

    /** A new random (version 4) id. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        byte[] out = new byte[36];
        int at = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                out[at++] = '-';
            }
            long word = i < 16 ? high : low;
            int shift = (15 - (i % 16)) * 4;
            out[at++] = HEX[(int) ((word >>> shift) & 0xF)];
        }
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Whether a caller-supplied id (a forwarded request's) has the shape of one of ours and may be reused. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}

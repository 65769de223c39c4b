package io.mmatracker.simulator.http;

/** Makes client-supplied text safe to quote in an error message: short and printable. */
final class Texts {

    private static final int MAX = 64;

    private Texts() {
    }

    static String sample(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX) + 3);
        for (int i = 0; i < value.length() && b.length() < MAX; i++) {
            char c = value.charAt(i);
            b.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
        }
        if (value.length() > MAX) {
            b.append("...");
        }
        return b.toString();
    }
}

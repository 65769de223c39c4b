package io.mmatracker.signature;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 3986 percent-encoding as ACS3 wants it: every UTF-8 byte except the unreserved set
 * {@code A-Z a-z 0-9 - _ . ~} becomes {@code %XX} (upper-case hex), so a space is {@code %20}, never {@code +}.
 */
public final class Rfc3986 {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Rfc3986() {
    }

    /** Percent-encodes a query key or value, or a single path segment ({@code /} becomes {@code %2F}). */
    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} escapes (UTF-8). A {@code +} stays a {@code +}: RFC 3986 gives it no special meaning
     * and Alibaba's SDKs always send a space as {@code %20}. Bytes that are not UTF-8 are refused rather than
     * replaced by U+FFFD: a server answers them with a 400, and two different wrong byte strings must not
     * decode to the same text.
     *
     * @throws IllegalArgumentException on a truncated or non-hex escape, or escapes that are not UTF-8
     */
    public static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("truncated percent-escape at index " + i);
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-escape at index " + i);
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else {
                int codePoint = value.codePointAt(i);
                byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-escapes that are not UTF-8", e);
        }
    }

    /**
     * Parses a raw query string as it arrived on the wire ({@code a=1&b=x%20y&a=2}) into decoded keys and values,
     * keeping repeated keys in arrival order. A key without {@code =} gets the empty value. A {@code +} is a space
     * here: Alibaba's Java SDK (tea's {@code Tea.composeUrl}, {@code URLEncoder}) and Go's {@code url.QueryEscape}
     * send a space in a query value as {@code +} while they sign it as {@code %20}, and a {@code +} as {@code %2B}.
     *
     * @throws IllegalArgumentException as {@link #decode} does
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1).replace('+', ' '));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}

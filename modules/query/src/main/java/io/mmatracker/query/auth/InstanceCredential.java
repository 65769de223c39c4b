package io.mmatracker.query.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof that a request comes from another instance of this tracker: {@code X-MMA-Instance-Auth: t=<epoch seconds>,
 * s=<hex HMAC-SHA256>} over the time, the caller's name, the method, the path and query, and the request id, keyed
 * by the auth file's {@code instanceSecret}. It binds the headers an outsider must not forge (the caller named in
 * {@code X-MMA-Caller}, the request id) to one request, within {@link #WINDOW} of the receiver's clock.
 */
final class InstanceCredential {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private InstanceCredential() {
    }

    static String sign(byte[] secret, Instant now, String caller, String method, String pathAndQuery, String requestId) {
        long t = now.getEpochSecond();
        return "t=" + t + ",s=" + mac(secret, t, caller, method, pathAndQuery, requestId);
    }

    static boolean verify(byte[] secret, String header, Instant now, String caller, String method, String pathAndQuery,
                          String requestId) {
        if (header == null || !header.startsWith("t=") || header.length() > 200) {
            return false;
        }
        int comma = header.indexOf(",s=");
        if (comma < 0) {
            return false;
        }
        long t;
        try {
            t = Long.parseLong(header.substring(2, comma));
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - t) > WINDOW.toSeconds()) {
            return false;
        }
        String expected = mac(secret, t, caller, method, pathAndQuery, requestId);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.substring(comma + 3).getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(byte[] secret, long t, String caller, String method, String pathAndQuery, String requestId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String text = t + "\n" + caller + "\n" + method + "\n" + pathAndQuery + "\n" + requestId;
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}

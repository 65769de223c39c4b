package io.mmatracker.signature;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code Authorization: ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...} header.
 *
 * @param algorithm     {@code ACS3-HMAC-SHA256}
 * @param accessKeyId   the {@code Credential} part
 * @param signedHeaders the {@code SignedHeaders} part, split on {@code ;}, in the order given
 * @param signature     lower-case hex signature
 */
public record AcsAuthorization(String algorithm, String accessKeyId, List<String> signedHeaders, String signature) {

    public AcsAuthorization {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * Parses the header value. Whitespace around the parts is tolerated; parts may come in any order.
     *
     * @throws IllegalArgumentException saying what is missing or malformed
     */
    public static AcsAuthorization parse(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new IllegalArgumentException("Authorization header is missing");
        }
        String value = headerValue.trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("Authorization header has no algorithm followed by parameters");
        }
        String algorithm = value.substring(0, space);
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : value.substring(space + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                // never echo the part: a client that put its secret in the header would see it in an error message
                throw new IllegalArgumentException("an Authorization parameter has no '='");
            }
            String name = part.substring(0, eq).trim();
            String paramValue = part.substring(eq + 1).trim();
            switch (name) {
                case "Credential" -> credential = paramValue;
                case "SignedHeaders" -> signedHeaders = paramValue;
                case "Signature" -> signature = paramValue;
                default -> throw new IllegalArgumentException(name.matches("[A-Za-z-]{1,32}")
                        ? "unknown Authorization parameter " + name
                        : "an Authorization parameter is not Credential, SignedHeaders or Signature");
            }
        }
        if (credential == null || credential.isEmpty()) {
            throw new IllegalArgumentException("Authorization header has no Credential");
        }
        if (signedHeaders == null || signedHeaders.isEmpty()) {
            throw new IllegalArgumentException("Authorization header has no SignedHeaders");
        }
        if (signature == null || signature.isEmpty()) {
            throw new IllegalArgumentException("Authorization header has no Signature");
        }
        return new AcsAuthorization(algorithm, credential, Arrays.asList(signedHeaders.split(";")), signature);
    }

    /** The header value, in the shape Alibaba's SDKs send. */
    public String toHeaderValue() {
        return algorithm + " Credential=" + accessKeyId + ",SignedHeaders=" + String.join(";", signedHeaders)
                + ",Signature=" + signature;
    }
}

package io.mmatracker.signature;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verification of an incoming ACS3-HMAC-SHA256 request, shared by every server that checks one (the simulator and
 * the query): the Authorization header is parsed, the request must sign {@code host} and every {@code x-acs-*}
 * header it sends, the AccessKey id must be known, and the signature is recomputed by {@link Acs3Signer} over the
 * request exactly as received. Freshness of {@code x-acs-date} and reuse of {@code x-acs-signature-nonce} are the
 * caller's policy (the simulator often runs on a test's clock).
 */
public final class SignatureCheck {

    /** What a check found; each kind maps to one of Alibaba's error codes. */
    public sealed interface Outcome {
        /** The signature is valid for this AccessKey id. */
        record Verified(String accessKeyId) implements Outcome {
        }

        /** The request is not signed, or not in a form that can be verified ({@code IncompleteSignature}, 400). */
        record Incomplete(String message) implements Outcome {
        }

        /** No secret is known for the AccessKey id ({@code InvalidAccessKeyId.NotFound}, 404). */
        record UnknownKey(String accessKeyId) implements Outcome {
        }

        /** The signature differs from the one computed here ({@code SignatureDoesNotMatch}, 403). */
        record Mismatch(String accessKeyId) implements Outcome {
        }
    }

    private SignatureCheck() {
    }

    /**
     * @param headers  the request's headers, names lower-case, first value of each
     * @param secretOf the secret of an AccessKey id, empty when the id is unknown
     */
    public static Outcome verify(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body,
                                 Function<String, Optional<String>> secretOf) {
        Objects.requireNonNull(secretOf, "secretOf");
        String header = headers.get(Acs3Signer.HEADER_AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return new Outcome.Incomplete("The request is not signed: the Authorization header is missing.");
        }
        AcsAuthorization authorization;
        try {
            authorization = AcsAuthorization.parse(header);
        } catch (IllegalArgumentException e) {
            return new Outcome.Incomplete("The Authorization header is malformed: " + e.getMessage() + ".");
        }
        if (!Acs3Signer.ALGORITHM.equals(authorization.algorithm())) {
            return new Outcome.Incomplete("Only the " + Acs3Signer.ALGORITHM + " signature is supported.");
        }
        List<String> signed = authorization.signedHeaders();
        if (!signed.contains("host")) {
            return new Outcome.Incomplete("The host header must be signed.");
        }
        for (String name : headers.keySet()) {
            if (name.startsWith("x-acs-") && !signed.contains(name)) {
                return new Outcome.Incomplete("The header " + name + " is sent but not signed.");
            }
        }
        for (String name : signed) {
            if (!headers.containsKey(name)) {
                return new Outcome.Incomplete("The signed header " + name + " is not in the request.");
            }
        }
        Optional<String> secret = secretOf.apply(authorization.accessKeyId());
        if (secret.isEmpty()) {
            return new Outcome.UnknownKey(authorization.accessKeyId());
        }
        SignableRequest received;
        try {
            received = SignableRequest.received(method, rawPath, rawQuery, headers, body);
        } catch (IllegalArgumentException e) {
            return new Outcome.Incomplete("The request cannot be canonicalized: " + e.getMessage() + ".");
        }
        return Acs3Signer.matches(received, authorization, secret.get())
                ? new Outcome.Verified(authorization.accessKeyId())
                : new Outcome.Mismatch(authorization.accessKeyId());
    }
}

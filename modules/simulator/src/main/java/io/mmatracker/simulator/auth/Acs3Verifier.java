package io.mmatracker.simulator.auth;

import io.mmatracker.client.sign.Acs3Signer;
import io.mmatracker.client.sign.AcsAuthorization;
import io.mmatracker.client.sign.SignableRequest;
import io.mmatracker.simulator.protocol.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Requires Alibaba's V3 signature (ACS3-HMAC-SHA256, REFERENCE §8.2) by one AccessKey pair, recomputed with the
 * client's own {@link Acs3Signer} over the request exactly as received and the header list the request names in
 * {@code SignedHeaders}. The timestamp and nonce are not checked for freshness: the simulator's clock is often a
 * test's clock.
 */
public final class Acs3Verifier implements RequestVerifier {

    private final String accessKeyId;
    private final String accessKeySecret;

    public Acs3Verifier(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    }

    @Override
    public ApiError verify(IncomingRequest request) {
        String header = request.header(Acs3Signer.HEADER_AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return incomplete("The request is not signed: the Authorization header is missing.");
        }
        AcsAuthorization authorization;
        try {
            authorization = AcsAuthorization.parse(header);
        } catch (IllegalArgumentException e) {
            return incomplete("The Authorization header is malformed: " + e.getMessage() + ".");
        }
        if (!Acs3Signer.ALGORITHM.equals(authorization.algorithm())) {
            return incomplete("Only the " + Acs3Signer.ALGORITHM + " signature is supported.");
        }
        List<String> signed = authorization.signedHeaders();
        if (!signed.contains("host")) {
            return incomplete("The host header must be signed.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
            if (!e.getValue().isEmpty()) {
                headers.put(e.getKey(), e.getValue().get(0));
            }
        }
        for (String name : headers.keySet()) {
            if (name.startsWith("x-acs-") && !signed.contains(name)) {
                return incomplete("The header " + name + " is sent but not signed.");
            }
        }
        for (String name : signed) {
            if (!headers.containsKey(name)) {
                return incomplete("The signed header " + name + " is not in the request.");
            }
        }
        if (!accessKeyId.equals(authorization.accessKeyId())) {
            return new ApiError(404, ApiError.UNKNOWN_ACCESS_KEY, "Specified access key is not found.");
        }
        SignableRequest received;
        try {
            received = SignableRequest.received(request.method(), request.rawPath(), request.rawQuery(), headers,
                request.body());
        } catch (IllegalArgumentException e) {
            return incomplete("The request cannot be canonicalized: " + e.getMessage() + ".");
        }
        if (!Acs3Signer.matches(received, authorization, accessKeySecret)) {
            return new ApiError(403, ApiError.SIGNATURE_MISMATCH,
                "Specified signature is not matched with our calculation.");
        }
        return null;
    }

    private static ApiError incomplete(String message) {
        return new ApiError(400, ApiError.INCOMPLETE_SIGNATURE, message);
    }
}

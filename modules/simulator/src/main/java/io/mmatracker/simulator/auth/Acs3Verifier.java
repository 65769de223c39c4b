package io.mmatracker.simulator.auth;

import io.mmatracker.signature.SignatureCheck;
import io.mmatracker.openapi.ApiError;
import io.mmatracker.openapi.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Requires Alibaba's V3 signature (ACS3-HMAC-SHA256, REFERENCE §8.2) by one AccessKey pair, checked by the shared
 * {@link SignatureCheck} (the client's signer recomputes it over the request exactly as received). The timestamp and
 * nonce are not checked for freshness: the simulator's clock is often a test's clock.
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
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
            if (!e.getValue().isEmpty()) {
                headers.put(e.getKey(), e.getValue().get(0));
            }
        }
        SignatureCheck.Outcome outcome = SignatureCheck.verify(request.method(), request.rawPath(), request.rawQuery(), headers,
                request.body(), id -> accessKeyId.equals(id) ? Optional.of(accessKeySecret) : Optional.empty());
        if (outcome instanceof SignatureCheck.Outcome.Incomplete incomplete) {
            return ApiError.of(ErrorCode.INCOMPLETE_SIGNATURE, incomplete.message());
        } else if (outcome instanceof SignatureCheck.Outcome.UnknownKey) {
            return ApiError.of(ErrorCode.UNKNOWN_ACCESS_KEY, "Specified access key is not found.");
        } else if (outcome instanceof SignatureCheck.Outcome.Mismatch) {
            return ApiError.of(ErrorCode.SIGNATURE_MISMATCH, "Specified signature is not matched with our calculation.");
        }
        return null;
    }
}

package io.mmatracker.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmatracker.signature.Acs3Signer;
import io.mmatracker.signature.Credentials;
import io.mmatracker.signature.SignableRequest;
import io.mmatracker.openapi.ApiError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier accepts exactly the requests the client's signer signed with the configured key pair. */
class Acs3VerifierTest {

    private static final String AK = "LTAIsimulator";
    private static final String SECRET = "simulator-secret";
    private static final String PATH = "/api/v1/mms/datasources/2000001/tables";
    private static final String QUERY = "pageNum=1&pageSize=100&status=%5B%22DONE%22%2C%22FAILED%22%5D";

    private final Acs3Verifier verifier = new Acs3Verifier(AK, SECRET);

    private static Map<String, String> signedHeaders(String method, String path, String query, byte[] body,
                                                     String ak, String secret, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("host", "127.0.0.1:8090");
        if (body.length > 0) {
            headers.put("content-type", "application/json; charset=utf-8");
        }
        SignableRequest request = SignableRequest.received(method, path, query, headers, body);
        return Acs3Signer.sign(request, Credentials.of(ak, secret), "ListMmsTables", "2022-01-04",
            Instant.parse("2026-01-01T00:00:00Z"), "nonce-1").headers();
    }

    private static IncomingRequest incoming(String method, String path, String query, Map<String, String> headers,
                                            byte[] body) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new IncomingRequest(method, path, query, multi, body);
    }

    private ApiError verifyGet(Map<String, String> headers) {
        return verifier.verify(incoming("GET", PATH, QUERY, headers, new byte[0]));
    }

    private static Map<String, String> goodGet() {
        return signedHeaders("GET", PATH, QUERY, new byte[0], AK, SECRET, Map.of());
    }

    @Test
    void acceptsWhatTheSignerSigned() {
        assertThat(verifyGet(goodGet())).isNull();
        byte[] body = "{\"name\":\"j\",\"srcDbName\":\"db\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> post = signedHeaders("POST", "/api/v1/mms/datasources/2000001/jobs", "", body, AK,
            SECRET, Map.of());
        assertThat(verifier.verify(incoming("POST", "/api/v1/mms/datasources/2000001/jobs", "", post, body)))
            .isNull();
    }

    @Test
    void takesTheHeaderListFromSignedHeaders() {
        Map<String, String> headers = signedHeaders("GET", PATH, QUERY, new byte[0], AK, SECRET,
            Map.of("x-acs-credentials-provider", "ak", "user-agent", "AlibabaCloud"));
        assertThat(headers.get("authorization")).contains("x-acs-credentials-provider");
        assertThat(verifyGet(headers)).isNull();
    }

    @Test
    void aWrongSecretDoesNotMatch() {
        ApiError e = verifyGet(signedHeaders("GET", PATH, QUERY, new byte[0], AK, "other-secret", Map.of()));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void anUnknownAccessKeyIsNotFound() {
        ApiError e = verifyGet(signedHeaders("GET", PATH, QUERY, new byte[0], "LTAIother", SECRET, Map.of()));
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    @Test
    void unsignedOrMalformedAuthorizationIsIncomplete() {
        assertThat(verifyGet(Map.of("host", "127.0.0.1:8090")).code()).isEqualTo("IncompleteSignature");
        Map<String, String> garbage = new LinkedHashMap<>(goodGet());
        garbage.put("authorization", "Bearer abc");
        assertThat(verifyGet(garbage).code()).isEqualTo("IncompleteSignature");
        Map<String, String> otherAlgorithm = new LinkedHashMap<>(goodGet());
        otherAlgorithm.put("authorization", otherAlgorithm.get("authorization").replace("ACS3-HMAC-SHA256",
            "ACS3-HMAC-SM3"));
        assertThat(verifyGet(otherAlgorithm).httpStatus()).isEqualTo(400);
        Map<String, String> missingSignedHeader = new LinkedHashMap<>(goodGet());
        missingSignedHeader.remove("x-acs-date");
        assertThat(verifyGet(missingSignedHeader).code()).isEqualTo("IncompleteSignature");
        Map<String, String> unsignedAcsHeader = new LinkedHashMap<>(goodGet());
        unsignedAcsHeader.put("x-acs-extra", "1");
        assertThat(verifyGet(unsignedAcsHeader).code()).isEqualTo("IncompleteSignature");
    }

    @Test
    void tamperingWithPathQueryBodyOrSignedHeadersIsCaught() {
        Map<String, String> h = goodGet();
        assertThat(verifier.verify(incoming("GET", PATH, QUERY.replace("pageSize=100", "pageSize=99"), h,
            new byte[0])).code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(verifier.verify(incoming("GET", PATH.replace("2000001", "2000002"), QUERY, h, new byte[0]))
            .code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(verifier.verify(incoming("POST", PATH, QUERY, h, new byte[0])).code())
            .isEqualTo("SignatureDoesNotMatch");
        assertThat(verifier.verify(incoming("GET", PATH, QUERY, h, new byte[] {1})).code())
            .isEqualTo("SignatureDoesNotMatch");
        Map<String, String> otherAction = new LinkedHashMap<>(h);
        otherAction.put("x-acs-action", "GetMmsTable");
        assertThat(verifyGet(otherAction).code()).isEqualTo("SignatureDoesNotMatch");
    }
}

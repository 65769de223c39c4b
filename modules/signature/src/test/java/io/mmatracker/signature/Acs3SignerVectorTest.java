package io.mmatracker.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alibaba Cloud's published V3 signature example, reproduced byte for byte. Inputs and expected values are copied
 * from the document "V3 request structure and signature" (signature example with fixed parameter values),
 * https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature ; they are not
 * produced by this code.
 */
class Acs3SignerVectorTest {

    private static final Credentials DOC_CREDENTIALS = Credentials.of("YourAccessKeyId", "YourAccessKeySecret");
    private static final Instant DOC_DATE = Instant.parse("2023-10-26T10:22:32Z");
    private static final String DOC_NONCE = "3156853299f313e23d1673dc12e1703d";

    private static final String DOC_CANONICAL_REQUEST = "POST\n"
            + "/\n"
            + "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
            + "host:ecs.cn-shanghai.aliyuncs.com\n"
            + "x-acs-action:RunInstances\n"
            + "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            + "x-acs-date:2023-10-26T10:22:32Z\n"
            + "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
            + "x-acs-version:2014-05-26\n"
            + "\n"
            + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String DOC_HASHED_CANONICAL_REQUEST =
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259";
    private static final String DOC_SIGNATURE = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
    private static final String DOC_AUTHORIZATION = "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
            + "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            + "Signature=" + DOC_SIGNATURE;

    private static SignableRequest docRequestBeforeSigning() {
        return new SignableRequest("POST", "/",
                Map.of("ImageId", List.of("win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
                        "RegionId", List.of("cn-shanghai")),
                Map.of("host", "ecs.cn-shanghai.aliyuncs.com"),
                Acs3Signer.EMPTY_PAYLOAD_SHA256);
    }

    @Test
    void the_empty_payload_hash_is_the_sha256_of_nothing() {
        assertThat(Acs3Signer.sha256Hex(new byte[0])).isEqualTo(Acs3Signer.EMPTY_PAYLOAD_SHA256);
    }

    @Test
    void signing_the_documented_request_adds_exactly_the_documented_headers() {
        SignableRequest signed = Acs3Signer.sign(docRequestBeforeSigning(), DOC_CREDENTIALS,
                "RunInstances", "2014-05-26", DOC_DATE, DOC_NONCE);

        assertThat(signed.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "host", "ecs.cn-shanghai.aliyuncs.com",
                "x-acs-action", "RunInstances",
                "x-acs-version", "2014-05-26",
                "x-acs-date", "2023-10-26T10:22:32Z",
                "x-acs-signature-nonce", DOC_NONCE,
                "x-acs-content-sha256", Acs3Signer.EMPTY_PAYLOAD_SHA256,
                "authorization", DOC_AUTHORIZATION));
    }

    @Test
    void canonical_request_matches_the_document_byte_for_byte() {
        SignableRequest signed = Acs3Signer.sign(docRequestBeforeSigning(), DOC_CREDENTIALS,
                "RunInstances", "2014-05-26", DOC_DATE, DOC_NONCE);
        String canonical = Acs3Signer.canonicalRequest(signed, Acs3Signer.headersToSign(signed.headers()));

        assertThat(canonical).isEqualTo(DOC_CANONICAL_REQUEST);
        assertThat(Acs3Signer.sha256Hex(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(DOC_HASHED_CANONICAL_REQUEST);
        assertThat(Acs3Signer.stringToSign(canonical)).isEqualTo("ACS3-HMAC-SHA256\n" + DOC_HASHED_CANONICAL_REQUEST);
    }

    @Test
    void signature_of_the_documented_string_to_sign_matches_the_document() {
        assertThat(Acs3Signer.signature("YourAccessKeySecret", "ACS3-HMAC-SHA256\n" + DOC_HASHED_CANONICAL_REQUEST))
                .isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void an_instance_takes_date_and_nonce_from_its_clock_and_supplier() {
        Acs3Signer signer = new Acs3Signer(Clock.fixed(DOC_DATE.plusMillis(789), ZoneOffset.UTC), () -> DOC_NONCE);

        SignableRequest signed = signer.sign(docRequestBeforeSigning(), DOC_CREDENTIALS, "RunInstances", "2014-05-26");

        assertThat(signed.header("Authorization")).isEqualTo(DOC_AUTHORIZATION);
    }

    @Test
    void a_server_verifies_the_documented_request_and_rejects_a_wrong_secret() {
        SignableRequest signed = Acs3Signer.sign(docRequestBeforeSigning(), DOC_CREDENTIALS,
                "RunInstances", "2014-05-26", DOC_DATE, DOC_NONCE);
        AcsAuthorization authorization = AcsAuthorization.parse(signed.header("authorization"));

        assertThat(authorization.accessKeyId()).isEqualTo("YourAccessKeyId");
        assertThat(authorization.signature()).isEqualTo(DOC_SIGNATURE);
        assertThat(Acs3Signer.matches(signed, authorization, "YourAccessKeySecret")).isTrue();
        assertThat(Acs3Signer.matches(signed, authorization, "SomeOtherSecret")).isFalse();
    }
}

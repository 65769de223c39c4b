package io.mmatracker.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edge cases of the canonical form that the documented vector does not exercise. */
class Acs3CanonicalisationTest {

    private static final Instant DATE = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void encoding_keeps_only_unreserved_characters_and_never_uses_plus() {
        assertThat(Rfc3986.encode("a b")).isEqualTo("a%20b");
        assertThat(Rfc3986.encode("*")).isEqualTo("%2A");
        assertThat(Rfc3986.encode("~-_.")).isEqualTo("~-_.");
        assertThat(Rfc3986.encode("a+b")).isEqualTo("a%2Bb");
        assertThat(Rfc3986.encode("a/b")).isEqualTo("a%2Fb");
        assertThat(Rfc3986.encode("k=v&x")).isEqualTo("k%3Dv%26x");
        assertThat(Rfc3986.encode("表")).isEqualTo("%E8%A1%A8");
        assertThat(Rfc3986.encode("😀")).isEqualTo("%F0%9F%98%80");
    }

    @Test
    void decoding_reverses_encoding_and_leaves_plus_alone() {
        String tricky = "a b*~+/表😀=&%";
        assertThat(Rfc3986.decode(Rfc3986.encode(tricky))).isEqualTo(tricky);
        assertThat(Rfc3986.decode("a+b")).isEqualTo("a+b");
        assertThat(Rfc3986.decode("%e8%a1%a8")).isEqualTo("表");
        assertThatThrownBy(() -> Rfc3986.decode("%4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc3986.decode("%zz")).isInstanceOf(IllegalArgumentException.class);
        // bytes that are not UTF-8 are refused, not turned into U+FFFD (a lone lead byte, an encoded surrogate)
        assertThatThrownBy(() -> Rfc3986.decode("%C3")).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> Rfc3986.decode("a%ED%A0%80")).hasMessageContaining("UTF-8");
    }

    @Test
    void a_plus_in_a_query_is_a_space_as_the_sdks_send_it() {
        // tea's Java SDK: URLEncoder in the URL ("2024-12-01+10%3A00%3A00"), RFC 3986 in the signed string
        assertThat(Rfc3986.parseQuery("lastDdlTimeStart=2024-12-01+10%3A00%3A00&name=a%2Bb"))
                .containsEntry("lastDdlTimeStart", List.of("2024-12-01 10:00:00")).containsEntry("name", List.of("a+b"));
    }

    @Test
    void query_is_sorted_by_key_then_value_and_repeated_keys_keep_every_value() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("b", List.of("2"));
        query.put("a", List.of("z", "y"));
        query.put("A", List.of("1"));

        assertThat(Acs3Signer.canonicalQueryString(query)).isEqualTo("A=1&a=y&a=z&b=2");
    }

    @Test
    void query_values_are_encoded_and_an_empty_value_keeps_its_equals_sign() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("name", List.of("my table*~"));
        query.put("lang", List.of(""));
        query.put("db", List.of("库"));

        assertThat(Acs3Signer.canonicalQueryString(query)).isEqualTo("db=%E5%BA%93&lang=&name=my%20table%2A~");
        assertThat(Acs3Signer.canonicalQueryString(Map.of())).isEmpty();
    }

    @Test
    void json_array_status_filter_is_one_encoded_parameter() {
        Map<String, List<String>> query = Map.of("status", List.of("[\"DONE\",\"FAILED\"]"), "pageNum", List.of("1"));

        assertThat(Acs3Signer.canonicalQueryString(query))
                .isEqualTo("pageNum=1&status=%5B%22DONE%22%2C%22FAILED%22%5D");
    }

    @Test
    void a_raw_query_parses_back_to_what_was_encoded() {
        Map<String, List<String>> parsed =
                Rfc3986.parseQuery("status=%5B%22DONE%22%5D&a=1&a=2&flag&name=x%20y&empty=");

        assertThat(parsed).containsExactly(
                Map.entry("status", List.of("[\"DONE\"]")),
                Map.entry("a", List.of("1", "2")),
                Map.entry("flag", List.of("")),
                Map.entry("name", List.of("x y")),
                Map.entry("empty", List.of("")));
        assertThat(Rfc3986.parseQuery(null)).isEmpty();
    }

    @Test
    void only_host_content_type_and_acs_headers_are_signed_lower_cased_and_sorted() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Acs-Version", "2022-01-04");
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "test");
        headers.put("Host", "example.com:8080");
        headers.put("x-acs-action", "ListMmsJobs");

        assertThat(Acs3Signer.headersToSign(headers))
                .containsExactly("content-type", "host", "x-acs-action", "x-acs-version");
    }

    @Test
    void header_values_are_trimmed_in_the_canonical_request() {
        SignableRequest request = new SignableRequest("get", "/p", Map.of(),
                Map.of("Host", "  example.com ", "X-Acs-Action", "\tListMmsJobs "), Acs3Signer.EMPTY_PAYLOAD_SHA256);

        assertThat(Acs3Signer.canonicalRequest(request, List.of("host", "x-acs-action"))).isEqualTo("GET\n/p\n\n"
                + "host:example.com\nx-acs-action:ListMmsJobs\n\nhost;x-acs-action\n" + Acs3Signer.EMPTY_PAYLOAD_SHA256);
    }

    @Test
    void path_is_used_as_sent_with_the_sdk_normalisation_of_raw_star_and_encoded_tilde() {
        SignableRequest request = new SignableRequest("GET", "/api/v1/mms/datasources/a%2Fb/jobs/x*%7E",
                Map.of(), Map.of("host", "h"), Acs3Signer.EMPTY_PAYLOAD_SHA256);

        assertThat(Acs3Signer.canonicalRequest(request, List.of("host")))
                .startsWith("GET\n/api/v1/mms/datasources/a%2Fb/jobs/x%2A~\n");
        assertThat(new SignableRequest("GET", "", Map.of(), Map.of(), "x").canonicalUri()).isEqualTo("/");
    }

    @Test
    void a_missing_signed_header_is_named() {
        SignableRequest request = new SignableRequest("GET", "/", Map.of(), Map.of("host", "h"), "x");

        assertThatThrownBy(() -> Acs3Signer.canonicalRequest(request, List.of("host", "x-acs-date")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x-acs-date");
    }

    @Test
    void an_sts_token_is_sent_and_signed() {
        SignableRequest signed = Acs3Signer.sign(request("GET", new byte[0]),
                new Credentials("id", "secret", "sts-token"), "GetMmsJob", "2022-01-04", DATE, "n1");

        AcsAuthorization authorization = AcsAuthorization.parse(signed.header("authorization"));
        assertThat(signed.header("x-acs-security-token")).isEqualTo("sts-token");
        assertThat(authorization.signedHeaders()).contains("x-acs-security-token");
        assertThat(Acs3Signer.matches(signed, authorization, "secret")).isTrue();
        assertThat(Acs3Signer.matches(signed.withHeader("x-acs-security-token", "other"), authorization, "secret"))
                .isFalse();
    }

    @Test
    void a_printed_request_never_shows_the_sts_token() {
        SignableRequest signed = Acs3Signer.sign(request("GET", new byte[0]),
                new Credentials("id", "secret", "sts-token-value"), "GetMmsJob", "2022-01-04", DATE, "n1");

        assertThat(signed.toString()).doesNotContain("sts-token-value").doesNotContain("secret")
                .contains("x-acs-security-token=<redacted>").contains("x-acs-action=GetMmsJob");
    }

    @Test
    void an_anonymous_request_gets_acs_headers_but_no_authorization() {
        SignableRequest signed = Acs3Signer.sign(request("GET", new byte[0]), null, "GetMmsJob", "2022-01-04", DATE, "n1");

        assertThat(signed.header("authorization")).isNull();
        assertThat(signed.header("x-acs-action")).isEqualTo("GetMmsJob");
        assertThat(signed.header("x-acs-date")).isEqualTo("2025-01-02T03:04:05Z");
    }

    @Test
    void verification_from_the_wire_detects_a_tampered_body_query_or_header() {
        byte[] body = "{\"name\":\"job\"}".getBytes(StandardCharsets.UTF_8);
        SignableRequest signed = Acs3Signer.sign(request("POST", body),
                Credentials.of("id", "secret"), "CreateMmsJob", "2022-01-04", DATE, "n1");
        AcsAuthorization authorization = AcsAuthorization.parse(signed.header("authorization"));
        String rawQuery = "status=%5B%22DONE%22%2C%22FAILED%22%5D&name=a%20b";

        assertThat(Acs3Signer.matches(
                SignableRequest.received("POST", "/api/v1/mms/datasources/1/jobs", rawQuery, signed.headers(), body),
                authorization, "secret")).isTrue();
        assertThat(Acs3Signer.matches(
                SignableRequest.received("POST", "/api/v1/mms/datasources/1/jobs", rawQuery, signed.headers(),
                        "{\"name\":\"evil\"}".getBytes(StandardCharsets.UTF_8)),
                authorization, "secret")).isFalse();
        assertThat(Acs3Signer.matches(
                SignableRequest.received("POST", "/api/v1/mms/datasources/1/jobs", "name=a%20b", signed.headers(), body),
                authorization, "secret")).isFalse();
        assertThat(Acs3Signer.matches(
                SignableRequest.received("POST", "/api/v1/mms/datasources/2/jobs", rawQuery, signed.headers(), body),
                authorization, "secret")).isFalse();
        assertThat(Acs3Signer.matches(signed.withHeader("x-acs-action", "DeleteMmsJob"), authorization, "secret"))
                .isFalse();
    }

    @Test
    void authorization_header_parses_and_prints_back() {
        String value = "ACS3-HMAC-SHA256 Credential=AK, SignedHeaders=host;x-acs-date ,Signature=abc";

        AcsAuthorization parsed = AcsAuthorization.parse(value);

        assertThat(parsed).isEqualTo(new AcsAuthorization("ACS3-HMAC-SHA256", "AK", List.of("host", "x-acs-date"), "abc"));
        assertThat(parsed.toHeaderValue())
                .isEqualTo("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=abc");
    }

    @Test
    void malformed_authorization_headers_say_what_is_wrong() {
        assertThatThrownBy(() -> AcsAuthorization.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> AcsAuthorization.parse("ACS3-HMAC-SHA256")).hasMessageContaining("algorithm");
        assertThatThrownBy(() -> AcsAuthorization.parse("ACS3-HMAC-SHA256 SignedHeaders=host,Signature=a"))
                .hasMessageContaining("Credential");
        assertThatThrownBy(() -> AcsAuthorization.parse("ACS3-HMAC-SHA256 Credential=a,Signature=a"))
                .hasMessageContaining("SignedHeaders");
        assertThatThrownBy(() -> AcsAuthorization.parse("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host"))
                .hasMessageContaining("Signature");
        assertThatThrownBy(() -> AcsAuthorization.parse("ACS3-HMAC-SHA256 Credential=a,Foo=b"))
                .hasMessageContaining("Foo");
    }

    @Test
    void a_different_algorithm_never_matches() {
        SignableRequest signed = Acs3Signer.sign(request("GET", new byte[0]),
                Credentials.of("id", "secret"), "GetMmsJob", "2022-01-04", DATE, "n1");
        AcsAuthorization parsed = AcsAuthorization.parse(signed.header("authorization"));
        AcsAuthorization otherAlgorithm = new AcsAuthorization("ACS3-HMAC-SM3", parsed.accessKeyId(),
                parsed.signedHeaders(), parsed.signature());

        assertThat(Acs3Signer.matches(signed, otherAlgorithm, "secret")).isFalse();
    }

    private static SignableRequest request(String method, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:8080");
        if (body.length > 0) {
            headers.put("content-type", "application/json; charset=utf-8");
        }
        return new SignableRequest(method, "/api/v1/mms/datasources/1/jobs",
                Rfc3986.parseQuery("status=%5B%22DONE%22%2C%22FAILED%22%5D&name=a%20b"), headers,
                Acs3Signer.sha256Hex(body));
    }
}

package io.mmatracker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmatracker.signature.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MmaClientConfigTest {

    @Test
    void a_region_gives_the_regional_https_endpoint() {
        assertThat(MmaClientConfig.forRegion("cn-shanghai").endpoint())
                .isEqualTo(URI.create("https://maxcompute.cn-shanghai.aliyuncs.com"));
        assertThatThrownBy(() -> MmaClientConfig.regionEndpoint("cn shanghai/../x"))
                .hasMessageContaining("region");
        assertThatThrownBy(() -> MmaClientConfig.regionEndpoint(null)).hasMessageContaining("region");
    }

    @Test
    void defaults_are_anonymous_with_sane_timeouts_and_page_size() {
        MmaClientConfig config = MmaClientConfig.forEndpoint("http://127.0.0.1:8080");

        assertThat(config.credentials()).isEmpty();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.defaultPageSize()).isEqualTo(100);
    }

    @Test
    void credentials_can_come_from_the_environment() {
        MmaClientConfig config = MmaClientConfig.forRegion("cn-beijing").withCredentials(Credentials.fromEnvironment(
                Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t")));

        assertThat(config.credentials()).contains(Credentials.of("id", "s3cr3t"));
        assertThat(config.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void bad_values_are_rejected_naming_the_setting() {
        MmaClientConfig config = MmaClientConfig.forEndpoint("http://localhost");

        assertThatThrownBy(() -> MmaClientConfig.forEndpoint("ftp://host")).hasMessageContaining("http");
        assertThatThrownBy(() -> MmaClientConfig.forEndpoint("http://host/?a=1")).hasMessageContaining("query");
        assertThatThrownBy(() -> MmaClientConfig.forEndpoint("http://user:pw@host")).hasMessageContaining("user info");
        assertThatThrownBy(() -> config.withRequestTimeout(Duration.ZERO)).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> config.withConnectTimeout(Duration.ofSeconds(-1))).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> config.withDefaultPageSize(0)).hasMessageContaining("defaultPageSize");
        assertThatThrownBy(() -> config.withDefaultPageSize(1001)).hasMessageContaining("defaultPageSize");
        assertThatThrownBy(() -> config.withUserAgent(" ")).hasMessageContaining("userAgent");
    }

    @Test
    void the_signed_host_is_what_the_jdk_sends() {
        assertThat(MmaClient.hostHeader(URI.create("https://maxcompute.cn-shanghai.aliyuncs.com")))
                .isEqualTo("maxcompute.cn-shanghai.aliyuncs.com");
        assertThat(MmaClient.hostHeader(URI.create("https://h:443/x"))).isEqualTo("h");
        assertThat(MmaClient.hostHeader(URI.create("http://h:80"))).isEqualTo("h");
        assertThat(MmaClient.hostHeader(URI.create("http://127.0.0.1:8080"))).isEqualTo("127.0.0.1:8080");
        assertThat(MmaClient.hostHeader(URI.create("https://h:8443"))).isEqualTo("h:8443");
    }
}

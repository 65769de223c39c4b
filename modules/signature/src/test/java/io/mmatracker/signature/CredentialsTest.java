package io.mmatracker.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void reads_the_alibaba_sdk_environment_variables() {
        Credentials credentials = Credentials.fromEnvironment(Map.of(
                "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-id",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t",
                "ALIBABA_CLOUD_SECURITY_TOKEN", "t0k3n")).orElseThrow();

        assertThat(credentials).isEqualTo(new Credentials("LTAI-id", "s3cr3t", "t0k3n"));
        assertThat(credentials.securityTokenIfAny()).contains("t0k3n");
    }

    @Test
    void no_keys_in_the_environment_means_anonymous() {
        assertThat(Credentials.fromEnvironment(Map.of())).isEmpty();
        assertThat(Credentials.fromEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", " "))).isEmpty();
    }

    @Test
    void half_a_key_pair_is_an_error_naming_the_missing_variable_not_the_value() {
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_ID")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void a_blank_token_means_no_token() {
        assertThat(new Credentials("id", "secret", "  ").securityToken()).isNull();
        assertThat(Credentials.of("id", "secret").securityTokenIfAny()).isEmpty();
    }

    @Test
    void to_string_never_shows_the_secret_or_the_token() {
        String printed = new Credentials("LTAI-id", "s3cr3t", "t0k3n").toString();

        assertThat(printed).contains("LTAI-id").doesNotContain("s3cr3t").doesNotContain("t0k3n");
        assertThat(Credentials.of("LTAI-id", "s3cr3t").toString()).doesNotContain("s3cr3t").contains("<none>");
    }

    @Test
    void blank_id_or_secret_is_rejected() {
        assertThatThrownBy(() -> Credentials.of(" ", "s")).hasMessageContaining("accessKeyId");
        assertThatThrownBy(() -> Credentials.of("i", null)).hasMessageContaining("accessKeySecret");
    }
}

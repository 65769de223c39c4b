package io.mmatracker.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.query.testing.AuthFixtures;

/** RAM policy evaluation and the auth file's checks, without a server. */
class PolicyAndAuthFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void wildcardsMatchAndDenyWins() throws Exception {
        Policy policy = Policy.parse(JSON.readTree("""
                {"Version":"1","Statement":[
                  {"Effect":"Allow","Action":["odps:GetMms*","odps:ListMmsJobs"],"Resource":"acs:odps:*:*:mmsdatasource/*"},
                  {"Effect":"Deny","Action":"odps:*","Resource":["acs:odps:*:*:mmsdatasource/7"]}]}"""));

        assertThat(policy.isAllowed("odps:GetMmsJob", AccessRules.sourceResource(1))).isTrue();
        assertThat(policy.isAllowed("ODPS:getmmsjob", AccessRules.sourceResource(1))).as("actions ignore case").isTrue();
        assertThat(policy.isAllowed("odps:ListMmsJobs", AccessRules.sourceResource(12))).isTrue();
        assertThat(policy.isAllowed("odps:ListMmsTables", AccessRules.sourceResource(1))).as("not allowed by default").isFalse();
        assertThat(policy.isAllowed("odps:GetMmsJob", AccessRules.sourceResource(7))).as("Deny wins").isFalse();
        assertThat(policy.isAllowed("mmatracker:Metrics", AccessRules.INSTANCE_RESOURCE)).isFalse();
    }

    @Test
    void aMalformedEntryIsNamedAndNoSecretIsShown() throws Exception {
        String secret = "a-secret-that-is-long-enough";
        assertThatThrownBy(() -> AuthFile.load(write(Map.of("accessKeys", List.of(
                Map.of("id", "ak-1", "secret", secret, "policy", AuthFixtures.sources(1)),
                Map.of("id", "ak-2", "secret", secret, "policy", Map.of("Version", "1", "Statement", List.of(
                        Map.of("Effect", "Maybe", "Action", "*", "Resource", "*")))))))))
                .hasMessageContaining("accessKeys[1] (id ak-2): policy: Statement[0].Effect must be Allow or Deny")
                .hasMessageNotContaining(secret);
        assertThatThrownBy(() -> AuthFile.load(write(Map.of("tokens", List.of(Map.of("tokenFile", "missing.token",
                "policy", AuthFixtures.sources(1)))))))
                .hasMessageContaining("tokens[0]: tokenFile").hasMessageContaining("missing.token");
        assertThatThrownBy(() -> AuthFile.load(write(Map.of("tokens", List.of(Map.of("token", "short", "policy", AuthFixtures.sources(1)))))))
                .hasMessageContaining("tokens[0]: the token is shorter than 16 characters").hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> AuthFile.load(write(Map.of("accessKey", List.of()))))
                .hasMessageContaining("unknown key accessKey");
    }

    @Test
    void aChangedFileIsReloadedAndABrokenOneKeepsThePreviousInForce() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("ak-1.secret"), "first-secret-0123456789\n");
        Path file = write(Map.of("accessKeys", List.of(Map.of("id", "ak-1", "secretFile", "ak-1.secret", "policy", AuthFixtures.sources(1)))));
        AccessControl access = new AccessControl(file, Clock.systemUTC());
        assertThat(access.current().accessKeys().get("ak-1").secret()).isEqualTo("first-secret-0123456789");

        Files.writeString(secretFile, "second-secret-0123456789-longer\n");
        access.reloadIfChanged();
        assertThat(access.current().accessKeys().get("ak-1").secret()).isEqualTo("second-secret-0123456789-longer");

        Files.writeString(file, "{\"accessKeys\": [");
        access.reloadIfChanged();
        assertThat(access.current().accessKeys()).containsKey("ak-1");
    }

    private Path write(Object content) {
        return AuthFixtures.writeJson(dir.resolve("auth.json"), content);
    }
}

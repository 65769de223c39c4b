package io.mmatracker.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mmatracker.schema.ConfigItem;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsTaskLog;
import io.mmatracker.schema.serde.TrackerModel;

/** Secrets of data sources never leave redacted copies; everything else does. */
class RedactionTest {

    private static ConfigItem item(String key, String type, String valueJson) {
        return ConfigItem.newBuilder().setKey(key).setName(key).setType(type).setValue(valueJson).build();
    }

    @Test
    void passwordAndFileValuesAreMaskedAnyCase() {
        MmsDataSource source = MmsDataSource.newBuilder().setId(1L).setConfig(List.of(
                item("hive.password", "password", "\"s3cret\""),
                item("kerberos.keytab", "FILE", "{\"name\":\"a.keytab\",\"content\":\"AAAA\"}"),
                item("hive.user", "string", "\"admin\""),
                item("unset.password", "Password", null))).build();

        MmsDataSource redacted = Redaction.redact(source);

        List<ConfigItem> config = redacted.getConfig();
        assertThat(config.get(0).getValue()).isEqualTo("\"******\"");
        assertThat(config.get(1).getValue()).isEqualTo("\"******\"");
        assertThat(config.get(2).getValue()).isEqualTo("\"admin\"");
        assertThat(config.get(3).getValue()).isNull();
        assertThat(config.get(0).getKey()).isEqualTo("hive.password");
        assertThat(MmsJson.write(redacted).toString()).doesNotContain("s3cret", "AAAA");
    }

    @Test
    void theInputIsNotChanged() {
        MmsDataSource source = MmsDataSource.newBuilder().setId(1L)
                .setConfig(List.of(item("p", "password", "\"s3cret\""))).build();
        MmsDataSource before = TrackerModel.copy(source);

        Redaction.redact(source);

        assertThat(source).isEqualTo(before);
        assertThat(source.getConfig().get(0).getValue()).isEqualTo("\"s3cret\"");
    }

    @Test
    void secretItemsLoseSubItemsAndUnknownFieldsToo() {
        ConfigItem secret = item("p", "password", "\"s3cret\"");
        secret.setSubItems("[\"x\"]");
        secret.setUnmappedFields(Map.of("defaultValue", "\"hunter2\""));

        ConfigItem redacted = Redaction.redact(MmsDataSource.newBuilder().setConfig(List.of(secret)).build())
                .getConfig().get(0);

        assertThat(redacted.getSubItems()).isEqualTo("\"******\"");
        assertThat(redacted.getUnmappedFields()).containsExactly(Map.entry("defaultValue", "\"******\""));
    }

    @Test
    void secretItemsNestedInSubItemsAreMasked() {
        ConfigItem parent = item("auth", "map", "{}");
        parent.setSubItems("[{\"key\":\"auth.user\",\"type\":\"string\",\"value\":\"bob\"},"
                + "{\"key\":\"auth.pass\",\"type\":\"password\",\"value\":\"s3cret\",\"desc\":\"the password\"}]");

        ConfigItem redacted = Redaction.redact(MmsDataSource.newBuilder().setConfig(List.of(parent)).build())
                .getConfig().get(0);

        assertThat(redacted.getSubItems()).isEqualTo("[{\"key\":\"auth.user\",\"type\":\"string\",\"value\":\"bob\"},"
                + "{\"key\":\"auth.pass\",\"type\":\"password\",\"value\":\"******\",\"desc\":\"the password\"}]");
    }

    @Test
    void subItemsThatAreNotJsonAreMaskedWhole() {
        ConfigItem parent = item("auth", "map", "{}");
        parent.setSubItems("password=s3cret");

        ConfigItem redacted = Redaction.redact(MmsDataSource.newBuilder().setConfig(List.of(parent)).build())
                .getConfig().get(0);

        assertThat(redacted.getSubItems()).isEqualTo("\"******\"");
    }

    @Test
    void theDocumentedExampleHasNothingToRedact() {
        MmsDataSource example = MmsJson.read(MmaExamples.data("GetMmsDataSource"), MmsDataSource.class);

        assertThat(Redaction.redact(example)).isEqualTo(example);
    }

    @Test
    void secretTypesArePasswordAndFile() {
        assertThat(Redaction.isSecretConfigType("password")).isTrue();
        assertThat(Redaction.isSecretConfigType("PassWord")).isTrue();
        assertThat(Redaction.isSecretConfigType("file")).isTrue();
        assertThat(Redaction.isSecretConfigType("string")).isFalse();
        assertThat(Redaction.isSecretConfigType("map")).isFalse();
        assertThat(Redaction.isSecretConfigType(null)).isFalse();
    }

    @Test
    void aTaskLogStepKeepsItsTextButNotTheSecretsInIt() {
        MmsTaskLog step = MmsTaskLog.newBuilder().setId(7L).setStatus("DATA_FAILED")
                .setAction("create external table t with serdeproperties ('odps.secret.key'='AbC123', 'odps.user'='mma')")
                .setMsg("connect failed: password=hunter2; token: \"tok-1\" Authorization: Bearer eyJhbGciOi")
                .build();

        MmsTaskLog redacted = Redaction.redact(step);

        assertThat(redacted.getAction())
                .isEqualTo("create external table t with serdeproperties ('odps.secret.key'='******', 'odps.user'='mma')");
        assertThat(redacted.getMsg()).isEqualTo("connect failed: password=******; token: \"******\" Authorization: Bearer ******");
        assertThat(redacted.getStatus()).isEqualTo("DATA_FAILED");
        assertThat(step.getMsg()).contains("hunter2");
    }

    @Test
    void aLongTaskLogTextIsBounded() {
        String huge = "x".repeat(100_000);

        String bounded = Redaction.redactText(huge);

        assertThat(bounded).hasSize(Redaction.MAX_LOG_TEXT).endsWith("... (truncated)");
        assertThat(Redaction.redactText("ok")).isEqualTo("ok");
        assertThat(Redaction.redactText(null)).isNull();
    }
}

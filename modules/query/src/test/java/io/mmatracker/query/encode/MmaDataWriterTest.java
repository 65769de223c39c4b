package io.mmatracker.query.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.query.testing.Snapshots;
import io.mmatracker.schema.json.MmsJson;

/** The last line of defence: secrets are masked on the served JSON even when redaction upstream failed. */
class MmaDataWriterTest {

    @Test
    void passwordAndFileValuesAreMaskedEvenWithoutUpstreamRedaction() {
        MmaDataWriter unredacted = new MmaDataWriter(MmsJson.mapper(), MmsJson::write, source -> source);

        String json = new String(unredacted.write(SnapshotStore.DATA_SOURCES, Snapshots.dataSource(1,
                Snapshots.configItem("a", "Password", "\"hunter2\""),
                Snapshots.configItem("b", "file", "{\"keytab\":\"AAAA\"}"),
                Snapshots.configItem("c", "string", "\"visible\"")), View.FULL), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("hunter2").doesNotContain("AAAA").contains("visible");
        assertThat(json).contains("\"key\":\"a\"", "\"value\":\"******\"");
    }

    @Test
    void withoutConfigTheConfigArrayIsEmpty() {
        String json = new String(MmaDataWriter.standard().write(SnapshotStore.DATA_SOURCES,
                Snapshots.dataSource(1, Snapshots.configItem("c", "string", "\"visible\"")), View.WITHOUT_CONFIG), StandardCharsets.UTF_8);

        assertThat(json).contains("\"config\":[]").doesNotContain("visible").contains("\"id\":1");
    }
}

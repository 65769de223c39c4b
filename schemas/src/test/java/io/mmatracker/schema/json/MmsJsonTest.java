package io.mmatracker.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mmatracker.schema.ChangeType;
import io.mmatracker.schema.ConfigItem;
import io.mmatracker.schema.JobConfig;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.StatusChange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The mapping rules, one by one. */
class MmsJsonTest {

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MmsJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void wrongTypeNamesTheObjectTheFieldTheExpectedTypeAndWhatWasFound() {
        ObjectNode scan = MmaExamples.data("GetMmsFetchMetadataJob");
        scan.put("progress", "abc");

        assertThatThrownBy(() -> MmsJson.read(scan, MmsFetchMetadataJob.class))
                .isInstanceOfSatisfying(MmsMappingException.class, e -> {
                    assertThat(e.object()).isEqualTo("MmsFetchMetadataJob id=1000002");
                    assertThat(e.path()).isEqualTo("progress");
                    assertThat(e.expected()).contains("double");
                    assertThat(e.found()).isEqualTo("string \"abc\"");
                })
                .hasMessage("MmsFetchMetadataJob id=1000002: field progress expects double (a JSON number)"
                        + " but found string \"abc\"");
    }

    @Test
    void wrongTypeInsideAnArrayOfANestedRecordNamesThePath() {
        ObjectNode job = MmaExamples.data("GetMmsJob");
        ((ArrayNode) job.get("config").get("partitions")).set(0, "p=1");

        assertThatThrownBy(() -> MmsJson.read(job, MmsJob.class))
                .isInstanceOfSatisfying(MmsMappingException.class, e -> {
                    assertThat(e.object()).isEqualTo("MmsJob id=10");
                    assertThat(e.path()).isEqualTo("config.partitions[0]");
                    assertThat(e.expected()).startsWith("long");
                    assertThat(e.found()).isEqualTo("string \"p=1\"");
                });
    }

    @Test
    void wrongTypeDeepInATableSchemaNamesThePath() {
        ObjectNode table = MmaExamples.data("GetMmsTable");
        ArrayNode columns = (ArrayNode) table.get("schema").get("columns");
        columns.add(columns.get(0).deepCopy());
        columns.add(columns.get(0).deepCopy());
        ((ObjectNode) columns.get(2)).put("nullable", "no");

        assertThatThrownBy(() -> MmsJson.read(table, MmsTable.class))
                .isInstanceOf(MmsMappingException.class)
                .hasMessageContaining("MmsTable id=22")
                .hasMessageContaining("field schema.columns[2].nullable expects boolean but found string \"no\"");
    }

    @Test
    void wrongTypeInAMapNamesTheKey() {
        ObjectNode job = MmaExamples.data("GetMmsJob");
        ((ObjectNode) job.get("config").get("tableMapping")).put("t1", 5);

        assertThatThrownBy(() -> MmsJson.read(job, MmsJob.class))
                .isInstanceOfSatisfying(MmsMappingException.class,
                        e -> assertThat(e.path()).isEqualTo("config.tableMapping[\"t1\"]"));
    }

    @Test
    void integersMustBeIntegralAndInRange() {
        assertRejected("{\"id\": 1.5}", "id", "number 1.5");
        assertRejected("{\"id\": 123456789012345678901234567890}", "id",
                "number 123456789012345678901234567890");
        assertRejected("{\"taskNum\": 3000000000}", "taskNum", "number 3000000000");
        assertRejected("{\"taskNum\": \"7\"}", "taskNum", "string \"7\"");
        assertRejected("{\"stopped\": \"true\"}", "stopped", "string \"true\"");
        assertRejected("{\"stopped\": 1}", "stopped", "number 1");
        assertRejected("{\"name\": 7}", "name", "number 7");
        assertRejected("{\"config\": []}", "config", "an array");
        assertRejected("{\"config\": {\"tables\": \"t\"}}", "config.tables", "string \"t\"");
        assertRejected("{\"config\": {\"tables\": [null]}}", "config.tables[0]", "null");

        MmsJob job = MmsJson.read(json("{\"id\": 9223372036854775807, \"taskNum\": -2147483648}"), MmsJob.class);
        assertThat(job.getId()).isEqualTo(Long.MAX_VALUE);
        assertThat(job.getTaskNum()).isEqualTo(Integer.MIN_VALUE);
    }

    private static void assertRejected(String data, String path, String found) {
        assertThatThrownBy(() -> MmsJson.read(json(data), MmsJob.class))
                .as(data)
                .isInstanceOfSatisfying(MmsMappingException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.found()).isEqualTo(found);
                    assertThat(e.object()).startsWith("MmsJob");
                });
    }

    @Test
    void aWrongIdIsReportedWithoutAnIdInTheObjectName() {
        assertThatThrownBy(() -> MmsJson.read(json("{\"id\": \"x\"}"), MmsJob.class))
                .isInstanceOfSatisfying(MmsMappingException.class, e -> {
                    assertThat(e.object()).isEqualTo("MmsJob");
                    assertThat(e.path()).isEqualTo("id");
                });
    }

    @Test
    void dataMustBeAnObject() {
        assertThatThrownBy(() -> MmsJson.read(MmsJson.mapper().getNodeFactory().arrayNode(), MmsJob.class))
                .isInstanceOf(MmsMappingException.class)
                .hasMessage("MmsJob: the object itself expects object (MmsJob) but found an array");
        assertThatThrownBy(() -> MmsJson.read(null, MmsJob.class))
                .isInstanceOf(MmsMappingException.class)
                .hasMessageContaining("found nothing");
    }

    @Test
    void nullAndAbsentAreNullAndNullIsNotWritten() {
        MmsJob job = MmsJson.read(json("{\"id\": 3, \"name\": null}"), MmsJob.class);

        assertThat(job.getName()).isNull();
        assertThat(job.getStatus()).isNull();
        assertThat(job.getUnmappedFields()).isEmpty();
        assertThat(MmsJson.write(job)).isEqualTo(json("{\"id\": 3}"));
    }

    @Test
    void doublesAreAnyNumberAndIntegralOnesAreWrittenAsIntegers() {
        assertThat(MmsJson.read(json("{\"progress\": 12.5}"), MmsFetchMetadataJob.class).getProgress())
                .isEqualTo(12.5);
        assertThat(MmsJson.read(json("{\"progress\": 7}"), MmsFetchMetadataJob.class).getProgress())
                .isEqualTo(7.0);

        assertThat(progressWritten(5000.0)).isEqualTo(IntNode.valueOf(5000));
        assertThat(progressWritten(12.5).doubleValue()).isEqualTo(12.5);
        assertThat(progressWritten(12.5).isDouble()).isTrue();
        assertThat(progressWritten(1e12)).isEqualTo(LongNode.valueOf(1_000_000_000_000L));
        assertThat(progressWritten(1e300).isDouble()).isTrue();
        assertThatThrownBy(() -> progressWritten(Double.NaN))
                .isInstanceOf(MmsMappingException.class)
                .hasMessageContaining("field progress");
    }

    private static JsonNode progressWritten(double progress) {
        return MmsJson.write(MmsFetchMetadataJob.newBuilder().setId(1L).setProgress(progress).build()).get("progress");
    }

    @Test
    void longsAreWrittenAsTheNodeJacksonReads() {
        ObjectNode data = json("{\"id\": 10, \"dbId\": 9000000000}");
        assertThat(MmsJson.write(MmsJson.read(data, MmsJob.class))).isEqualTo(data);
    }

    @Test
    void rawFieldsHoldAnyJsonValueAsTextAndWriteItBack() {
        for (String value : List.of("\"text\"", "42", "4.5", "true", "[1,\"a\",{\"b\":null}]", "{\"x\":{\"y\":[]}}")) {
            ObjectNode data = json("{\"config\": [{\"key\": \"k\", \"value\": " + value + ", \"subItems\": "
                    + value + "}]}");

            MmsDataSource source = MmsJson.read(data, MmsDataSource.class);

            assertThat(source.getConfig().get(0).getValue()).isEqualTo(value.replace(" ", ""));
            assertThat(MmsJson.write(source)).as(value).isEqualTo(data);
        }
    }

    @Test
    void rawFieldThatIsNotJsonCannotBeWritten() {
        MmsDataSource source = MmsDataSource.newBuilder().setId(5L)
                .setConfig(List.of(ConfigItem.newBuilder().setValue("not json").build()))
                .build();

        assertThatThrownBy(() -> MmsJson.write(source))
                .isInstanceOfSatisfying(MmsMappingException.class, e -> {
                    assertThat(e.object()).isEqualTo("MmsDataSource id=5");
                    assertThat(e.path()).isEqualTo("config[0].value");
                    assertThat(e.expected()).isEqualTo("JSON text");
                });
    }

    @Test
    void unknownFieldsAreKeptAtEveryLevelAndWrittenBackAfterTheKnownOnes() {
        ObjectNode table = MmaExamples.data("GetMmsTable");
        table.put("zNewCounter", 12);
        table.putObject("aNewObject").put("x", 1).putNull("y");
        table.putNull("newNull");
        ((ObjectNode) table.get("schema")).put("newFlag", true);
        ((ObjectNode) table.get("schema").get("columns").get(0)).put("precision", 10);

        MmsTable record = MmsJson.read(table, MmsTable.class);

        assertThat(record.getUnmappedFields()).containsExactly(
                Map.entry("zNewCounter", "12"),
                Map.entry("aNewObject", "{\"x\":1,\"y\":null}"),
                Map.entry("newNull", "null"));
        assertThat(record.getSchema$().getUnmappedFields()).containsExactly(Map.entry("newFlag", "true"));
        assertThat(record.getSchema$().getColumns().get(0).getUnmappedFields())
                .containsExactly(Map.entry("precision", "10"));

        ObjectNode written = MmsJson.write(record);
        MmsJsonExamplesTest.assertSameJson("table", written, table);
        List<String> names = written.properties().stream().map(Map.Entry::getKey).toList();
        assertThat(names.subList(names.size() - 3, names.size()))
                .containsExactly("aNewObject", "newNull", "zNewCounter");
    }

    @Test
    void anUnmappedFieldTheSchemaLearnedLaterFillsInWhileTheKnownFieldIsNull() {
        // a record written before MmsJob had "eta": the value sits in unmappedFields
        MmsJob old = MmsJob.newBuilder().setId(1L).setUnmappedFields(Map.of("eta", "\"1h\"")).build();

        assertThat(MmsJson.write(old)).isEqualTo(json("{\"id\": 1, \"eta\": \"1h\"}"));
        assertThat(MmsJson.read(MmsJson.write(old), MmsJob.class).getEta()).isEqualTo("1h");

        MmsJob both = MmsJob.newBuilder().setId(1L).setEta("2h").setUnmappedFields(Map.of("eta", "\"1h\"")).build();
        assertThatThrownBy(() -> MmsJson.write(both))
                .isInstanceOfSatisfying(MmsMappingException.class,
                        e -> assertThat(e.path()).isEqualTo("unmappedFields[\"eta\"]"));
    }

    @Test
    void writeBytesIsCompactJson() {
        MmsJob job = MmsJob.newBuilder().setId(10L).setStopped(false)
                .setConfig(JobConfig.newBuilder().setPartitions(List.of(1L, 2L)).build()).build();

        assertThat(new String(MmsJson.writeBytes(job), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":10,\"stopped\":false,\"config\":{\"partitions\":[1,2]}}");
    }

    @Test
    void trackerRecordsMapTooWithEnumsAndInstants() {
        StatusChange change = StatusChange.newBuilder()
                .setKind(ObjectKind.JOB).setKey("2/10").setSourceId(2L).setObjectId(10L)
                .setChangeType(ChangeType.STATUS).setFromStatus("DOING").setToStatus("DONE")
                .setToProgress(Map.of("taskDone", 100L))
                .setObservedAt(Instant.parse("2024-12-17T07:44:17.123Z"))
                .build();

        ObjectNode written = MmsJson.write(change);

        assertThat(written.get("kind").textValue()).isEqualTo("JOB");
        assertThat(written.get("observedAt").textValue()).isEqualTo("2024-12-17T07:44:17.123Z");
        assertThat(MmsJson.read(written, StatusChange.class)).isEqualTo(change);
    }

    @Test
    void requiredTrackerFieldsMustBePresentButDefaultsFillIn() {
        ObjectNode data = json("{\"kind\": \"JOB\", \"key\": \"2/10\", \"sourceId\": 2, \"changeType\": \"STATUS\","
                + " \"observedAt\": \"2024-12-17T07:44:17Z\"}");
        assertThat(MmsJson.read(data, StatusChange.class).getContext()).isEmpty();

        data.remove("sourceId");
        assertThatThrownBy(() -> MmsJson.read(data, StatusChange.class))
                .isInstanceOfSatisfying(MmsMappingException.class, e -> {
                    assertThat(e.path()).isEqualTo("sourceId");
                    assertThat(e.found()).isEqualTo("nothing");
                });
        data.put("sourceId", 2).put("kind", "TEAPOT");
        assertThatThrownBy(() -> MmsJson.read(data, StatusChange.class))
                .isInstanceOfSatisfying(MmsMappingException.class, e -> assertThat(e.path()).isEqualTo("kind"));
    }
}

package io.mmatracker.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.serde.AvroSerde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** MMA's documented examples map to the records and back without losing or changing anything. */
class MmsJsonExamplesTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("GetMmsDataSource", MmsDataSource.class),
                Arguments.of("GetMmsFetchMetadataJob", MmsFetchMetadataJob.class),
                Arguments.of("GetMmsJob", MmsJob.class),
                Arguments.of("GetMmsTable", MmsTable.class),
                Arguments.of("GetMmsAsyncTask", MmsAsyncTask.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRoundTripsToTheSameJson(String operation, Class<? extends SpecificRecord> type) {
        ObjectNode data = MmaExamples.data(operation);

        ObjectNode written = MmsJson.write(MmsJson.read(data, type));

        assertSameJson(operation, written, data);
        assertThat(fieldNames(written)).as("field order").containsExactlyElementsOf(fieldNames(data));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void schemaKnowsEveryDocumentedField(String operation, Class<? extends SpecificRecord> type) {
        SpecificRecord record = MmsJson.read(MmaExamples.data(operation), type);

        assertThat((Map<?, ?>) record.get(record.getSchema().getField("unmappedFields").pos())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleSurvivesAvroBinaryToo(String operation, Class<? extends SpecificRecord> type) {
        roundTripThroughAvro(operation, type);
    }

    private static <T extends SpecificRecord> void roundTripThroughAvro(String operation, Class<T> type) {
        ObjectNode data = MmaExamples.data(operation);
        var serde = new AvroSerde<>(type);

        byte[] bytes = serde.serializer().serialize("t", MmsJson.read(data, type));
        T decoded = serde.deserializer().deserialize("t", bytes);

        assertSameJson(operation, MmsJson.write(decoded), data);
    }

    @Test
    void typedValuesAreTheDocumentedOnes() {
        MmsJob job = MmsJson.read(MmaExamples.data("GetMmsJob"), MmsJob.class);
        assertThat(job.getId()).isEqualTo(10L);
        assertThat(job.getConfig().getPartitions()).containsExactly(0L);
        assertThat(job.getConfig().getPartitionFilters()).containsEntry("key", "");
        assertThat(job.getConfig().getOthers()).isEqualTo("{\"test\":\"test\",\"test2\":1}");

        MmsFetchMetadataJob scan = MmsJson.read(MmaExamples.data("GetMmsFetchMetadataJob"), MmsFetchMetadataJob.class);
        assertThat(scan.getProgress()).isEqualTo(5000.0);

        MmsDataSource source = MmsJson.read(MmaExamples.data("GetMmsDataSource"), MmsDataSource.class);
        assertThat(source.getConfig().get(0).getValue()).isEqualTo("\"Partition\\n\"");
        assertThat(source.getPartitionNum()).isEqualTo(10_000_000L);
    }

    @Test
    void classpathExamplesEqualTheSharedMmaDocuments() throws IOException {
        Path shared = findSharedExamples();
        Assumptions.assumeTrue(shared != null, "no shared/mma-api/examples beside the repository");
        try (Stream<Path> files = Files.list(shared)) {
            var originals = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(originals).isNotEmpty();
            for (Path original : originals) {
                String name = original.getFileName().toString();
                try (InputStream copy = getClass().getResourceAsStream("/mma-examples/" + name)) {
                    assertThat(copy).as("classpath copy of " + name).isNotNull();
                    assertThat(copy.readAllBytes()).as(name + " differs from " + original)
                            .isEqualTo(Files.readAllBytes(original));
                }
            }
        }
    }

    /** The shared MMA material lives beside the clone: walk up from the working directory until it shows. */
    private static Path findSharedExamples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/mma-api/examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Equal trees, and node by node the same JSON types (IntNode is not LongNode is not DoubleNode). */
    static void assertSameJson(String what, JsonNode actual, JsonNode expected) {
        assertThat(actual).as(what).isEqualTo(expected);
        assertSameTypes(what, actual, expected);
    }

    private static void assertSameTypes(String path, JsonNode actual, JsonNode expected) {
        assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
        if (expected.isObject()) {
            expected.properties().forEach(e -> assertSameTypes(path + "." + e.getKey(), actual.get(e.getKey()),
                    e.getValue()));
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameTypes(path + "[" + i + "]", actual.get(i), expected.get(i));
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }
}

package io.mmatracker.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The evolution rule, enforced: a released schema is committed under {@code schema-history}, the newest committed
 * version is the current schema, and the current schema reads every released version and is read by it (fields
 * are only added, with defaults). A schema change without a new history file, or an incompatible one, fails here.
 */
class SchemaEvolutionTest {

    private static final Path HISTORY_DIR = Path.of("src/main/resources", SchemaHistory.RESOURCE_ROOT);
    private static final Path CANDIDATES_DIR = Path.of("target/schema-history-candidates");
    private static final String RULE = "The rule: only add fields, each with a default; never remove, rename or "
            + "retype a field (see schemas/README.md, 'Schema evolution').";

    static List<Class<? extends SpecificRecord>> topLevelRecords() {
        return SchemaHistory.TOP_LEVEL_RECORDS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevelRecords")
    void newestCommittedVersionIsTheCurrentSchema(Class<? extends SpecificRecord> type) throws IOException {
        Schema current = TrackerModel.shared().getSchema(type);
        List<Schema> versions = SchemaHistory.builtIn().versions(type.getSimpleName());
        int next = versions.size() + 1;
        String candidate = SchemaHistory.resourceOf(type.getSimpleName(), next);

        if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(current)) {
            Path written = CANDIDATES_DIR.resolve(type.getSimpleName()).resolve("v" + next + ".avsc");
            Files.createDirectories(written.getParent());
            Files.writeString(written, SchemaFormatter.format("json/pretty", current) + "\n");
            fail("The schema of " + type.getSimpleName() + " differs from its newest committed version "
                    + (versions.isEmpty() ? "(there is none)" : "v" + versions.size()) + ".\n"
                    + "If the change follows the evolution rule, release it: copy " + written
                    + " to schemas/src/main/resources/" + candidate + " and commit it with the change.\n" + RULE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevelRecords")
    void currentSchemaReadsEveryCommittedVersionAndIsReadByIt(Class<? extends SpecificRecord> type) {
        Schema current = TrackerModel.shared().getSchema(type);
        List<Schema> versions = SchemaHistory.builtIn().versions(type.getSimpleName());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            String version = type.getSimpleName() + " v" + (i + 1);
            var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, versions.get(i));
            if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add("the current schema cannot read records written with " + version + ": "
                        + describe(backward.getResult()));
            }
            var forward = SchemaCompatibility.checkReaderWriterCompatibility(versions.get(i), current);
            if (forward.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(version + " cannot read records written with the current schema: "
                        + describe(forward.getResult()));
            }
        }
        assertThat(problems).as("incompatible change of " + type.getSimpleName() + ". " + RULE).isEmpty();
    }

    private static String describe(SchemaCompatibility.SchemaCompatibilityResult result) {
        return result.getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .collect(Collectors.joining("; "));
    }

    @Test
    void everyTopLevelSchemaFileHasAHistory() throws IOException {
        Set<String> schemaFiles;
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            schemaFiles = files.filter(f -> f.toString().endsWith(".avsc"))
                    .map(f -> f.getFileName().toString().replace(".avsc", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> tracked = SchemaHistory.TOP_LEVEL_RECORDS.stream().map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(tracked)
                .as("every .avsc directly in src/main/avro is written to a topic or store and must be listed in "
                        + "SchemaHistory.TOP_LEVEL_RECORDS (and have schema-history/<Name>/v1.avsc)")
                .isEqualTo(schemaFiles);
    }

    @Test
    void historyFilesAreNumberedWithoutGapsAndAllLoaded() throws IOException {
        Set<String> directories;
        try (Stream<Path> dirs = Files.list(HISTORY_DIR)) {
            directories = dirs.map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> tracked = SchemaHistory.TOP_LEVEL_RECORDS.stream().map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(directories).as("history directories").isEqualTo(tracked);

        for (String record : directories) {
            Set<String> files;
            try (Stream<Path> list = Files.list(HISTORY_DIR.resolve(record))) {
                files = list.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            }
            int loaded = SchemaHistory.builtIn().versions(record).size();
            Set<String> expected = new TreeSet<>();
            for (int v = 1; v <= loaded; v++) {
                expected.add("v" + v + ".avsc");
            }
            assertThat(files).as(record + " history must be v1.avsc, v2.avsc, ... without gaps").isEqualTo(expected);
        }
    }
}

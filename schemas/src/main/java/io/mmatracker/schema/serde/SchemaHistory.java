package io.mmatracker.schema.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.PollWatermark;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.SourceSummary;
import io.mmatracker.schema.StatusChange;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.TaskSnapshot;
import io.mmatracker.schema.WatchRequest;

/**
 * Every released version of every top-level record schema, committed under
 * {@code schema-history/<RecordName>/v<N>.avsc}, as a {@link SchemaStore}: a record written with any released
 * version is found by its fingerprint and resolved to the reader's current schema.
 */
public final class SchemaHistory implements SchemaStore {

    /** Where the history lives on the classpath. */
    public static final String RESOURCE_ROOT = "schema-history";

    /** The records written to topics and stores, each with its own history. */
    public static final List<Class<? extends SpecificRecord>> TOP_LEVEL_RECORDS = List.of(
            DataSourceSnapshot.class, ScanSnapshot.class, JobSnapshot.class, TableSnapshot.class,
            AsyncTaskSnapshot.class, TaskSnapshot.class, WatchRequest.class, PollWatermark.class, StatusChange.class, Alert.class,
            SourceSummary.class);

    private final Map<String, List<Schema>> versionsByRecord;
    private final Map<Long, Schema> byFingerprint;

    private SchemaHistory(Map<String, List<Schema>> versionsByRecord) {
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        Map<Long, Schema> fingerprints = new HashMap<>();
        versionsByRecord.forEach((name, list) -> {
            versions.put(name, List.copyOf(list));
            list.forEach(schema -> fingerprints.put(SchemaNormalization.parsingFingerprint64(schema), schema));
        });
        this.versionsByRecord = Map.copyOf(versions);
        this.byFingerprint = Map.copyOf(fingerprints);
    }

    /** The history committed in this jar, read once. */
    public static SchemaHistory builtIn() {
        return BuiltIn.HISTORY;
    }

    /** The history under {@value #RESOURCE_ROOT} of a class loader: v1, v2, ... of each top-level record. */
    public static SchemaHistory load(ClassLoader loader) {
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : TOP_LEVEL_RECORDS) {
            String name = type.getSimpleName();
            List<Schema> list = new ArrayList<>();
            for (int version = 1; ; version++) {
                Schema schema = loadVersion(loader, type, version);
                if (schema == null) {
                    break;
                }
                list.add(schema);
            }
            versions.put(name, list);
        }
        return new SchemaHistory(versions);
    }

    private static Schema loadVersion(ClassLoader loader, Class<? extends SpecificRecord> type, int version) {
        String resource = resourceOf(type.getSimpleName(), version);
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            // one parser per file: each file defines its nested types again
            Schema schema = new Schema.Parser().parse(in);
            if (!schema.getFullName().equals(type.getName())) {
                throw new IllegalStateException(resource + " holds " + schema.getFullName() + ", not "
                        + type.getName());
            }
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The resource path of one version, e.g. {@code schema-history/JobSnapshot/v2.avsc}. */
    public static String resourceOf(String recordName, int version) {
        return RESOURCE_ROOT + "/" + recordName + "/v" + version + ".avsc";
    }

    /** The versions of a record (its simple name, e.g. {@code JobSnapshot}), oldest first; empty if unknown. */
    public List<Schema> versions(String recordName) {
        return versionsByRecord.getOrDefault(recordName, List.of());
    }

    /**
     * A copy that also resolves records written with {@code olderVersion}, which counts as older than every
     * version known so far (for schemas never committed, and for tests).
     */
    public SchemaHistory plus(Schema olderVersion) {
        Objects.requireNonNull(olderVersion, "olderVersion");
        Map<String, List<Schema>> versions = new LinkedHashMap<>(versionsByRecord);
        List<Schema> list = new ArrayList<>();
        list.add(olderVersion);
        list.addAll(versions(olderVersion.getName()));
        versions.put(olderVersion.getName(), list);
        return new SchemaHistory(versions);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    private static final class BuiltIn {
        static final SchemaHistory HISTORY = load(SchemaHistory.class.getClassLoader());
    }
}

package io.mmatracker.poller.publish;

import java.time.Instant;

import io.mmatracker.schema.AsyncTaskSnapshot;
import io.mmatracker.schema.DataSourceSnapshot;
import io.mmatracker.schema.JobSnapshot;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.ScanSnapshot;
import io.mmatracker.schema.SnapshotMeta;
import io.mmatracker.schema.TableSnapshot;
import io.mmatracker.schema.serde.ValueSerdes;
import org.apache.kafka.common.serialization.Serde;
import io.mmatracker.schema.topic.Topics;
import org.apache.avro.specific.SpecificRecord;

/** The one place that knows which snapshot record, topic and data record go with each object kind. */
public final class Snapshots {

    private Snapshots() {
    }

    /** The compacted topic holding the latest snapshot of objects of this kind. */
    public static String topic(Topics topics, ObjectKind kind) {
        return switch (kind) {
            case DATA_SOURCE -> topics.dataSources();
            case SCAN -> topics.scans();
            case JOB -> topics.jobs();
            case TABLE -> topics.tables();
            case ASYNC_TASK -> topics.asyncTasks();
            case UNKNOWN -> throw new IllegalArgumentException("no topic for kind UNKNOWN");
        };
    }

    /** The kind whose snapshots live in this topic, or UNKNOWN. */
    public static ObjectKind kindOf(Topics topics, String topic) {
        for (ObjectKind kind : ObjectKind.values()) {
            if (kind != ObjectKind.UNKNOWN && topic(topics, kind).equals(topic)) {
                return kind;
            }
        }
        return ObjectKind.UNKNOWN;
    }

    /** The default serde (single-object encoding) of this kind's snapshot records. */
    public static Serde<? extends SpecificRecord> serde(ObjectKind kind) {
        return serde(kind, ValueSerdes.defaults());
    }

    /** The serde of this kind's snapshot records from the process's value serde factory. */
    public static Serde<? extends SpecificRecord> serde(ObjectKind kind, ValueSerdes serdes) {
        return serdes.forType(recordType(kind));
    }

    /** The snapshot record class of a kind. */
    public static Class<? extends SpecificRecord> recordType(ObjectKind kind) {
        return switch (kind) {
            case DATA_SOURCE -> DataSourceSnapshot.class;
            case SCAN -> ScanSnapshot.class;
            case JOB -> JobSnapshot.class;
            case TABLE -> TableSnapshot.class;
            case ASYNC_TASK -> AsyncTaskSnapshot.class;
            case UNKNOWN -> throw new IllegalArgumentException("no snapshot record for kind UNKNOWN");
        };
    }

    /** Wraps an MMA data record (already redacted if it is a data source) in its snapshot record. */
    public static SpecificRecord wrap(SnapshotMeta meta, SpecificRecord data) {
        if (data instanceof MmsDataSource ds) {
            return new DataSourceSnapshot(meta, ds);
        } else if (data instanceof MmsFetchMetadataJob scan) {
            return new ScanSnapshot(meta, scan);
        } else if (data instanceof MmsJob job) {
            return new JobSnapshot(meta, job);
        } else if (data instanceof MmsTable table) {
            return new TableSnapshot(meta, table);
        } else if (data instanceof MmsAsyncTask task) {
            return new AsyncTaskSnapshot(meta, task);
        }
        throw new IllegalArgumentException("not an MMA data record: " + data.getClass().getName());
    }

    /** The MMA data record inside a snapshot record. */
    public static SpecificRecord unwrap(SpecificRecord snapshot) {
        if (snapshot instanceof DataSourceSnapshot s) {
            return s.getDataSource();
        } else if (snapshot instanceof ScanSnapshot s) {
            return s.getScan();
        } else if (snapshot instanceof JobSnapshot s) {
            return s.getJob();
        } else if (snapshot instanceof TableSnapshot s) {
            return s.getTable();
        } else if (snapshot instanceof AsyncTaskSnapshot s) {
            return s.getAsyncTask();
        }
        throw new IllegalArgumentException("not a snapshot record: " + snapshot.getClass().getName());
    }

    /** The kind of an MMA data record. */
    public static ObjectKind kindOf(SpecificRecord data) {
        if (data instanceof MmsDataSource) {
            return ObjectKind.DATA_SOURCE;
        } else if (data instanceof MmsFetchMetadataJob) {
            return ObjectKind.SCAN;
        } else if (data instanceof MmsJob) {
            return ObjectKind.JOB;
        } else if (data instanceof MmsTable) {
            return ObjectKind.TABLE;
        } else if (data instanceof MmsAsyncTask) {
            return ObjectKind.ASYNC_TASK;
        }
        return ObjectKind.UNKNOWN;
    }

    /** The envelope of a snapshot read now. */
    public static SnapshotMeta meta(Instant observedAt, String endpoint, String region, String pollerId) {
        return new SnapshotMeta(observedAt, endpoint, region, pollerId);
    }
}

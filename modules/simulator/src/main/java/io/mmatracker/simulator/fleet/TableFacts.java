package io.mmatracker.simulator.fleet;

import static io.mmatracker.simulator.fleet.SeededHash.between;
import static io.mmatracker.simulator.fleet.SeededHash.hash;
import static io.mmatracker.simulator.fleet.SeededHash.pick;
import static io.mmatracker.simulator.fleet.SeededHash.unit;

/**
 * The static facts of a table (name, size, partitions, schema, ...), each a pure function of the seed and the
 * table's global index. This is why a million tables cost no memory: nothing per table is stored.
 */
final class TableFacts {

    static final int MINUTE = 60_000;
    static final long DAY = 86_400_000L;

    private static final long SALT_PARTITIONED = 11;
    private static final long SALT_PARTITIONS = 12;
    private static final long SALT_ROWS = 13;
    private static final long SALT_ROW_BYTES = 14;
    private static final long SALT_DDL = 15;
    private static final long SALT_TYPE = 16;
    private static final long SALT_UPDATED = 17;
    private static final long SALT_WORD = 18;
    private static final long SALT_COLUMNS = 19;
    private static final long SALT_DB_WORD = 20;
    private static final long SALT_FORMAT = 21;

    private static final String[] TABLE_WORDS = {"orders", "customers", "events", "clicks", "payments", "inventory",
        "sessions", "users", "products", "shipments", "invoices", "logs", "metrics", "reviews", "refunds", "campaigns"};
    private static final String[] DB_WORDS = {"sales", "marketing", "finance", "ops", "web", "mobile", "crm", "erp",
        "adtech", "risk"};
    static final String[] COLUMN_NAMES = {"id", "user_id", "amount", "created_at", "status", "payload", "region",
        "score"};
    static final String[] COLUMN_TYPES = {"bigint", "string", "double", "timestamp", "string", "string", "string",
        "double"};

    private TableFacts() {
    }

    static boolean hasPartitions(long seed, long g) {
        return unit(hash(seed, SALT_PARTITIONED, g)) < 0.6;
    }

    /** Number of partitions: 0 for an unpartitioned table, else 1..500 skewed towards small. */
    static int partitions(long seed, long g) {
        if (!hasPartitions(seed, g)) {
            return 0;
        }
        double u = unit(hash(seed, SALT_PARTITIONS, g));
        return 1 + (int) (u * u * u * 500);
    }

    static long numRows(long seed, long g) {
        double u = unit(hash(seed, SALT_ROWS, g));
        return (long) (u * u * 50_000_000L);
    }

    static long size(long seed, long g) {
        return numRows(seed, g) * between(hash(seed, SALT_ROW_BYTES, g), 40, 400);
    }

    static long lastDdlTime(long seed, long g, long epoch) {
        long t = epoch - between(hash(seed, SALT_DDL, g), DAY, 400 * DAY);
        return t - Math.floorMod(t, 1000L);
    }

    static String tableType(long seed, long g) {
        return unit(hash(seed, SALT_TYPE, g)) < 0.85 ? "MANAGED_TABLE" : "EXTERNAL_TABLE";
    }

    static boolean updated(long seed, long g) {
        return unit(hash(seed, SALT_UPDATED, g)) < 0.03;
    }

    /** Unique within its database: a word plus the table's position in the database. */
    static String tableName(long seed, long g, int positionInDb) {
        return pick(hash(seed, SALT_WORD, g), TABLE_WORDS) + "_" + pad(positionInDb, 5);
    }

    static String dbName(long seed, long globalDb, int dbIndex) {
        return pick(hash(seed, SALT_DB_WORD, globalDb), DB_WORDS) + "_db_" + pad(dbIndex, 3);
    }

    static int columnCount(long seed, long g) {
        return (int) between(hash(seed, SALT_COLUMNS, g), 2, 7);
    }

    /** Parquet or ORC, for Hive tables. */
    static boolean isParquet(long seed, long g) {
        return unit(hash(seed, SALT_FORMAT, g)) < 0.7;
    }

    /** Task duration of an attempt in simulated ms: a few minutes plus time per partition, at most 90 minutes. */
    static long taskDuration(long attemptHash, int partitions) {
        long d = between(attemptHash, 2L * MINUTE, 12L * MINUTE) + partitions * 2_000L;
        return Math.min(d, 90L * MINUTE);
    }

    static String pad(int value, int width) {
        String s = Integer.toString(value);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}

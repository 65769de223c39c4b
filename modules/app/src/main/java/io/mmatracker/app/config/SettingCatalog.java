package io.mmatracker.app.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.mmatracker.schema.registry.RegistrySettings;

/**
 * Every setting the tracker reads, with its default and what it accepts: the one list the environment-variable
 * mapping, the unknown-key check, the README and {@code docker/tracker.properties.example} are checked against.
 */
public final class SettingCatalog {

    /** One documented key. */
    public record Entry(String key, String defaultValue, String accepts, String description) {
        public String envName() {
            return Settings.envName(key);
        }
    }

    /** Prefixes whose keys pass through unchecked: Kafka clients, Kafka Streams and the value serdes validate them. */
    public static final List<String> PASS_THROUGH = List.of("kafka.", "streams.config.", "serde.");

    /** The prefix of the value serde settings (Confluent's key names after it). */
    public static final String SERDE = "serde.";

    public static final List<Entry> ENTRIES = List.of(
            e("roles", "poller,streams,query", "a comma-separated subset of poller, streams, query",
                    "the roles `run` starts in this process; query needs streams"),
            e("log.format", "text", "text or json", "log line format (environment or --log-format only)"),
            e("log.level", "info", "error, warn, info, debug or trace", "level of the tracker's own loggers "
                    + "(environment or --log-level only)"),

            e("kafka.bootstrap.servers", "", "host:port[,host:port...]", "the Kafka cluster (required by run and topics)"),

            e("topics.prefix", "mma.", "a topic name prefix", "prefix of every topic name"),
            e("topics.partitions", "6", "a whole number from 1 to 1000", "partitions of topics created here (demo: 3)"),
            e("topics.replication-factor", "3", "a whole number from 1 to 32",
                    "replication factor of topics created here (demo: 1)"),
            e("topics.create", "true", "true or false", "run: create missing topics and verify existing ones at start-up"),

            e("mma.endpoint", "", "an http:// or https:// URL",
                    "the MMA endpoint; give this or mma.region (the poller needs one)"),
            e("mma.region", "", "a region id such as cn-shanghai", "MMA's regional endpoint https://maxcompute.<region>.aliyuncs.com"),
            e("mma.access-key-id", "", "an AccessKey id", "signs MMA requests; else ALIBABA_CLOUD_ACCESS_KEY_ID"),
            e("mma.access-key-secret", "", "its secret", "never logged; else ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            e("mma.security-token", "", "an STS token", "with STS credentials; never logged; else ALIBABA_CLOUD_SECURITY_TOKEN"),
            e("mma.connect-timeout", "5s", "a duration", "TCP/TLS connect timeout of MMA calls"),
            e("mma.request-timeout", "30s", "a duration", "deadline of one MMA call"),

            e("poller.id", "", "a name", "this poller instance in snapshots and watermarks; default <host name>-<pid>"),
            e("poller.source-ids", "", "comma-separated data source ids", "the data sources to poll; empty: every one MMA lists"),
            e("poller.requests-per-second", "20", "more than 0, at most 10000", "ceiling of the MMA request budget"),
            e("poller.active-interval", "5s", "a duration", "how often moving objects are polled"),
            e("poller.reconcile-interval", "10m", "a duration, not shorter than poller.active-interval",
                    "how often each source is fully listed (demo: 1m)"),
            e("poller.discovery-interval", "1m", "a duration", "how often MMA's data source list is read"),
            e("poller.catch-up-interval", "30s", "a duration",
                    "earliest next full listing once MMA's table counters show tables that finished unseen"),
            e("poller.retry-initial", "1s", "a duration", "first backoff of a source whose poll failed"),
            e("poller.retry-max", "5m", "a duration", "longest backoff"),
            e("poller.active-job-statuses", "INIT,DOING", "comma-separated job statuses", "jobs polled every active interval"),
            e("poller.active-table-statuses", "DOING", "comma-separated table statuses",
                    "tables polled every active interval"),
            e("poller.page-size", "1000", "1 to 1000", "page size of MMA list calls"),
            e("poller.workers", "4", "1 to 64", "data sources polled in parallel"),
            e("poller.coordination-partitions", "12", "1 to 1000", "partitions of the poller coordination topic"),
            e("poller.task-log-share", "0.25", "more than 0, at most 1",
                    "share of poller.requests-per-second that reading failed tasks' logs may take; the others wait, oldest first"),
            e("poller.scan-as-async-task", "true", "true or false", "also follow a data source's scan as an async task"),
            e("poller.close-timeout", "30s", "a duration",
                    "how long stopping waits for the running polls it interrupted, and starting for the coordination topic"),

            e("streams.application-id", "mma-tracker", "a Kafka Streams application id",
                    "instances sharing it share the work and the state"),
            e("streams.state-dir", "./mma-tracker-state", "a directory",
                    "where Streams keeps its RocksDB stores (demo: <data-dir>/streams)"),
            e("streams.num-standby-replicas", "0", "a whole number from 0 to 10", "warm copies of every store on other instances"),
            e("streams.num-stream-threads", "1", "a whole number from 1 to 64", "Streams processing threads"),
            e("streams.stall-timeout", "30m", "a duration", "an active object unchanged this long raises a STALLED alert"),
            e("streams.stall-check-interval", "1m", "a duration", "how often stalled objects are looked for"),
            e("streams.rocksdb-memory-mb", "128", "a whole number from 0 to 65536",
                    "off-heap memory shared by every RocksDB store of the process (block cache and memtables); 0: RocksDB's per-store defaults"),

            e(SERDE + RegistrySettings.URL, "", "an http(s) URL of Confluent's Schema Registry API, or several separated by commas",
                    "registry mode: every value in Confluent's wire format, schemas registered there at start "
                    + "(Apicurio: http://host:port/apis/ccompat/v7); empty: single-object encoding, no registry"),
            e(SERDE + RegistrySettings.CREDENTIALS_SOURCE, "USER_INFO", "USER_INFO or URL",
                    "where the registry's basic-auth credentials come from: serde.basic.auth.user.info, or the URL's user info"),
            e(SERDE + RegistrySettings.USER_INFO, "", "user:password", "basic authentication to the registry; never logged"),
            e(SERDE + RegistrySettings.AUTO_REGISTER, Boolean.toString(RegistrySettings.DEFAULT_AUTO_REGISTER), "true or false",
                    "register the tracker's schemas at start (false: only check they are registered)"),
            e(SERDE + RegistrySettings.COMPATIBILITY, RegistrySettings.DEFAULT_COMPATIBILITY, "BACKWARD, BACKWARD_TRANSITIVE, FULL or FULL_TRANSITIVE",
                    "the level a subject is given at start unless it already has this or a stricter one"),
            e(SERDE + RegistrySettings.RETRY_TIMEOUT_MS, Long.toString(RegistrySettings.DEFAULT_RETRY_TIMEOUT_MS), "milliseconds, more than 0",
                    "how long a record waits for an unreachable registry (an id not yet cached) before it fails"),

            e("group.session-timeout", "10s", "a duration from 1s to 30m (a cluster allows 6s to 30m unless it says otherwise)",
                    "a member of a Kafka group (Kafka Streams, the poller's coordination group) that stops heartbeating is "
                            + "declared dead after this and its work moves to the others"),
            e("group.heartbeat-interval", "2s", "a duration, less than a third of group.session-timeout",
                    "how often each member tells the group coordinator it is alive"),
            e("group.static-membership", "true", "true or false",
                    "join Kafka groups with a group.instance.id kept in the state directory, so that this instance's own "
                            + "restart is recognised at once instead of waiting out the session of its previous run"),

            e("query.port", "8080", "0 to 65535 (0: a free port)", "HTTP port of the API, the event stream and /metrics"),
            e("query.bind-host", "0.0.0.0", "an address", "address the HTTP API listens on (demo: 127.0.0.1)"),
            e("query.advertised", "", "host:port",
                    "how other instances reach this one (Streams' application.server); default localhost:<query.port>"),
            e("query.io-threads", "", "1 to 256", "non-blocking HTTP I/O threads; default one per core"),
            e("query.worker-threads", "8", "1 to 1024", "threads for blocking HTTP work"),
            e("query.cache-max-bytes", "67108864", "0 or more", "budget of the encoded-JSON cache (0 disables it)"),
            e("query.forward-timeout-ms", "2000", "more than 0", "how long to wait for another instance"),
            e("query.retry-after-seconds", "1", "1 or more", "Retry-After of a 503"),
            e("query.store-attempts", "3", "1 to 100", "attempts of a local store read while stores migrate"),
            e("query.unavailable-retry-ms", "1000", "0 to 60000", "how long a GET or list no copy can answer is retried "
                    + "(100 ms apart) before its 503; 0 = at once"),
            e("query.event-buffer", "10000", "1 or more", "recent events kept for resuming event streams"),
            e("query.event-backfill", "1000", "0 or more", "past records per partition read at start"),
            e("query.sse-max-pending", "1000", "1 or more", "unsent events after which a slow stream is closed"),
            e("query.sse-keep-alive-ms", "15000", "100 or more", "keep-alive comment interval of idle streams"),
            e("query.auth-file", "", "a file path", "access control: AccessKeys, tokens and their RAM policies (see the query README); run refuses a non-loopback query.bind-host without it"),
            e("query.auth", "file", "file or none", "none: serve without access control on purpose, also on a non-loopback address (a warning at start)"),
            e("query.auth-reload-ms", "2000", "100 or more", "how often the auth file and the files it names are checked for changes"),
            e("query.tls.cert-file", "", "a PEM file", "certificate chain of the HTTPS listener; with it the port speaks only HTTPS"),
            e("query.tls.key-file", "", "a PEM file", "unencrypted private key of query.tls.cert-file"),
            e("query.tls.client-ca-file", "", "a PEM file", "CA of client certificates that identify other instances (mTLS between instances)"),

            e("simulator.host", "127.0.0.1", "an address", "simulate, demo: address the simulator listens on"),
            e("simulator.port", "8090", "0 to 65535 (0: a free port)", "simulate, demo: the simulator's port"),
            e("simulator.seed", "42", "a whole number", "everything the simulator generates derives from it"),
            e("simulator.sources", "3", "0 to 10000", "data sources in the simulated fleet"),
            e("simulator.jobs-per-source", "4", "0 to 1000000", "migration jobs per data source"),
            e("simulator.tables-per-source", "40", "0 or more", "tables per data source"),
            e("simulator.speed", "60", "more than 0, at most 1000000", "simulated seconds per real second"),
            e("simulator.failure-rate", "0.1", "0 to 1", "share of task attempts and scans that fail"),
            e("simulator.server-error-rate", "0", "0 to 1", "share of answers 500/503"),
            e("simulator.throttle-rate", "0", "0 to 1", "share of answers Throttling.User"),
            e("simulator.malformed-rate", "0", "0 to 1", "share of answers with a truncated JSON body"),
            e("simulator.reset-rate", "0", "0 to 1", "share of connections reset without an answer"),
            e("simulator.latency", "0ms", "a duration up to 60s", "delay added to every answer"),
            e("simulator.latency-jitter", "0ms", "a duration up to 60s", "up to this much more delay"),
            e("simulator.fault-operations", "", "comma-separated MMA operations", "the operations faults apply to; empty: all"),
            e("simulator.access-key-id", "", "an AccessKey id", "require requests signed by this AccessKey"),
            e("simulator.access-key-secret", "", "its secret", "never logged"),

            e("demo.data-dir", "./mma-tracker-data", "a directory", "demo: broker data and Streams state; kept across restarts"),
            e("demo.host", "127.0.0.1", "an address", "demo: address the embedded broker listens on and advertises"),
            e("demo.kafka-port", "9092", "0 to 65535 (0: a free port)", "demo: the embedded broker's client port"));

    private SettingCatalog() {
    }

    /** The documented default of a key: code reads it from here rather than writing it again. */
    public static String defaultOf(String key) {
        return ENTRIES.stream().filter(entry -> entry.key().equals(key)).findFirst().map(Entry::defaultValue)
                .orElseThrow(() -> new IllegalArgumentException("no setting " + key + " in the catalog"));
    }

    /** Every documented key. */
    public static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        ENTRIES.forEach(entry -> keys.add(entry.key()));
        return keys;
    }

    private static Entry e(String key, String defaultValue, String accepts, String description) {
        return new Entry(key, defaultValue, accepts, description);
    }
}

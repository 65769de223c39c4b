package io.mmatracker.simulator;

import io.mmatracker.simulator.fault.FaultConfig;
import io.mmatracker.simulator.protocol.SimulatedOperations;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to run the MMA simulator: where it listens, the fleet it generates (all derived from {@code seed}), how
 * fast simulated time runs, the share of migrations that fail, the faults it injects, and optionally an AccessKey
 * pair whose ACS3-HMAC-SHA256 signatures it then requires. The defaults make a small, lively demo.
 *
 * @param host            address to listen on
 * @param port            port to listen on; 0 picks a free one
 * @param seed            everything generated derives from it
 * @param sources         number of data sources
 * @param jobsPerSource   migration jobs (and databases) per data source
 * @param tablesPerSource tables per data source
 * @param speed           simulated time runs this many times faster than the clock
 * @param failureRate     share of task attempts and metadata scans that fail
 * @param faults          faults injected from the start (changeable at run time)
 * @param accessKeyId     with {@code accessKeySecret}: require requests signed with this key; both null: don't
 * @param accessKeySecret the secret of {@code accessKeyId}; never printed
 */
public record SimulatorConfig(String host, int port, long seed, int sources, int jobsPerSource, int tablesPerSource,
                              double speed, double failureRate, FaultConfig faults, String accessKeyId,
                              String accessKeySecret) {

    /** Environment variable read for the AccessKey secret when no flag gives it. */
    public static final String SECRET_ENV = "MMA_SIMULATOR_ACCESS_KEY_SECRET";

    /** The command-line flags {@link #fromArgs} understands, with what they take. */
    public static final Map<String, String> FLAGS = flags();

    public SimulatorConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host (--host) must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port (--port) must be within 0..65535 (0 = any free port), got "
                + port);
        }
        if (sources < 0 || sources > 10_000) {
            throw new IllegalArgumentException("sources (--sources) must be within 0..10000, got " + sources);
        }
        if (jobsPerSource < 0 || jobsPerSource > 1_000_000) {
            throw new IllegalArgumentException("jobsPerSource (--jobs-per-source) must be within 0..1000000, got "
                + jobsPerSource);
        }
        if (tablesPerSource < 0 || (long) sources * tablesPerSource > 100_000_000L) {
            throw new IllegalArgumentException("tablesPerSource (--tables-per-source) must be non-negative and "
                + "sources x tablesPerSource at most 100000000, got " + tablesPerSource);
        }
        if (!(speed > 0) || speed > 1_000_000) {
            throw new IllegalArgumentException("speed (--speed) must be above 0 and at most 1000000, got " + speed);
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate (--failure-rate) must be within 0..1, got "
                + failureRate);
        }
        if (faults == null) {
            faults = FaultConfig.NONE;
        }
        if ((accessKeyId == null) != (accessKeySecret == null)) {
            throw new IllegalArgumentException("accessKeyId (--access-key-id) and accessKeySecret "
                + "(--access-key-secret or " + SECRET_ENV + ") must be given together");
        }
        if (accessKeyId != null && (accessKeyId.isBlank() || accessKeySecret.isEmpty())) {
            throw new IllegalArgumentException("accessKeyId and accessKeySecret must not be empty");
        }
    }

    /** A small lively demo: 3 sources (one of each type) x 4 jobs x 40 tables at 60x speed, 10 % failures. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 8090, 42, 3, 4, 40, 60, 0.1, FaultConfig.NONE, null, null);
    }

    /** Whether requests must carry a valid ACS3-HMAC-SHA256 signature. */
    public boolean requiresSignature() {
        return accessKeyId != null;
    }

    public SimulatorConfig withHost(String host) {
        return new SimulatorConfig(host, port, seed, sources, jobsPerSource, tablesPerSource, speed, failureRate,
            faults, accessKeyId, accessKeySecret);
    }

    public SimulatorConfig withPort(int port) {
        return new SimulatorConfig(host, port, seed, sources, jobsPerSource, tablesPerSource, speed, failureRate,
            faults, accessKeyId, accessKeySecret);
    }

    public SimulatorConfig withSeed(long seed) {
        return new SimulatorConfig(host, port, seed, sources, jobsPerSource, tablesPerSource, speed, failureRate,
            faults, accessKeyId, accessKeySecret);
    }

    public SimulatorConfig withFleet(int sources, int jobsPerSource, int tablesPerSource) {
        return new SimulatorConfig(host, port, seed, sources, jobsPerSource, tablesPerSource, speed, failureRate,
            faults, accessKeyId, accessKeySecret);
    }

    public SimulatorConfig withSpeed(double speed) {
        return new SimulatorConfig(host, port, seed, sources, jobsPerSource, tablesPerSource, speed, failureRate,
            faults, accessKeyId, accessKeySecret);
    }

    public SimulatorConfig withFailureRate(double failureRate) {
        return new SimulatorConfig(host, port, seed, sources, jobsPerSource, tablesPerSource, speed, failureRate,
            faults, accessKeyId, accessKeySecret);
    }

    public SimulatorConfig withFaults(FaultConfig faults) {
        return new SimulatorConfig(host, port, seed, sources, jobsPerSource, tablesPerSource, speed, failureRate,
            faults, accessKeyId, accessKeySecret);
    }

    public SimulatorConfig withAccessKey(String accessKeyId, String accessKeySecret) {
        return new SimulatorConfig(host, port, seed, sources, jobsPerSource, tablesPerSource, speed, failureRate,
            faults, accessKeyId, accessKeySecret);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", seed=" + seed + ", sources=" + sources
            + ", jobsPerSource=" + jobsPerSource + ", tablesPerSource=" + tablesPerSource + ", speed=" + speed
            + ", failureRate=" + failureRate + ", faults=" + faults + ", accessKeyId=" + accessKeyId
            + ", accessKeySecret=" + (accessKeySecret == null ? "null" : "***") + "]";
    }

    /**
     * The defaults changed by command-line flags ({@code --name value} or {@code --name=value}, see
     * {@link #FLAGS}); the secret may come from the environment variable {@link #SECRET_ENV} instead of a flag.
     *
     * @throws IllegalArgumentException naming the flag when a flag is unknown or its value is bad
     */
    public static SimulatorConfig fromArgs(List<String> args, Map<String, String> environment) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; flags: "
                    + String.join(", ", FLAGS.keySet()));
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg;
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + ": missing value (" + FLAGS.getOrDefault(name, "?")
                        + ")");
                }
                value = args.get(++i);
            }
            if (!FLAGS.containsKey(name)) {
                throw new IllegalArgumentException("unknown flag " + name + "; flags: "
                    + String.join(", ", FLAGS.keySet()));
            }
            given.put(name, value);
        }
        SimulatorConfig d = defaults();
        FaultConfig f;
        try {
            f = new FaultConfig(dbl(given, "--server-error-rate", 0), integer(given, "--server-error-status", 0),
                dbl(given, "--throttle-rate", 0), integer(given, "--throttle-status", 0), lng(given, "--latency-ms", 0),
                lng(given, "--latency-jitter-ms", 0), dbl(given, "--malformed-rate", 0), dbl(given, "--reset-rate", 0),
                given.containsKey("--fault-operations")
                    ? new TreeSet<>(Arrays.asList(given.get("--fault-operations").split(","))) : Set.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault flags: " + e.getMessage(), e);
        }
        String secret = given.getOrDefault("--access-key-secret", environment.get(SECRET_ENV));
        String keyId = given.get("--access-key-id");
        return new SimulatorConfig(given.getOrDefault("--host", d.host()), integer(given, "--port", d.port()),
            lng(given, "--seed", d.seed()), integer(given, "--sources", d.sources()),
            integer(given, "--jobs-per-source", d.jobsPerSource()),
            integer(given, "--tables-per-source", d.tablesPerSource()), dbl(given, "--speed", d.speed()),
            dbl(given, "--failure-rate", d.failureRate()), f, keyId, keyId == null ? null : secret);
    }

    private static Map<String, String> flags() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--host", "address to listen on (default 127.0.0.1)");
        m.put("--port", "port, 0 = any free port (default 8090)");
        m.put("--seed", "seed of the generated fleet (default 42)");
        m.put("--sources", "data sources (default 3)");
        m.put("--jobs-per-source", "jobs and databases per source (default 4)");
        m.put("--tables-per-source", "tables per source (default 40)");
        m.put("--speed", "simulated seconds per clock second (default 60)");
        m.put("--failure-rate", "share of task attempts and scans that fail, 0..1 (default 0.1)");
        m.put("--server-error-rate", "share of answers 500/503, 0..1 (default 0)");
        m.put("--server-error-status", "500, 503 or 0 = both (default 0)");
        m.put("--throttle-rate", "share of answers Throttling.User, 0..1 (default 0)");
        m.put("--throttle-status", "400, 429 or 0 = both (default 0)");
        m.put("--latency-ms", "delay added to every answer (default 0)");
        m.put("--latency-jitter-ms", "up to this much more delay (default 0)");
        m.put("--malformed-rate", "share of answers with a truncated JSON body, 0..1 (default 0)");
        m.put("--reset-rate", "share of connections reset without answer, 0..1 (default 0)");
        m.put("--fault-operations", "comma-separated MMA operations the faults apply to (default all)");
        m.put("--access-key-id", "require ACS3-HMAC-SHA256 signatures by this AccessKey");
        m.put("--access-key-secret", "its secret (or set " + SECRET_ENV + ")");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static double dbl(Map<String, String> given, String flag, double fallback) {
        String v = given.get(flag);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected a number, got '" + v + "'");
        }
    }

    private static long lng(Map<String, String> given, String flag, long fallback) {
        String v = given.get(flag);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected an integer, got '" + v + "'");
        }
    }

    private static int integer(Map<String, String> given, String flag, int fallback) {
        long v = lng(given, flag, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + ": out of range: " + v);
        }
        return (int) v;
    }

    /** The operations faults may name (for help texts). */
    public static Set<String> faultOperations() {
        Set<String> ops = new TreeSet<>();
        for (var op : SimulatedOperations.all()) {
            ops.add(op.action());
        }
        return ops;
    }
}

package io.mmatracker.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry (in-memory storage) in a child process on free loopback ports, from the distribution
 * the testkit's build unpacked ({@code io.apicurio:apicurio-registry-app:tar.gz:all}). Confluent's REST API is at
 * {@link #ccompatUrl()}. {@link #close()} kills the process; a JVM shutdown hook does so too if a run is cut short.
 */
public final class ApicurioRegistry implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    /** Path of Confluent's API in Apicurio 2.x. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private ApicurioRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "apicurio-registry-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the registry and returns once its Confluent API answers; the log goes to {@code logDirectory}. */
    public static ApicurioRegistry start(Path logDirectory) {
        Path runner = runnerJar();
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        try {
            Files.createDirectories(logDirectory);
            Path log = Files.createTempFile(logDirectory, "apicurio-", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                    "-jar", runner.toString()))
                    .directory(runner.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ApicurioRegistry registry = new ApicurioRegistry(process, port, log);
            try {
                registry.awaitReady();
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Apicurio Registry from " + runner, e);
        }
    }

    /** The Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + "; log: "
                        + tail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    LOG.info("Apicurio Registry ready at {} after {} ms", ccompatUrl(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
        }
        throw new IllegalStateException("Apicurio Registry did not answer within " + READY_TIMEOUT + "; log: " + tail());
    }

    private String tail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The runner jar under the directory the build unpacked the distribution into. */
    static Path runnerJar() {
        Properties props = new Properties();
        try (InputStream in = ApicurioRegistry.class.getResourceAsStream("/apicurio.properties")) {
            if (in == null) {
                throw new IllegalStateException("apicurio.properties is missing from the testkit jar");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = props.getProperty("apicurio.version");
        Path jar = Path.of(props.getProperty("apicurio.directory"), "apicurio-registry-app-" + version + "-runner.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the testkit module (mvn -pl modules/testkit -am "
                    + "package -DskipTests) so that maven-dependency-plugin unpacks the Apicurio distribution");
        }
        return jar;
    }

    /** Kills the process and waits for it to go. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }
}
